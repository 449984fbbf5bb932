import { expect } from 'chai';
import { sealPending, verifyChain } from '../../src/features/audit/index.js';
import { buildOrg, buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';

/** Runs SQL with the append-only triggers lifted, as an attacker with table-owner rights could. */
async function tamper(sql: string) {
  await testNode().db.exec(`
    ALTER TABLE audit_events DISABLE TRIGGER USER;
    ${sql};
    ALTER TABLE audit_events ENABLE TRIGGER USER;
  `);
}

async function someHistory() {
  await buildOrg({ country: 'IT' });
  await buildOrg({ country: 'IT' });
  await buildOrg({ country: 'TN' });
  await buildOrg({ country: 'TN' });
  const auditor = await buildUser({ role: 'auditor', country: 'IT' });
  // What the background sealer does in a running node: give the events their chain positions.
  await sealPending(testNode().db);
  return auditor;
}

describe('audit trail: hash chain', () => {
  it('verifies an untouched chain through the API', async () => {
    const auditor = await someHistory();
    const res = await api.get('/api/v1/audit/verify', auditor.token);
    expect(res.status).to.equal(200);
    expect(res.body.ok).to.equal(true);
    expect(res.body.checked).to.be.greaterThan(4);
    expect(res.body.headHash).to.match(/^[0-9a-f]{64}$/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    await someHistory();
    const { db } = testNode();
    for (const sql of [
      `UPDATE audit_events SET action = 'x' WHERE position = 1`,
      `DELETE FROM audit_events WHERE position = 1`,
      `TRUNCATE audit_events`,
    ]) {
      let error: Error | undefined;
      try {
        await db.exec(sql);
      } catch (err) {
        error = err as Error;
      }
      expect(error?.message, sql).to.match(/append-only/);
    }
    expect((await verifyChain(db)).ok).to.equal(true);
  });

  it('detects an edited row and names it', async () => {
    await someHistory();
    await tamper(`UPDATE audit_events SET subject_country = 'FR' WHERE position = 3`);
    const result = await verifyChain(testNode().db);
    expect(result.ok).to.equal(false);
    expect(result.firstBroken).to.deep.equal({
      position: 3,
      reason: 'content does not match its hash',
    });
  });

  it('detects an edited row even when its hash was recomputed (the next link breaks)', async () => {
    await someHistory();
    await tamper(
      `UPDATE audit_events SET action = 'read', hash = repeat('a', 64) WHERE position = 2`,
    );
    const result = await verifyChain(testNode().db);
    expect(result.ok).to.equal(false);
    expect(result.firstBroken?.position).to.equal(2);
  });

  it('detects a deleted row', async () => {
    await someHistory();
    await tamper(`DELETE FROM audit_events WHERE position = 2`);
    const result = await verifyChain(testNode().db);
    expect(result.ok).to.equal(false);
    expect(result.firstBroken).to.deep.equal({ position: 2, reason: 'event 2 is missing' });
  });

  it('detects rows swapped out of order', async () => {
    await someHistory();
    await tamper(`
      UPDATE audit_events SET position = -1 WHERE position = 2;
      UPDATE audit_events SET position = 2 WHERE position = 3;
      UPDATE audit_events SET position = 3 WHERE position = -1`);
    const result = await verifyChain(testNode().db);
    expect(result.ok).to.equal(false);
    expect(result.firstBroken).to.deep.equal({
      position: 2,
      reason: 'does not link to the event before it',
    });
  });

  it('detects a row inserted into the middle', async () => {
    await someHistory();
    await tamper(`
      UPDATE audit_events SET position = position + 1000 WHERE position >= 3;
      INSERT INTO audit_events (position, at, action, subject_type, prev_hash, hash)
        SELECT 3, now(), 'create', 'Organisation', hash, repeat('b', 64) FROM audit_events WHERE position = 2;
      UPDATE audit_events SET position = position - 999 WHERE position > 1000`);
    const result = await verifyChain(testNode().db);
    expect(result.ok).to.equal(false);
    expect(result.firstBroken?.position).to.equal(3);
  });

  it('keeps one linear chain under concurrent writers and concurrent sealers', async () => {
    const { db } = testNode();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        buildOrg({ country: i % 2 ? 'IT' : 'TN' }).then(() =>
          i % 3 ? undefined : sealPending(db),
        ),
      ),
    );
    await Promise.all([sealPending(db), sealPending(db)]);
    const result = await verifyChain(db);
    expect(result).to.include({ ok: true, checked: 12 });
    const positions = await db.query<{ position: number }>(
      'SELECT position FROM audit_events ORDER BY position',
    );
    expect(positions.map((p) => Number(p.position))).to.deep.equal(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });
});

describe('audit trail: reading events', () => {
  it('an auditor lists events of their country only, newest first, without personal values', async () => {
    const auditor = await buildUser({ role: 'auditor', country: 'IT' });
    const itOrg = await buildOrg({ country: 'IT' });
    const tnOrg = await buildOrg({ country: 'TN' });
    const res = await api.get('/api/v1/audit/events?subjectType=Organisation', auditor.token);
    expect(res.status).to.equal(200);
    const ids = res.body.items.map((e: { subjectId: string }) => e.subjectId);
    expect(ids).to.include(itOrg.id).and.not.include(tnOrg.id);
    const positions = res.body.items.map((e: { position: number }) => e.position);
    expect(positions).to.deep.equal([...positions].sort((a: number, b: number) => b - a));
    expect(JSON.stringify(res.body)).to.not.include(itOrg.name);
  });

  it('records who read a user’s record, with the fields and request id', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const target = await buildUser({ role: 'caseworker', country: 'IT' });
    const read = await api
      .get(`/api/v1/users/${target.user.id}`, admin.token)
      .set('X-Request-Id', 'req-audit-0001');
    expect(read.status).to.equal(200);
    const [event] = await testNode().db.query<{
      actor_id: string;
      action: string;
      fields: string[];
      request_id: string;
    }>(
      `SELECT actor_id, action, fields, request_id FROM audit_events WHERE subject_id = $1 AND action = 'read'`,
      [target.user.id],
    );
    expect(event).to.include({
      actor_id: admin.user.id,
      action: 'read',
      request_id: 'req-audit-0001',
    });
    expect(event?.fields).to.include('email');
  });

  it('rolls the audit event back with the work when the work fails', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const org = await buildOrg({ country: 'IT', name: 'Taken name' });
    const other = await buildOrg({ country: 'IT' });
    const before = await testNode().db.query('SELECT 1 FROM audit_events');
    const res = await api.patch(
      `/api/v1/organisations/${other.id}`,
      { name: org.name },
      admin.token,
    );
    expect(res.status).to.equal(409);
    const after = await testNode().db.query('SELECT 1 FROM audit_events');
    expect(after.length).to.equal(before.length);
  });
});
