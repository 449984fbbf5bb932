import { expect } from 'chai';
import {
  createAuditSealer,
  recordAudit,
  sealPending,
  verifyChain,
} from '../../src/features/audit/index.js';
import { buildOrg, buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';

interface EventRow {
  action: string;
  position: number | null;
  hash: string | null;
}

async function events(): Promise<EventRow[]> {
  return testNode().db.query<EventRow>(
    'SELECT action, position, hash FROM audit_events ORDER BY seq',
  );
}

async function refused(sql: string): Promise<string | undefined> {
  try {
    await testNode().db.exec(sql);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('audit trail: sealing without a global lock', () => {
  it('records the event with the work, unsealed, and the sealer chains it in order', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const target = await buildUser({ role: 'caseworker', country: 'IT' });
    const read = await api.get(`/api/v1/users/${target.user.id}`, admin.token);
    expect(read.status).to.equal(200);
    const before = await events();
    expect(before.map((e) => e.action)).to.include('read');
    expect(before.every((e) => e.position === null && e.hash === null)).to.equal(true);

    expect(await sealPending(testNode().db)).to.equal(before.length);
    const after = await events();
    expect(after.map((e) => Number(e.position))).to.deep.equal(before.map((_, i) => i + 1));
    expect(await verifyChain(testNode().db)).to.include({ ok: true, checked: before.length });
    expect(await sealPending(testNode().db)).to.equal(0);
  });

  it('leaves no event, sealed or not, for a rolled-back change', async () => {
    const { db } = testNode();
    let failed = false;
    try {
      await db.transaction(async (tx) => {
        await recordAudit(tx, null, { action: 'update', subjectType: 'Organisation' });
        throw new Error('the work failed');
      });
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect(await events()).to.deep.equal([]);
    expect(await sealPending(db)).to.equal(0);
  });

  it('lets the sealer fill the chain columns once and refuses every other change', async () => {
    await buildOrg({ country: 'IT' });
    // Unsealed: its content cannot change, and it cannot be deleted.
    expect(await refused(`UPDATE audit_events SET action = 'x'`)).to.match(/append-only/);
    expect(
      await refused(
        `UPDATE audit_events SET action = 'x', position = 1, prev_hash = 'a', hash = 'b'`,
      ),
    ).to.match(/append-only/);
    expect(await refused('DELETE FROM audit_events')).to.match(/append-only/);
    await sealPending(testNode().db);
    // Sealed: not even the chain columns can change again.
    expect(await refused(`UPDATE audit_events SET hash = repeat('c', 64)`)).to.match(/append-only/);
    expect(
      await refused(`UPDATE audit_events SET position = NULL, prev_hash = NULL, hash = NULL`),
    ).to.match(/append-only/);
    expect((await verifyChain(testNode().db)).ok).to.equal(true);
  });

  it('verification through the API covers every event committed before it', async () => {
    const auditor = await buildUser({ role: 'auditor', country: 'IT' });
    await buildOrg({ country: 'TN' });
    const recorded = (await events()).length;
    const res = await api.get('/api/v1/audit/verify', auditor.token);
    expect(res.status).to.equal(200);
    // The verification itself is not audited, so the count is exactly what was recorded before.
    expect(res.body).to.include({ ok: true, checked: recorded });
    // With the signed checkpoints read from the file outside the database (ADR 0104).
    expect(Object.keys(res.body).sort()).to.deep.equal([
      'checked',
      'checkpointProblems',
      'checkpointWitnesses',
      'checkpoints',
      'headHash',
      'ok',
      'witnessesUnreachable',
    ]);
    // And what peers witnessed of them (ADR 0160): none here, no peer registered.
    expect(res.body).to.deep.include({
      checkpoints: 0,
      checkpointWitnesses: [],
      witnessesUnreachable: [],
    });
  });

  it('reports the sealing backlog on /health', async () => {
    await buildOrg({ country: 'IT' });
    await buildOrg({ country: 'IT' });
    const pending = await api.get('/health');
    expect(pending.status).to.equal(200);
    expect(pending.body.audit.unsealed).to.equal(2);
    expect(pending.body.audit.lagMs).to.be.a('number').and.at.least(0);
    await sealPending(testNode().db);
    const sealed = await api.get('/health');
    expect(sealed.body.audit).to.deep.equal({ unsealed: 0, lagMs: 0 });
  });

  it('the background sealer chains new events by itself and seals the rest when stopped', async () => {
    const { db } = testNode();
    const sealer = createAuditSealer(db, { intervalMs: 10, sweepMs: 50 });
    sealer.start();
    try {
      await buildOrg({ country: 'IT' });
      for (let i = 0; i < 200 && (await events()).some((e) => e.position === null); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect((await events()).map((e) => e.position)).to.deep.equal([1]);
    } finally {
      await sealer.stop();
    }
    await buildOrg({ country: 'IT' });
    await sealer.stop();
    expect((await events()).map((e) => Number(e.position))).to.deep.equal([1, 2]);
  });

  it('chains a transaction that commits after a later one in commit order (PostgreSQL)', async function () {
    const { db } = testNode();
    if (db.kind !== 'postgres') {
      // PGlite runs one transaction at a time: there is no overtaking to test.
      this.skip();
    }
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = db.transaction(async (tx) => {
      await recordAudit(tx, null, { action: 'slow', subjectType: 'Test' });
      await gate;
    });
    await db.transaction((tx) => recordAudit(tx, null, { action: 'fast', subjectType: 'Test' }));
    await sealPending(db);
    release();
    await slow;
    await sealPending(db);
    const rows = await db.query<{ action: string; position: number }>(
      'SELECT action, position FROM audit_events ORDER BY position',
    );
    expect(rows.map((r) => [r.action, Number(r.position)])).to.deep.equal([
      ['fast', 1],
      ['slow', 2],
    ]);
    expect(await verifyChain(db)).to.include({ ok: true, checked: 2 });
  });
});
