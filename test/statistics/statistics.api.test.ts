import { expect } from 'chai';
import { buildUser, type TestUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { countsIn, fileMany, statReport } from './statistics.factories.js';

describe('statistics API', () => {
  let analyst: TestUser;
  let caseworker: TestUser;

  // Italy: 12 Eritrean men, 6 Tunisians, and one Syrian woman: a naive table by nationality
  // would show "SY: 1", and a naive table by nationality and sex would give her away too.
  beforeEach(async () => {
    analyst = await buildUser({ role: 'analyst', country: 'IT' });
    caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    await fileMany(caseworker.token, [
      ...Array.from({ length: 12 }, () => statReport('ER')),
      ...Array.from({ length: 6 }, () => statReport('TN')),
      statReport('SY', { sex: 'female' }),
    ]);
    const tn = await buildUser({ role: 'caseworker', country: 'TN' });
    await fileMany(tn.token, [statReport('SY'), statReport('SY')]);
  });

  it('answers 401 without a token', async () => {
    const res = await api.get('/api/v1/statistics/tables/reports?by=nationality');
    expect(res.status).to.equal(401);
  });

  it('answers 403 to roles that see records, and 404 for another country', async () => {
    expect((await api.get('/api/v1/statistics/summary', caseworker.token)).status).to.equal(403);
    const res = await api.get('/api/v1/statistics/tables/reports?country=TN', analyst.token);
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('NOT_FOUND');
  });

  it('names the field of a bad query', async () => {
    const bad = await api.get('/api/v1/statistics/tables/reports?by=name', analyst.token);
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.fields[0].field).to.equal('query.by');
    const yearly = await api.get(
      '/api/v1/statistics/tables/reports?by=year&by2=sex',
      analyst.token,
    );
    expect(yearly.status).to.equal(400);
    expect(yearly.body.error.details.fields[0].field).to.equal('query.by');
    const measure = await api.get('/api/v1/statistics/tables/remains?measure=dead', analyst.token);
    expect(measure.body.error.details.fields[0].field).to.equal('query.measure');
  });

  it('suppresses the single Syrian woman and a second nationality, so the total cannot give her away', async () => {
    const res = await api.get('/api/v1/statistics/tables/reports?by=nationality', analyst.token);
    expect(res.status).to.equal(200);
    expect(res.body.rows).to.deep.equal(['ER', 'SY', 'TN']);
    expect(res.body.rowTotals[1]).to.equal(null);
    expect(res.body.total).to.equal(19);
    const shown = (res.body.rowTotals as (number | null)[]).filter((v) => v !== null);
    expect(shown, 'only one nationality can be shown').to.have.length(1);
    expect(19 - shown[0]!).to.be.at.least(5);
    // Aggregates only: no ids, names or case numbers anywhere.
    const text = JSON.stringify(res.body);
    expect(text).to.not.match(/Yohannes|Haile|[0-9a-f]{8}-[0-9a-f]{4}-|IT-\d{4}-/);
  });

  it('hides the woman in a table by nationality and sex, with its totals consistent', async () => {
    const res = await api.get(
      '/api/v1/statistics/tables/reports?by=nationality&by2=sex',
      analyst.token,
    );
    expect(res.status).to.equal(200);
    expect(res.body.columns).to.deep.equal(['female', 'male']);
    const sy = res.body.rows.indexOf('SY');
    expect(res.body.cells[sy][0]).to.equal(null);
    // The female column has one person: its total is suppressed too.
    expect(res.body.colTotals[0]).to.equal(null);
    for (const { n, path } of countsIn(res.body)) {
      expect(n === 0 || n >= 5, `${path} = ${n}`).to.equal(true);
    }
  });

  it('exports CSV with IOM Missing Migrants Project column names', async () => {
    const res = await api.get(
      '/api/v1/statistics/tables/reports?by=nationality&format=csv',
      analyst.token,
    );
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).to.equal(
      'Country of Origin,Number of Missing Persons Reported,Disclosure Control',
    );
    expect(lines).to.include('SY,,suppressed');
    expect(lines[lines.length - 1]).to.equal('Total,19,');
  });

  it('audits every statistics query', async () => {
    await api.get('/api/v1/statistics/tables/reports?by=sex', analyst.token);
    const rows = await testNode().db.query<{ actor_id: string; details: { by: string } }>(
      `SELECT actor_id, details FROM audit_events WHERE action = 'read_statistics'`,
    );
    expect(rows).to.have.length(1);
    expect(rows[0]!.actor_id).to.equal(analyst.user.id);
    expect(rows[0]!.details.by).to.equal('sex');
  });

  it('the summary has no count between 1 and the threshold', async () => {
    const res = await api.get('/api/v1/statistics/summary', analyst.token);
    expect(res.status).to.equal(200);
    expect(res.body.figures.reports).to.equal(19);
    expect(res.body.figures.children).to.equal(0);
    for (const { n, path } of countsIn(res.body)) {
      expect(n === 0 || n >= 5, `${path} = ${n}`).to.equal(true);
    }
  });

  it('public figures need no login and follow the public threshold', async () => {
    const res = await api.get('/api/v1/public/statistics/tables/reports?by=nationality&country=IT');
    expect(res.status).to.equal(200);
    expect(res.body.release).to.equal('public');
    expect(res.body.threshold).to.equal(10);
    // Tunisians (6) are shown to analysts but not to the public.
    expect(res.body.rowTotals[res.body.rows.indexOf('TN')]).to.equal(null);
    expect(res.body.rowTotals[res.body.rows.indexOf('SY')]).to.equal(null);
    for (const { n, path } of countsIn(res.body)) {
      expect(n === 0 || n >= 10, `${path} = ${n}`).to.equal(true);
    }
  });
});
