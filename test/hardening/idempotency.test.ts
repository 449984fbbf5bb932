import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { call } from '../http.js';
import { testNode } from '../node.js';
import { reportBody } from '../reports.factories.js';
import { buildForensic, incidentBody } from '../remains.factories.js';

// Issue 15 item 8: an Idempotency-Key makes a creating POST safe to retry.
async function count(table: string): Promise<number> {
  const rows = await testNode().db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

const post = (path: string, token: string, body: object, key?: string) => {
  const req = call('post', path, token);
  return (key ? req.set('Idempotency-Key', key) : req).send(body);
};

describe('hardening: Idempotency-Key on creating POSTs', () => {
  it('answers the same key and body with the first response and creates one report', async () => {
    const { token } = await buildUser({ role: 'caseworker' });
    const first = await post('/api/v1/reports', token, reportBody(), 'k-1');
    const again = await post('/api/v1/reports', token, reportBody(), 'k-1');
    expect(first.status).to.equal(201);
    expect(again.status).to.equal(201);
    expect(again.body.id).to.equal(first.body.id);
    expect(again.body.caseNumber).to.equal(first.body.caseNumber);
    expect(again.get('Idempotent-Replayed')).to.equal('true');
    expect(await count('reports')).to.equal(1);
  });

  it('refuses the same key with another body (422) and creates nothing more', async () => {
    const { token } = await buildUser({ role: 'caseworker' });
    expect((await post('/api/v1/reports', token, reportBody(), 'k-2')).status).to.equal(201);
    const other = reportBody({ legalBasis: 'vital_interest' });
    const res = await post('/api/v1/reports', token, other, 'k-2');
    expect(res.status).to.equal(422);
    expect(res.body.error.code).to.equal('IDEMPOTENCY_KEY_REUSED');
    expect(await count('reports')).to.equal(1);
  });

  it('keeps keys per user and applies to other creating routes (incidents)', async () => {
    const a = await buildForensic('IT');
    const b = await buildForensic('IT');
    const first = await post('/api/v1/incidents', a.token, incidentBody(), 'shared');
    const replay = await post('/api/v1/incidents', a.token, incidentBody(), 'shared');
    const someoneElse = await post('/api/v1/incidents', b.token, incidentBody(), 'shared');
    expect(replay.body.id).to.equal(first.body.id);
    expect(someoneElse.status).to.equal(201);
    expect(someoneElse.body.id).to.not.equal(first.body.id);
    expect(await count('incidents')).to.equal(2);
  });

  it('does not keep a failed request: the same key can be used after a 400', async () => {
    const { token } = await buildUser({ role: 'caseworker' });
    const bad = await post('/api/v1/reports', token, { person: {} }, 'k-3');
    expect(bad.status).to.equal(400);
    const good = await post('/api/v1/reports', token, reportBody(), 'k-3');
    expect(good.status).to.equal(201);
  });

  it('without a key, two POSTs create two reports; a malformed key is refused', async () => {
    const { token } = await buildUser({ role: 'caseworker' });
    await post('/api/v1/reports', token, reportBody());
    await post('/api/v1/reports', token, reportBody());
    expect(await count('reports')).to.equal(2);
    const res = await post('/api/v1/reports', token, reportBody(), 'has space');
    expect(res.status).to.equal(400);
    expect(JSON.stringify(res.body)).to.contain('Idempotency-Key');
  });
});
