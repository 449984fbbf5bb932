import { expect } from 'chai';
import { authorizationMatrix } from '../authz-matrix.js';
import { buildUser } from '../factories.js';
import { call } from '../http.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { buildForensic, createIncident, createRemains } from '../remains.factories.js';

authorizationMatrix<{ actors: Record<string, string> }>('statistics', {
  fixture: () => Promise.resolve({ actors: {} }),
  endpoints: {
    summary: () => ({ method: 'get', path: '/api/v1/statistics/summary' }),
    otherCountry: () => ({ method: 'get', path: '/api/v1/statistics/summary?country=TN' }),
    table: () => ({ method: 'get', path: '/api/v1/statistics/tables/reports?by=sex' }),
    csv: () => ({
      method: 'get',
      path: '/api/v1/statistics/tables/incidents?measure=dead&by=route&format=csv',
    }),
    figure: () => ({ method: 'get', path: '/api/v1/statistics/figures/map' }),
    brief: () => ({ method: 'get', path: '/api/v1/statistics/brief' }),
    publicSummary: () => ({ method: 'get', path: '/api/v1/public/statistics/summary?country=IT' }),
    publicTable: () => ({
      method: 'get',
      path: '/api/v1/public/statistics/tables/remains?by=year&country=IT',
    }),
    publicFigure: () => ({
      method: 'get',
      path: '/api/v1/public/statistics/figures/years?country=IT',
    }),
  },
  expect: {
    ...Object.fromEntries(
      (['summary', 'table', 'csv', 'figure', 'brief', 'otherCountry'] as const).map((name) => [
        name,
        {
          anonymous: 401,
          'analyst@IT': name === 'otherCountry' ? 404 : 200,
          'analyst@TN': 200,
          'admin@IT': 403,
          'caseworker@IT': 403,
          'forensic@IT': 403,
          'contact_point@IT': 403,
          'auditor@IT': 403,
          'family@IT': 403,
        },
      ]),
    ),
    ...Object.fromEntries(
      (['publicSummary', 'publicTable', 'publicFigure'] as const).map((name) => [
        name,
        { anonymous: 200, 'analyst@IT': 200, 'family@IT': 200, 'caseworker@TN': 200 },
      ]),
    ),
  },
});

// Issue 14: "an analyst gets aggregates and nothing row-level from every endpoint". Every GET
// route of the OpenAPI document is called as an analyst of the records' own country, with the
// records' ids in its path; no answer may carry an id, a name or a case number of a record.
describe('statistics: an analyst reads no record through any endpoint', function () {
  this.timeout(300_000);

  it('no GET route gives an analyst an id, a name or a case number', async () => {
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const forensic = await buildForensic('IT');
    const report = await fileReport(
      caseworker.token,
      reportBody({}, [
        { kind: 'given', value: 'Zerihun', script: 'Latn' },
        { kind: 'family', value: 'Okbamichael', script: 'Latn' },
      ]),
    );
    const incident = { id: await createIncident(forensic.token) };
    const remains = await createRemains(forensic.token);
    const analyst = await buildUser({ role: 'analyst', country: 'IT' });
    const secrets = [
      report.id,
      report.caseNumber,
      'Zerihun',
      'Okbamichael',
      incident.id,
      remains.id,
      remains.code,
      caseworker.user.id,
      forensic.user.id,
    ].filter(Boolean);
    const doc = (await call('get', '/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const idFor = (param: string) =>
      /remains/i.test(param)
        ? remains.id
        : /incident/i.test(param)
          ? incident.id
          : /user/i.test(param)
            ? caseworker.user.id
            : report.id;
    let called = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!ops.get || path.includes('/statistics/')) {
        continue;
      }
      const url = path.replace(/\{(\w+)\}/g, (_, p: string) => idFor(p));
      const res = await call('get', url, analyst.token);
      called += 1;
      expect(res.status, `${url} must not fail`).to.be.below(500);
      if (res.status >= 200 && res.status < 300) {
        const text = res.text ?? JSON.stringify(res.body ?? '');
        for (const secret of secrets) {
          expect(text, `${url} gives the analyst ${secret}`).to.not.include(secret);
        }
      }
    }
    expect(called, 'the routes were walked').to.be.greaterThan(40);
  });
});
