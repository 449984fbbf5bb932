import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { authorizationMatrix } from '../authz-matrix.js';
import { buildForensic, createIncident, incidentBody } from '../remains.factories.js';

describe('incidents', () => {
  it('records an incident and reads it back with its fuzzy date and figures', async () => {
    const { token } = await buildForensic('IT');
    const res = await api.post('/api/v1/incidents', incidentBody({ date: '2025-10' }), token);
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ kind: 'shipwreck', country: 'IT', dead: 12, survivors: 45 });
    expect(res.body.date).to.deep.equal({
      text: '2025-10',
      precision: 'month',
      earliest: '2025-10-01',
      latest: '2025-10-31',
    });
    expect(res.body.coordinates).to.deep.equal({ lat: 35.4, lon: 12.6 });
    const read = await api.get(`/api/v1/incidents/${res.body.id}`, token);
    expect(read.body.title).to.equal('Shipwreck off Lampedusa');
    expect(read.body.remainsCount).to.equal(0);
  });

  it('refuses bad input naming each field and writes nothing', async () => {
    const { token } = await buildForensic('IT');
    const res = await api.post(
      '/api/v1/incidents',
      incidentBody({ dead: -1, date: '2025-13-01', kind: 'flood' }),
      token,
    );
    expect(res.status).to.equal(400);
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).to.include.members(['body.dead', 'body.date', 'body.kind']);
    const list = await api.get('/api/v1/incidents', token);
    expect(list.body.total).to.equal(0);
  });

  it('lists only incidents of the actor’s country, filtered by date', async () => {
    const it1 = await buildUser({ role: 'caseworker', country: 'IT' });
    const tn = await buildUser({ role: 'caseworker', country: 'TN' });
    await createIncident(it1.token, { date: '2024-06-01', title: 'Old wreck' });
    await createIncident(it1.token);
    await createIncident(tn.token, { title: 'Sfax wreck' });
    const all = await api.get('/api/v1/incidents', it1.token);
    expect(all.body.items.map((i: { title: string }) => i.title)).to.deep.equal([
      'Shipwreck off Lampedusa',
      'Old wreck',
    ]);
    const recent = await api.get('/api/v1/incidents?from=2025-01-01', it1.token);
    expect(recent.body.total).to.equal(1);
  });

  it('corrects figures as survivors are interviewed', async () => {
    const { token } = await buildForensic('IT');
    const id = await createIncident(token);
    const res = await api.patch(`/api/v1/incidents/${id}`, { missing: 41, dead: 14 }, token);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ missing: 41, dead: 14, survivors: 45 });
  });

  it('makes reports.incident_id a foreign key to incidents when reports exist', async () => {
    const { db } = testNode();
    const [reports] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.columns
       WHERE table_name = 'reports' AND column_name = 'incident_id'`,
    );
    const fk = await db.query(
      `SELECT 1 FROM pg_constraint WHERE conname = 'reports_incident_id_fkey' AND contype = 'f'`,
    );
    expect(fk).to.have.length(reports!.n > 0 ? 1 : 0);
  });

  authorizationMatrix('incidents', {
    fixture: async () => {
      const owner = await buildForensic('IT');
      return { id: await createIncident(owner.token), actors: { owner: owner.token } };
    },
    endpoints: {
      list: () => ({ method: 'get', path: '/api/v1/incidents' }),
      create: () => ({ method: 'post', path: '/api/v1/incidents', body: incidentBody() }),
      read: (fx) => ({ method: 'get', path: `/api/v1/incidents/${fx.id}` }),
      update: (fx) => ({ method: 'patch', path: `/api/v1/incidents/${fx.id}`, body: { dead: 3 } }),
    },
    expect: {
      list: {
        anonymous: 401,
        'forensic@IT': 200,
        'contact_point@IT': 200,
        'family@IT': 403,
        'analyst@IT': 403,
      },
      create: {
        anonymous: 401,
        'forensic@IT': 201,
        'caseworker@IT': 201,
        'contact_point@IT': 403,
        'family@IT': 403,
        'admin@IT': 403,
      },
      read: {
        anonymous: 401,
        owner: 200,
        'caseworker@IT': 200,
        'contact_point@IT': 200,
        'forensic@TN': 404,
        'family@IT': 404,
        'auditor@IT': 404,
      },
      update: {
        anonymous: 401,
        'forensic@IT': 200,
        'contact_point@IT': 403,
        'forensic@TN': 404,
        'family@IT': 404,
      },
    },
  });
});
