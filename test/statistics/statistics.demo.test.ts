import { expect } from 'chai';
import { DEMO_PASSWORD, seedFeatures, seedIdentity } from '../../scripts/seed-demo.js';
import { seedStatistics } from '../../scripts/seed/statistics.seed.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { countsIn } from './statistics.factories.js';

// Issue 14: "GET /api/v1/statistics/summary as analyst.it@demo.test answers 200 with no cell
// between 1 and the threshold", on the real demo seed, which must give a meaningful picture of
// the Central Mediterranean route.
describe('statistics on the demo seed', function () {
  this.timeout(300_000);

  it('the Italian analyst’s summary has no cell between 1 and the threshold, and the route is drawn', async () => {
    const { services, db } = testNode();
    await seedIdentity(services);
    await seedFeatures(services);
    await seedStatistics(services);
    const incidents = await db.query<{ n: number; dead: number }>(
      `SELECT count(*)::int AS n, coalesce(sum(dead), 0)::int AS dead FROM incidents
        WHERE route = 'Central Mediterranean'`,
    );
    expect(incidents[0]!.n, 'incidents along the Central Mediterranean').to.be.at.least(20);
    const login = await api.post('/api/v1/auth/login', {
      email: 'analyst.it@demo.test',
      password: DEMO_PASSWORD,
    });
    expect(login.status).to.equal(200);
    const token = login.body.accessToken as string;
    const summary = await api.get('/api/v1/statistics/summary', token);
    expect(summary.status).to.equal(200);
    const threshold = summary.body.threshold as number;
    expect(threshold).to.equal(5);
    const counts = countsIn(summary.body);
    expect(counts.length).to.be.greaterThan(10);
    for (const { n, path } of counts) {
      expect(n === 0 || n >= threshold, `${path} = ${n}`).to.equal(true);
    }
    expect(
      counts.some(({ n }) => n >= threshold),
      'some figure is shown',
    ).to.equal(true);
    const routes = await api.get(
      '/api/v1/statistics/tables/incidents?measure=dead&by=route',
      token,
    );
    expect(routes.status).to.equal(200);
    const med = (routes.body.rows as string[]).indexOf('Central Mediterranean');
    expect(routes.body.rowTotals[med], 'dead on the Central Mediterranean shown').to.be.at.least(
      threshold,
    );
  });
});
