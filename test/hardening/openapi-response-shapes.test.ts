import { expect } from 'chai';
import type { z } from 'zod';
import { auditRoutes } from '../../src/features/audit/index.js';
import { authRoutes } from '../../src/features/auth/index.js';
import { contactPointsRoutes } from '../../src/features/contact-points/index.js';
import { federationRoutes } from '../../src/features/federation/index.js';
import { incidentsRoutes } from '../../src/features/incidents/index.js';
import { notificationsRoutes } from '../../src/features/notifications/index.js';
import { organisationsRoutes } from '../../src/features/organisations/index.js';
import { remainsRoutes } from '../../src/features/remains/index.js';
import { reportsRoutes } from '../../src/features/reports/index.js';
import { statisticsRoutes } from '../../src/features/statistics/index.js';
import { usersRoutes } from '../../src/features/users/index.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { agreementBody } from '../federation.factories.js';
import { designate } from '../contact-points.factories.js';
import { testNode } from '../node.js';
import { changeStatus, familyCase } from '../notifications.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { buildForensic, createIncident, createRemains } from '../remains.factories.js';

// Issue 15 item 20: the response schemas the OpenAPI document declares describe what the routes
// really return. Real responses of at least one route per feature are parsed with the route's
// own zod schema (a wrong schema fails here; the document test only checks one is declared).
function declared(method: string, path: string): z.ZodType {
  const s = testNode().services;
  const routes = [
    ...auditRoutes(s.audit),
    ...organisationsRoutes(s.organisations),
    ...usersRoutes(s.users),
    ...incidentsRoutes(s.incidents),
    ...remainsRoutes(s.remains),
    ...federationRoutes(s.federation),
    ...contactPointsRoutes(s.contactPoints),
    ...statisticsRoutes(s.statistics),
    ...reportsRoutes(s.reports),
    ...notificationsRoutes(s.notifications, s.familyChannel),
    ...authRoutes(s.auth, s.users, s.keys, { login: 100, refresh: 100, account: 100 }),
  ];
  const route = routes.find((r) => r.method === method && r.path === path);
  if (!route?.response) {
    throw new Error(`${method} ${path} declares no response schema`);
  }
  return route.response;
}

/** Asserts a 2xx response whose body parses with the route's declared schema. */
function conforms(method: string, path: string, res: { status: number; body: unknown }) {
  expect(res.status, JSON.stringify(res.body)).to.be.within(200, 299);
  const parsed = declared(method, path).safeParse(res.body);
  expect(parsed.success, `${method} ${path}: ${JSON.stringify(parsed.error?.issues)}`).to.equal(
    true,
  );
}

