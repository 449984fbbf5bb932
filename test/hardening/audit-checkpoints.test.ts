import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { verifyWithCheckpoints, writeCheckpoint } from '../../src/features/audit/index.js';
import { buildUser } from '../factories.js';
import { fileReport } from '../reports.factories.js';
import { testNode } from '../node.js';

// Issue 15 item 6: history verifiable against signed checkpoints a database writer cannot rewrite.
async function asDatabaseWriter(sql: string, params: unknown[] = []) {
  const { db } = testNode();
  await db.exec('ALTER TABLE audit_events DISABLE TRIGGER USER');
  try {
    await db.query(sql, params);
  } finally {
    await db.exec('ALTER TABLE audit_events ENABLE TRIGGER USER');
  }
}

describe('hardening: signed checkpoints of the audit chain head', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ariadne-cp-'));
    file = join(dir, 'checkpoints', 'audit.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function history() {
    const { token } = await buildUser({ role: 'caseworker' });
    await fileReport(token);
    await fileReport(token);
  }

  it('verifies an untouched chain against its checkpoint', async () => {
    const { db, services } = testNode();
    await history();
    const cp = await writeCheckpoint(db, services.keys, file);
    expect(cp?.position).to.be.a('number');
    const result = await verifyWithCheckpoints(db, services.keys, file);
    expect(result.ok).to.equal(true);
    expect(result.checkpoints).to.equal(1);
    expect(result.checkpointProblems).to.deep.equal([]);
  });

  it('reports a truncated tail that the chain alone no longer shows', async () => {
    const { db, services } = testNode();
    await history();
    const cp = (await writeCheckpoint(db, services.keys, file))!;
    await asDatabaseWriter('DELETE FROM audit_events WHERE position >= $1', [cp.position - 1]);
    const result = await verifyWithCheckpoints(db, services.keys, file);
    expect(result.checkpointProblems[0]?.reason).to.contain('no longer reaches');
    expect(result.ok).to.equal(false);
  });

  it('reports a rewritten head hash, and a checkpoint line that was tampered with', async () => {
    const { db, services } = testNode();
    await history();
    const cp = (await writeCheckpoint(db, services.keys, file))!;
    await asDatabaseWriter('UPDATE audit_events SET hash = $2 WHERE position = $1', [
      cp.position,
      'f'.repeat(64),
    ]);
    const rewritten = await verifyWithCheckpoints(db, services.keys, file);
    expect(rewritten.ok).to.equal(false);
    expect(JSON.stringify(rewritten.checkpointProblems)).to.contain('another hash');
    const [h, p, s] = readFileSync(file, 'utf8').trim().split('.');
    const forged = Buffer.from(JSON.stringify({ ...cp, position: 1 })).toString('base64url');
    writeFileSync(file, `${h}.${forged}.${s}\n`);
    expect(p).to.not.equal(forged);
    const tampered = await verifyWithCheckpoints(db, services.keys, file);
    expect(tampered.checkpointProblems[0]?.reason).to.equal('signature does not verify');
  });
});
