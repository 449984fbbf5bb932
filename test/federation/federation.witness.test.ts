import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { recordAudit, sealPending } from '../../src/features/audit/index.js';
import { signMessage } from '../../src/features/federation/index.js';
import type { Database } from '../../src/platform/db/index.js';
import { drainNode, startNode, startPair, type NodeUnderTest } from '../federation.nodes.js';

// Issue 15 item 6, ADR 0160: peers countersign a node's audit checkpoints, keep what they saw,
// and refuse a checkpoint that does not extend it; verification asks them.
const KINDS = ['ping', 'audit.checkpoint', 'audit.countersignature'];
const IT_NODE = 'urn:ariadne:node:it';

async function events(db: Database, n: number) {
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i += 1) {
      await recordAudit(tx, null, { action: 'test_event', subjectType: 'Test', details: { i } });
    }
  });
  await sealPending(db);
}

async function asDatabaseWriter(db: Database, sql: string, params: unknown[] = []) {
  await db.exec('ALTER TABLE audit_events DISABLE TRIGGER USER');
  try {
    await db.query(sql, params);
  } finally {
    await db.exec('ALTER TABLE audit_events ENABLE TRIGGER USER');
  }
}

async function witnessed(node: NodeUnderTest) {
  return node.db.query<{
    position: number;
    countersignature: string | null;
    inconsistency: string | null;
  }>(
    'SELECT position, countersignature, inconsistency FROM audit_witnessed_checkpoints ORDER BY id',
  );
}

async function rejections(node: NodeUnderTest) {
  const rows = await node.db.query<{ details: { reason: string } }>(
    `SELECT details FROM audit_events WHERE action = 'federation_reject' ORDER BY seq`,
  );
  return rows.map((r) => r.details.reason);
}