describe('hardening: real responses match their declared OpenAPI schemas', function () {
  this.timeout(120_000);

  it('a body that does not fit is refused (the check can fail)', () => {
    const page = declared('get', '/api/v1/organisations');
    expect(page.safeParse({ items: [{ id: 1 }], total: 1, limit: 25, offset: 0 }).success).to.equal(
      false,
    );
  });

  it('organisations and users (administrator)', async () => {
    const admin = await buildUser({ role: 'admin' });
    conforms('get', '/api/v1/organisations', await api.get('/api/v1/organisations', admin.token));
    conforms('get', '/api/v1/users', await api.get('/api/v1/users', admin.token));
  });

  it('incidents and remains (forensic practitioner, caseworker)', async () => {
    const forensic = await buildForensic('IT');
    await createIncident(forensic.token);
    await createRemains(forensic.token);
    conforms('get', '/api/v1/incidents', await api.get('/api/v1/incidents', forensic.token));
    conforms('get', '/api/v1/remains', await api.get('/api/v1/remains', forensic.token));
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    conforms('get', '/api/v1/remains', await api.get('/api/v1/remains', caseworker.token));
  });

  it('audit events and verification (auditor)', async () => {
    await buildUser({ role: 'caseworker' });
    const auditor = await buildUser({ role: 'auditor', country: 'IT' });
    conforms('get', '/api/v1/audit/events', await api.get('/api/v1/audit/events', auditor.token));
    conforms('get', '/api/v1/audit/verify', await api.get('/api/v1/audit/verify', auditor.token));
  });

  it('federation: agreements, revocation, peers, outbox, key rotation (administrator)', async () => {
    const admin = await buildUser({ role: 'admin', country: 'TN' });
    const created = await api.post(
      '/api/v1/federation/agreements',
      agreementBody('IT'),
      admin.token,
    );
    conforms('post', '/api/v1/federation/agreements', created);
    const path = '/api/v1/federation/agreements';
    conforms('get', path, await api.get(path, admin.token));
    const revoked = await api.post(`${path}/${created.body.id}/revoke`, {}, admin.token);
    conforms('post', '/api/v1/federation/agreements/:id/revoke', revoked);
    conforms(
      'get',
      '/api/v1/federation/peers',
      await api.get('/api/v1/federation/peers', admin.token),
    );
    conforms(
      'get',
      '/api/v1/federation/outbox',
      await api.get('/api/v1/federation/outbox', admin.token),
    );
    const rotated = await api.post('/api/v1/federation/keys/rotate', { use: 'sig' }, admin.token);
    conforms('post', '/api/v1/federation/keys/rotate', rotated);
  });

  it('contact points: public list, staff list, routing preview', async () => {
    const cp = await designate({ nationalities: ['ER'], languages: ['ti'] });
    const pub = '/api/v1/contact-points/public';
    conforms('get', pub, await api.get(pub));
    const list = '/api/v1/contact-points';
    conforms('get', list, await api.get(list, cp.admin.token));
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const route = '/api/v1/contact-points/route';
    const found = await api.get(`${route}?nationality=ER`, caseworker.token);
    conforms('get', route, found);
    expect(found.body.contactPoint?.id).to.equal(cp.id);
  });

  it('statistics: analyst and public summaries', async () => {
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    await fileReport(caseworker.token);
    const analyst = await buildUser({ role: 'analyst', country: 'IT' });
    const path = '/api/v1/statistics/summary';
    const summary = await api.get(path, analyst.token);
    conforms('get', path, summary);
    expect(Object.keys(summary.body.figures)).to.not.deep.equal([]);
    const pub = '/api/v1/public/statistics/summary';
    conforms('get', pub, await api.get(`${pub}?country=IT`));
  });

  it('reports: filing, list, read (caseworker and family), update, status, timeline, export', async () => {
    const c = await familyCase('fr');
    const other = await fileReport(c.caseworker.token);
    const filed = await api.post('/api/v1/reports', reportBody(), c.caseworker.token);
    conforms('post', '/api/v1/reports', filed);
    // The same person filed twice: the caseworker gets the likely duplicate with its reasons.
    expect(filed.body.possibleDuplicates.map((d: { reportId: string }) => d.reportId)).to.include(
      other.id,
    );
    conforms(
      'post',
      '/api/v1/reports',
      await api.post('/api/v1/reports', reportBody(), c.family.token),
    );
    const path = `/api/v1/reports/${c.reportId}`;
    for (const token of [c.caseworker.token, c.family.token]) {
      const found = await api.get('/api/v1/reports?name=Yohannes', token);
      conforms('get', '/api/v1/reports', found);
      expect(found.body.items[0].nameMatch).to.be.an('object');
      conforms('get', '/api/v1/reports', await api.get('/api/v1/reports', token));
      const assignment = await api.get(`${path}/assignment`, token);
      conforms('get', '/api/v1/reports/:id/assignment', assignment);
      conforms('get', '/api/v1/reports/:id', await api.get(path, token));
      conforms('get', '/api/v1/reports/:id/timeline', await api.get(`${path}/timeline`, token));
      conforms('get', '/api/v1/reports/:id/export', await api.get(`${path}/export`, token));
    }
    // The roles read different fields: both shapes are described.
    const asFamily = (await api.get(path, c.family.token)).body;
    const asCaseworker = (await api.get(path, c.caseworker.token)).body;
    expect(Object.keys(asFamily)).to.not.deep.equal(Object.keys(asCaseworker));
    await changeStatus(c, 'under_search', 'We have started looking.');
    conforms(
      'get',
      '/api/v1/reports/:id/timeline',
      await api.get(`${path}/timeline`, c.caseworker.token),
    );
    const patched = await api.patch(
      path,
      { internalNotes: 'Checked with the family.' },
      c.caseworker.token,
    );
    conforms('patch', '/api/v1/reports/:id', patched);
    const dups = await api.get(`${path}/duplicates`, c.caseworker.token);
    conforms('get', '/api/v1/reports/:id/duplicates', dups);
    const link = await api.post(
      `${path}/links`,
      { reportId: other.id, reason: 'same person' },
      c.caseworker.token,
    );
    conforms('post', '/api/v1/reports/:id/links', link);
    const pfif = await api.get(`${path}/pfif`, c.caseworker.token);
    const imported = await api.post(
      '/api/v1/reports/pfif-import',
      { xml: pfif.text },
      c.caseworker.token,
    );
    conforms('post', '/api/v1/reports/pfif-import', imported);
    expect(imported.body.imported).to.equal(1);
    conforms(
      'get',
      '/api/v1/report-leads',
      await api.get('/api/v1/report-leads', c.caseworker.token),
    );
    const cp = await designate({ country: 'IT', nationalities: ['ER'] });
    const moved = await api.put(
      `${path}/assignment`,
      { contactPointId: cp.id, reason: 'nearer' },
      c.caseworker.token,
    );
    conforms('put', '/api/v1/reports/:id/assignment', moved);
    const relativeId = asCaseworker.relatives[0].id;
    const withdrawn = await api.delete(`${path}/relatives/${relativeId}/contact`, c.family.token);
    conforms('delete', '/api/v1/reports/:id/relatives/:relativeId/contact', withdrawn);
  });

  it('notifications, preferences, threads, co-followers and delivery state', async () => {
    const c = await familyCase('en');
    await changeStatus(c, 'under_search', 'We have started looking.');
    const inbox = await api.get('/api/v1/notifications', c.family.token);
    conforms('get', '/api/v1/notifications', inbox);
    expect(inbox.body.items).to.not.deep.equal([]);
    const read = await api.post(
      `/api/v1/notifications/${inbox.body.items[0].id}/read`,
      {},
      c.family.token,
    );
    conforms('post', '/api/v1/notifications/:id/read', read);
    const prefs = '/api/v1/notifications/preferences';
    conforms('get', prefs, await api.get(prefs, c.family.token));
    conforms('put', prefs, await api.put(prefs, { email: false }, c.family.token));
    const path = `/api/v1/reports/${c.reportId}`;
    conforms(
      'post',
      '/api/v1/reports/:id/messages',
      await api.post(`${path}/messages`, { body: 'Any news?' }, c.family.token),
    );
    conforms(
      'get',
      '/api/v1/reports/:id/notifications',
      await api.get(`${path}/notifications`, c.cp.staff.token),
    );
    const brother = await buildUser({ role: 'family', country: 'DE' });
    const invite = await api.post(
      `${path}/followers`,
      { email: brother.email, relationship: 'brother' },
      c.family.token,
    );
    conforms('post', '/api/v1/reports/:id/followers', invite);
    conforms(
      'get',
      '/api/v1/follower-invitations',
      await api.get('/api/v1/follower-invitations', brother.token),
    );
    const accepted = await api.post(
      `/api/v1/follower-invitations/${invite.body.id}/accept`,
      {},
      brother.token,
    );
    conforms('post', '/api/v1/follower-invitations/:id/accept', accepted);
    conforms(
      'get',
      '/api/v1/reports/:id/followers',
      await api.get(`${path}/followers`, c.family.token),
    );
    conforms(
      'delete',
      '/api/v1/reports/:id/followers/:followerId',
      await api.delete(`${path}/followers/${invite.body.id}`, c.family.token),
    );
    const opened = await api.post(`${path}/death-notice/open`, {}, c.caseworker.token);
    conforms('post', '/api/v1/reports/:id/death-notice/open', opened);
    const told = await api.post(`${path}/death-notice`, { method: 'in_person' }, c.cp.staff.token);
    conforms('post', '/api/v1/reports/:id/death-notice', told);
  });

  it('TOTP enrolment', async () => {
    const user = await buildUser({ role: 'caseworker' });
    conforms('post', '/api/v1/me/mfa/totp', await api.post('/api/v1/me/mfa/totp', {}, user.token));
  });
});
