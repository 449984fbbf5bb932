import { expect } from 'chai';
import { burialRegisterSchema } from '../../src/features/custody/custody.schemas.js';
import { threadPageSchema } from '../../src/features/notifications/notifications.schemas.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { familyCase } from '../notifications.factories.js';
import { buildForensic, createRemains } from '../remains.factories.js';

// Issue 15 item 18: the family export's processing record, the burial register, the message
// thread and the delivery list are paged, with a maximum page size.
const CEMETERY = 'Cimitero di Piano Gatta, Agrigento';

async function refusesLimit(path: string, max: number, token: string) {
  const res = await api.get(`${path}${path.includes('?') ? '&' : '?'}limit=${max + 1}`, token);
  expect(res.status, JSON.stringify(res.body)).to.equal(400);
  expect(JSON.stringify(res.body)).to.contain('query.limit');
}

describe('hardening: no unbounded list', () => {
  it('pages the export’s processing record (default 500, at most 1000)', async () => {
    const c = await familyCase();
    const { db } = testNode();
    await db.query(
      `INSERT INTO audit_events (at, action, subject_type, subject_id, subject_country, actor_role)
       SELECT now(), 'read', 'Report', $1, 'IT', 'caseworker' FROM generate_series(1, 1200)`,
      [c.reportId],
    );
    const path = `/api/v1/reports/${c.reportId}/export`;
    const first = await api.get(path, c.family.token);
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.processing).to.have.length(500);
    expect(first.body.processingPage.total).to.be.at.least(1200);
    const last = await api.get(`${path}?limit=1000&offset=1000`, c.family.token);
    expect(last.body.processing).to.have.length(last.body.processingPage.total - 1000);
    await refusesLimit(path, 1000, c.family.token);
  });

  it('pages the burial register (default 100, at most 500)', async () => {
    const forensic = await buildForensic('IT');
    const { db } = testNode();
    for (let i = 0; i < 3; i += 1) {
      const r = await createRemains(forensic.token);
      await db.query(
        `INSERT INTO custody_events (remains_id, position, kind, state_after, occurred_at,
           recorded_at, burial, prev_hash, hash)
         VALUES ($1, 1, 'buried', 'buried', now(), now(), $2, $3, $4)`,
        [
          r.id,
          JSON.stringify({ cemetery: CEMETERY, plot: String(i + 1), graveMarker: `M${i}` }),
          '0'.repeat(64),
          String(i).repeat(64),
        ],
      );
      await db.query(
        `INSERT INTO custody_heads (remains_id, position, hash, state) VALUES ($1, 1, $2, 'buried')`,
        [r.id, String(i).repeat(64)],
      );
    }
    const path = `/api/v1/burial-register?cemetery=${encodeURIComponent(CEMETERY)}`;
    const all = await api.get(path, forensic.token);
    expect(all.status, JSON.stringify(all.body)).to.equal(200);
    expect(all.body).to.include({ total: 3, limit: 100, offset: 0 });
    // What the OpenAPI document declares is what the route answers.
    burialRegisterSchema.strict().parse(all.body);
    const page = await api.get(`${path}&limit=2&offset=2`, forensic.token);
    expect(page.body.lines.map((l: { plot: string }) => l.plot)).to.deep.equal(['3']);
    expect(page.body.total).to.equal(3);
    const csv = await api.get(`${path}&format=csv&limit=1`, forensic.token);
    expect(csv.text.trim().split('\r\n')).to.have.length(2);
    await refusesLimit(path, 500, forensic.token);
  });

  it('pages the message thread from the newest (default 25, at most 100)', async () => {
    const c = await familyCase();
    const { db } = testNode();
    await db.query(
      `INSERT INTO report_messages (report_id, author_id, author_side, body, created_at)
       SELECT $1, $2, 'family', 'message ' || i, now() - (30 - i) * interval '1 minute'
       FROM generate_series(1, 30) AS i`,
      [c.reportId, c.family.user.id],
    );
    const path = `/api/v1/reports/${c.reportId}/messages`;
    const latest = await api.get(path, c.family.token);
    expect(latest.status, JSON.stringify(latest.body)).to.equal(200);
    expect(latest.body).to.include({ total: 30, limit: 25, offset: 0 });
    threadPageSchema.strict().parse(latest.body);
    const bodies = latest.body.items.map((m: { body: string }) => m.body);
    expect(bodies[0]).to.equal('message 6');
    expect(bodies[24]).to.equal('message 30');
    const earlier = await api.get(`${path}?offset=25`, c.family.token);
    expect(earlier.body.items.map((m: { body: string }) => m.body)).to.deep.equal(
      [1, 2, 3, 4, 5].map((i) => `message ${i}`),
    );
    await refusesLimit(path, 100, c.family.token);
  });

  it('pages the deliveries to the family (default 25, at most 100)', async () => {
    const c = await familyCase();
    const { db } = testNode();
    await db.query(
      `INSERT INTO notifications (recipient_id, report_id, kind, language, title, body, created_at)
       SELECT $1, $2, 'message', 'en', 't', 'b', now() + i * interval '1 second'
       FROM generate_series(1, 40) AS i`,
      [c.family.user.id, c.reportId],
    );
    const path = `/api/v1/reports/${c.reportId}/notifications`;
    const res = await api.get(path, c.caseworker.token);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.items).to.have.length(25);
    expect(res.body.total).to.be.at.least(40);
    const rest = await api.get(`${path}?offset=25&limit=100`, c.caseworker.token);
    expect(rest.body.items).to.have.length(res.body.total - 25);
    await refusesLimit(path, 100, c.caseworker.token);
    // Paging does not open the list to others.
    const other = await buildUser({ role: 'caseworker', country: 'GR' });
    expect((await api.get(`${path}?limit=1`, other.token)).status).to.equal(404);
  });
});