describe('federation: peers countersign audit checkpoints (witnesses)', function () {
  this.timeout(300_000);
  let tn: NodeUnderTest;
  let itNode: NodeUnderTest;
  let dir: string;
  let tnFile: string;
  beforeEach(async () => {
    ({ tn, it: itNode } = await startPair({ kinds: KINDS }));
    dir = mkdtempSync(join(tmpdir(), 'ariadne-witness-'));
    tnFile = join(dir, 'tn', 'audit.jsonl');
    tn.services.audit.settings.file = tnFile;
    itNode.services.audit.settings.file = join(dir, 'it', 'audit.jsonl');
  });
  afterEach(async () => {
    await tn.stop();
    await itNode.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** TN checkpoints, IT witnesses, TN keeps the countersignature. */
  async function checkpointRound() {
    const cp = (await tn.services.audit.checkpoint())!;
    await drainNode(tn);
    await drainNode(itNode);
    return cp;
  }

  async function verifyAtTn() {
    const auditor = await tn.user('auditor', 'TN');
    const res = await tn.api('get', '/api/v1/audit/verify', auditor.token);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as {
      ok: boolean;
      checkpointProblems: { line?: number; witness?: string; position?: number; reason: string }[];
      checkpointWitnesses: { line: number; witnesses: string[] }[];
      witnessesUnreachable: string[];
    };
  }

  it('round trip: IT verifies, countersigns and keeps the checkpoint; TN keeps the countersignature and reports it', async () => {
    await events(tn.db, 3);
    const cp = await checkpointRound();
    const rows = await witnessed(itNode);
    expect(rows).to.have.length(1);
    expect(Number(rows[0]!.position)).to.equal(cp.position);
    expect(rows[0]!.inconsistency).to.equal(null);
    const kept = readFileSync(join(dir, 'tn', 'countersignatures.jsonl'), 'utf8').trim();
    expect(kept).to.equal(rows[0]!.countersignature);
    const verified = await verifyAtTn();
    expect(verified.ok).to.equal(true);
    expect(verified.checkpointWitnesses).to.deep.equal([{ line: 1, witnesses: [IT_NODE] }]);
    expect(verified.witnessesUnreachable).to.deep.equal([]);
  });

  it('a checkpoint altered in the outbox (by a database writer) is refused by the peer', async () => {
    await events(tn.db, 2);
    await tn.services.audit.checkpoint();
    const [row] = await tn.db.query<{ seq: string; statement: string }>(
      `SELECT seq, body->>'statement' AS statement FROM federation_outbox WHERE kind = 'audit.checkpoint'`,
    );
    const [h, p, s] = row!.statement.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as { hash: string };
    const forged = Buffer.from(JSON.stringify({ ...claims, hash: 'f'.repeat(64) })).toString(
      'base64url',
    );
    await tn.db.query(
      `UPDATE federation_outbox SET body = jsonb_build_object('statement', $2::text) WHERE seq = $1`,
      [row!.seq, `${h}.${forged}.${s}`],
    );
    await drainNode(tn);
    expect(await witnessed(itNode)).to.deep.equal([]);
    expect(await rejections(itNode)).to.deep.equal(['TAMPERED']);
    const [out] = await tn.db.query<{ status: string }>(
      `SELECT status FROM federation_outbox WHERE seq = $1`,
      [row!.seq],
    );
    expect(out!.status).to.equal('failed');
  });

  it('history rewritten at TN, with its checkpoint file and countersignatures rewritten too, is caught by IT’s record', async () => {
    await events(tn.db, 2);
    const first = await checkpointRound();
    await events(tn.db, 4);
    const second = await checkpointRound();
    expect((await witnessed(itNode)).map((r) => r.inconsistency)).to.deep.equal([null, null]);

    // A database writer drops the tail after the first checkpoint and writes another history in
    // its place; the lines and countersignatures that would show it are removed from the files.
    await asDatabaseWriter(tn.db, 'DELETE FROM audit_events WHERE position > $1', [first.position]);
    await events(tn.db, second.position - first.position + 2);
    const lines = readFileSync(tnFile, 'utf8').trim().split('\n');
    writeFileSync(tnFile, `${lines[0]}\n`);
    rmSync(join(dir, 'tn', 'countersignatures.jsonl'));

    const verified = await verifyAtTn();
    expect(verified.ok).to.equal(false);
    const reasons = verified.checkpointProblems.map(
      (p) => `${p.witness} ${p.position} ${p.reason}`,
    );
    expect(reasons).to.include(
      `${IT_NODE} ${second.position} countersigned by ${IT_NODE} with another hash (history rewritten)`,
    );
    expect(reasons).to.include(
      `${IT_NODE} ${second.position} countersigned by ${IT_NODE} but missing from the local checkpoint file (file rewritten)`,
    );

    // The next checkpoint no longer extends what IT saw: IT refuses it and audits the refusal.
    await checkpointRound();
    const rows = await witnessed(itNode);
    expect(rows).to.have.length(3);
    expect(rows[2]!.countersignature).to.equal(null);
    expect(rows[2]!.inconsistency).to.match(/history rewritten|checkpoint file rewritten/);
    const audited = await itNode.db.query<{ details: { origin: string } }>(
      `SELECT details FROM audit_events WHERE action = 'audit_witness_inconsistency'`,
    );
    expect(audited.map((a) => a.details.origin)).to.deep.equal(['urn:ariadne:node:tn']);
    const again = await verifyAtTn();
    expect(again.checkpointProblems.map((p) => p.reason).join('\n')).to.contain(
      `${IT_NODE} refused to countersign`,
    );
  });

  it('a checkpoint from a node that is not a peer is refused, leaving only an audit event', async () => {
    const stranger = await startNode('ma', ['MA']);
    try {
      await events(tn.db, 1);
      const message = await signMessage(
        {
          iss: 'urn:ariadne:node:ma',
          aud: IT_NODE,
          jti: randomUUID(),
          knd: 'audit.checkpoint',
          frm: 'MA',
          to: 'IT',
          sub: 'audit-checkpoint',
          agr: 'TN-IT-2026-MISSING',
          body: { statement: 'x.y.z' },
        },
        await stranger.services.federation.keys.active('sig'),
      );
      const res = await itNode.api('post', '/federation/v1/messages', undefined, { message });
      expect(res.status).to.equal(400);
      expect(res.body.error.details.reason).to.equal('UNKNOWN_PEER');
      expect(await witnessed(itNode)).to.deep.equal([]);
      expect(await rejections(itNode)).to.deep.equal(['UNKNOWN_PEER']);
      const inbox = await itNode.db.query(
        `SELECT 1 FROM federation_inbox WHERE kind = 'audit.checkpoint'`,
      );
      expect(inbox).to.deep.equal([]);
      // Nor does a stranger learn what IT witnessed of anyone.
      const query = await itNode.api('post', '/federation/v1/witness', undefined, { message });
      expect(query.status).to.equal(400);
      expect(query.body.error.details.reason).to.equal('UNKNOWN_PEER');
    } finally {
      await stranger.stop();
    }
  });
});
