import { expect } from 'chai';
import { buildOrg, buildUser, type TestUser } from '../factories.js';
import { api } from '../http.js';
import { countStatements } from '../node.js';
import { changeStatus, familyCase } from '../notifications.factories.js';
import { designate } from '../contact-points.factories.js';
import { fileReport } from '../reports.factories.js';
import {
  appendCustody,
  buildForensic,
  createIncident,
  createRemains,
  custodyEvent,
  INSTITUTIONS,
} from '../remains.factories.js';

/**
 * Lists load their rows in sets: the statements a page costs must not grow with its size.
 * Each list is read once warm (so the session is resolved), then with page sizes 1 and 100,
 * and both pages must hold what they should.
 */
async function statementsFor(path: string, token: string, expectAtLeast: number) {
  const sep = path.includes('?') ? '&' : '?';
  expect((await api.get(`${path}${sep}limit=1`, token)).status).to.equal(200);
  let small = 0;
  let large = 0;
  // Each size twice, keeping the lower count: work a previous request left running (after its
  // response) must not be charged to this one.
  const page = async (n: number) => {
    const count = () =>
      countStatements(async () => {
        const res = await api.get(`${path}${sep}limit=${n}`, token);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        if (n === 1) {
          small = res.body.items.length;
        } else {
          large = res.body.items.length;
        }
      });
    return Math.min(await count(), await count());
  };
  const one = await page(1);
  const hundred = await page(100);
  expect(small, `${path} page of 1`).to.equal(1);
  expect(large, `${path} page of 100`).to.be.at.least(expectAtLeast);
  return { one, hundred };
}

describe('statement counts do not grow with the page size', () => {
  it('users', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    for (let i = 0; i < 4; i += 1) {
      await buildUser({ role: 'caseworker', country: 'IT' });
    }
    const { one, hundred } = await statementsFor('/api/v1/users', admin.token, 5);
    expect(hundred).to.equal(one);
  });

  it('reports (loaded as one set for the page, issue 19)', async () => {
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    for (let i = 0; i < 3; i += 1) {
      await fileReport(caseworker.token);
    }
    const { one, hundred } = await statementsFor('/api/v1/reports', caseworker.token, 3);
    expect(hundred).to.equal(one);
  });

  it('audit events', async () => {
    const auditor = await buildUser({ role: 'auditor', country: 'IT' });
    for (let i = 0; i < 4; i += 1) {
      await buildOrg({ country: 'IT' });
    }
    const { one, hundred } = await statementsFor('/api/v1/audit/events', auditor.token, 4);
    expect(hundred).to.equal(one);
  });

  it('incidents and remains', async () => {
    const forensic: TestUser = await buildForensic('IT');
    for (let i = 0; i < 3; i += 1) {
      await createIncident(forensic.token);
      await createRemains(forensic.token);
    }
    const incidents = await statementsFor('/api/v1/incidents', forensic.token, 3);
    expect(incidents.hundred).to.equal(incidents.one);
    const remains = await statementsFor('/api/v1/remains', forensic.token, 3);
    expect(remains.hundred).to.equal(remains.one);
  });

  it('a custody chain', async () => {
    const forensic = await buildForensic('IT');
    const r = await createRemains(forensic.token);
    const steps = [
      custodyEvent('recovered', { custodian: INSTITUTIONS.coastGuard, location: { name: 'pier' } }),
      custodyEvent('received_at_morgue', {
        custodian: INSTITUTIONS.morgue,
        location: { name: 'morgue' },
      }),
    ];
    for (const step of steps) {
      expect((await appendCustody(forensic.token, r.id, step)).status).to.equal(201);
    }
    const path = `/api/v1/remains/${r.id}/custody`;
    const res = await api.get(path, forensic.token);
    expect(res.status).to.equal(200);
    const chainOf = async (n: number) => Math.min(await chainOnce(n), await chainOnce(n));
    const chainOnce = (n: number) =>
      countStatements(() => api.get(`${path}?limit=${n}`, forensic.token));
    expect(await chainOf(100)).to.equal(await chainOf(1));
  });

  it('contact points', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    for (let i = 0; i < 3; i += 1) {
      await designate({ country: 'IT', admin });
    }
    const { one, hundred } = await statementsFor('/api/v1/contact-points', admin.token, 3);
    expect(hundred).to.equal(one);
  });

  it('notifications', async () => {
    const c = await familyCase('en', 'IT');
    await changeStatus(c, 'under_search');
    await changeStatus(c, 'closed');
    const { one, hundred } = await statementsFor('/api/v1/notifications', c.family.token, 2);
    expect(hundred).to.equal(one);
  });
});
