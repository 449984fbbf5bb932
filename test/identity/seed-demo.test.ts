import { expect } from 'chai';
import { DEMO_PASSWORD, seedIdentity } from '../../scripts/seed-demo.js';
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
});
