import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { verifyWithCheckpoints, writeCheckpoint } from '../../src/features/audit/index.js';
import { buildUser } from '../factories.js';
import { fileReport } from '../reports.factories.js';
import { testNode } from '../node.js';
import { api } from '../http.js';
import {
  appendCustody,
  buildForensic,
  createRemains,
  custodyEvent,
  INSTITUTIONS as I,
} from '../remains.factories.js';

// Issue 15 item 6: history verifiable against signed checkpoints a database writer cannot rewrite.
async function asDatabaseWriter(sql: string, params: unknown[] = [], table = 'audit_events') {
  const { db } = testNode();
  await db.exec(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  try {
    await db.query(sql, params);
  } finally {
    await db.exec(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  }
}

/** Remains with three custody events; returns their id and the forensic token. */
async function custodyHistory() {
  const { token } = await buildForensic('IT');
  const r = await createRemains(token);
  for (const e of [
    custodyEvent('recovered', { custodian: I.coastGuard, location: { name: 'Lampedusa pier' } }),
    custodyEvent('transported', { location: { name: 'Porto Empedocle', country: 'IT' } }),
    custodyEvent('received_at_morgue', { custodian: I.morgue, location: { name: 'Palermo' } }),
  ]) {
    const res = await appendCustody(token, r.id, e);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
  }
  return { id: r.id, token };
}

async function custodyVerifies(token: string, id: string): Promise<boolean> {
  const res = await api.get(`/api/v1/remains/${id}/custody/verify`, token);
  expect(res.status).to.equal(200);
  return res.body.ok as boolean;
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

  it('reports a deleted last custody event with its head rewound, which the chain alone accepts', async () => {
    const { db, services } = testNode();
    const { id, token } = await custodyHistory();
    const cp = (await writeCheckpoint(db, services.keys, file))!;
    expect(cp.custody).to.deep.include({ remainsId: id, position: 3, hash: cp.custody![0]!.hash });
    const [second] = await db.query<{ hash: string }>(
      'SELECT hash FROM custody_events WHERE remains_id = $1 AND position = 2',
      [id],
    );
    await asDatabaseWriter(
      'DELETE FROM custody_events WHERE remains_id = $1 AND position = 3',
      [id],
      'custody_events',
    );
    await db.query(`UPDATE custody_heads SET position = 2, hash = $2 WHERE remains_id = $1`, [
      id,
      second!.hash,
    ]);
    expect(await custodyVerifies(token, id)).to.equal(true);
    const result = await verifyWithCheckpoints(db, services.keys, file);
    expect(result.ok).to.equal(false);
    expect(result.checkpointProblems).to.deep.equal([
      {
        line: 1,
        chain: 'custody',
        remainsId: id,
        position: 3,
        reason: 'the custody chain no longer reaches this checkpoint (truncated)',
      },
    ]);
  });

  it('reports custody hashes recomputed after an edit, and only checkpoints heads that moved', async () => {
    const { db, services } = testNode();
    const { id, token } = await custodyHistory();
    await writeCheckpoint(db, services.keys, file);
    const again = (await writeCheckpoint(db, services.keys, file))!;
    expect(again.custody).to.equal(undefined);
    // Rewrite event 2 and recompute every later hash and the head: the chain verifies again.
    const { hashCustodyEvent, custodyContentOf } =
      await import('../../src/features/custody/custody.chain.js');
    const { listCustodyEvents } = await import('../../src/features/custody/index.js');
    const events = await listCustodyEvents(db, id);
    let prev = events[0]!.hash;
    for (const e of events.slice(1)) {
      const notes = e.position === 2 ? 'rewritten' : e.notes;
      const hash = hashCustodyEvent(custodyContentOf({ ...e, notes, prevHash: prev }));
      await asDatabaseWriter(
        'UPDATE custody_events SET notes = $3, prev_hash = $4, hash = $5 WHERE remains_id = $1 AND position = $2',
        [id, e.position, notes, prev, hash],
        'custody_events',
      );
      prev = hash;
    }
    await db.query('UPDATE custody_heads SET hash = $2 WHERE remains_id = $1', [id, prev]);
    expect(await custodyVerifies(token, id)).to.equal(true);
    const result = await verifyWithCheckpoints(db, services.keys, file);
    expect(result.checkpointProblems.map((p) => [p.line, p.chain, p.position])).to.deep.equal([
      [1, 'custody', 3],
    ]);
    expect(result.checkpointProblems[0]!.reason).to.contain('another hash');
  });

  it('GET /api/v1/audit/verify reads the checkpoint file', async () => {
    const { db, services, config } = testNode();
    await history();
    const auditor = await buildUser({ role: 'auditor' });
    const shared = config.env.AUDIT_CHECKPOINT_FILE;
    // Start from no file: another test may have checkpointed the shared node already.
    rmSync(shared, { force: true });
    try {
      const cp = (await writeCheckpoint(db, services.keys, shared))!;
      const fine = await api.get('/api/v1/audit/verify', auditor.token);
      expect(fine.status).to.equal(200);
      expect(fine.body).to.include({ ok: true, checkpoints: 1 });
      await asDatabaseWriter('DELETE FROM audit_events WHERE position >= $1', [cp.position]);
      const res = await api.get('/api/v1/audit/verify', auditor.token);
      expect(res.status).to.equal(200);
      expect(res.body.ok).to.equal(false);
      expect(res.body.checkpointProblems[0]).to.include({
        line: 1,
        chain: 'audit',
        position: cp.position,
      });
    } finally {
      rmSync(shared, { force: true });
    }
  });

  it('npm run audit:verify reads the checkpoint file and exits 1 naming the line', async function () {
    this.timeout(600_000);
    const { db, services } = testNode();
    await history();
    const cp = (await writeCheckpoint(db, services.keys, file))!;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      AUDIT_CHECKPOINT_FILE: file,
      DATA_DIR: join(dir, 'node'),
    };
    delete env.DATABASE_URL;
    if (process.env.TEST_DATABASE_URL) {
      // The same database: the truncated tail is named.
      env.DATABASE_URL = process.env.TEST_DATABASE_URL;
      await asDatabaseWriter('DELETE FROM audit_events WHERE position >= $1', [cp.position]);
    }
    const run = spawnSync(
      join(process.cwd(), 'node_modules', '.bin', 'tsx'),
      ['scripts/audit-verify.ts'],
      {
        env,
        encoding: 'utf8',
        timeout: 580_000,
      },
    );
    expect(run.status, run.stdout + run.stderr).to.equal(1);
    expect(run.stdout).to.contain('checkpoints: 1 read from');
    // On PGlite the script opens a fresh node whose key did not sign the line.
    expect(run.stderr).to.match(
      process.env.TEST_DATABASE_URL
        ? /checkpoint line 1 \(audit chain, position \d+\): the chain no longer reaches/
        : /checkpoint line 1 \(audit chain\): signed with a key this node does not know/,
    );
  });
});
