import { expect } from 'chai';
import { seedIdentity } from '../../scripts/seed-demo.js';
import { seedContactPoints } from '../../scripts/seed/contact-points.seed.js';
import { api } from '../http.js';
import { testNode } from '../node.js';

describe('seed:demo contact points', () => {
  it('designates the demo consulates once, listed publicly without staff', async function () {
    this.timeout(60_000);
    const { services } = testNode();
    await seedIdentity(services);
    expect((await seedContactPoints(services)).created).to.equal(2);
    expect((await seedContactPoints(services)).created, 'second run creates nothing').to.equal(0);
    const list = await api.get('/api/v1/contact-points/public');
    expect(list.body.items.map((c: { country: string }) => c.country)).to.deep.equal(['IT', 'TN']);
    expect(JSON.stringify(list.body)).not.to.include('Demo contact point');
  });
});
