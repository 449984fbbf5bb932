import { expect } from 'chai';
import { DEMO_PASSWORD, seedFeatures, seedIdentity } from '../../scripts/seed-demo.js';
import { ROLES } from '../../src/platform/authz/index.js';
import { api } from '../http.js';
import { testNode } from '../node.js';

describe('seed:demo identity', () => {
  it('creates one user of every role in TN and IT, each able to log in, and is safe to run twice', async function () {
    this.timeout(60_000);
    const { services, db } = testNode();
    expect((await seedIdentity(services)).created).to.equal(ROLES.length * 2);
    expect((await seedIdentity(services)).created, 'second run creates nothing').to.equal(0);
    const orgs = await db.query<{ country: string; kind: string }>(
      'SELECT country, kind FROM organisations',
    );
    expect(orgs).to.have.length(8);
    for (const country of ['tn', 'it']) {
      for (const role of ROLES) {
        const res = await api.post('/api/v1/auth/login', {
          email: `${role}.${country}@demo.test`,
          password: DEMO_PASSWORD,
        });
        expect(res.status, `${role}.${country}`).to.equal(200);
        const me = await api.get('/api/v1/me', res.body.accessToken);
        expect(me.body).to.include({ role, country: country.toUpperCase() });
      }
    }
  });

  it('adds contact points, routed reports, an incident and remains along their custody chains, once', async function () {
    this.timeout(120_000);
    const { services, db } = testNode();
    await seedIdentity(services);
    const counts = async () =>
      (
        await db.query<Record<string, number>>(
          `SELECT (SELECT count(*)::int FROM contact_points) AS cps,
                  (SELECT count(*)::int FROM reports) AS reports,
                  (SELECT count(*)::int FROM report_assignments) AS assigned,
                  (SELECT count(*)::int FROM incidents) AS incidents,
                  (SELECT count(*)::int FROM remains) AS remains,
                  (SELECT count(*)::int FROM remains WHERE status = 'repatriated') AS repatriated,
                  (SELECT count(*)::int FROM custody_events) AS events`,
        )
      )[0]!;
    await seedFeatures(services);
    const first = await counts();
    expect(first.cps).to.be.greaterThan(0);
    expect(first.reports).to.be.greaterThan(0);
    expect(first.assigned, 'every demo report is routed').to.equal(first.reports);
    expect(first.incidents).to.equal(1);
    expect(first.remains).to.be.greaterThan(1);
    expect(first.repatriated, 'one body identified by two practitioners and repatriated').to.equal(
      1,
    );
    await seedFeatures(services);
    expect(await counts(), 'second run adds nothing').to.deep.equal(first);
  });
});
