import { expect } from 'chai';
import type { z } from 'zod';
import { aliveRoutes } from '../../src/features/alive-messages/index.js';
import { auditRoutes } from '../../src/features/audit/index.js';
import { authRoutes } from '../../src/features/auth/index.js';
import { custodyRoutes } from '../../src/features/custody/index.js';
import { dataProtectionRoutes } from '../../src/features/data-protection/index.js';
import { linkageRoutes } from '../../src/features/linkage/index.js';
import { matchingRoutes } from '../../src/features/matching/index.js';
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
import { fileReport, reportBody, type NameInput } from '../reports.factories.js';
import { matchingWorld } from '../matching.factories.js';
import { aliveFixture, matchIds, sendAlive } from '../alive.factories.js';
import {
  INSTITUTIONS,
  appendCustody,
  buildForensic,
  createIncident,
  createRemains,
  custodyEvent,
} from '../remains.factories.js';

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
    ...custodyRoutes(s.custody),
    ...matchingRoutes(s.matching),
    ...dataProtectionRoutes(s.dataProtection),
    ...aliveRoutes(s.alive),
    ...linkageRoutes(s.linkageMember, s.linkageUnit, (actor, id, pairId, input) =>
      s.linkageReview.review(actor, id, pairId, input),
    ),
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

  it('matching: candidates of a report and of remains, and a search now', async () => {
    const w = await matchingWorld();
    const byReport = `/api/v1/matching/reports/${w.reportId}/candidates`;
    const listed = await api.get(byReport, w.caseworker.token);
    conforms('get', '/api/v1/matching/reports/:id/candidates', listed);
    expect(listed.body.items).to.not.deep.equal([]);
    const byRemains = `/api/v1/matching/remains/${w.trueId}/candidates`;
    const forensic = await api.get(byRemains, w.forensicA.token);
    conforms('get', '/api/v1/matching/remains/:id/candidates', forensic);
    expect(forensic.body.items).to.not.deep.equal([]);
    const search = '/api/v1/matching/search';
    conforms('post', search, await api.post(search, { remainsId: w.trueId }, w.forensicA.token));
  });

  it('custody: append, chain and whereabouts (forensic practitioner)', async () => {
    const forensic = await buildForensic('IT');
    const remains = await createRemains(forensic.token);
    const recovered = custodyEvent('recovered', {
      custodian: INSTITUTIONS.coastGuard,
      location: { name: 'Lampedusa pier' },
      documents: [{ kind: 'police report', reference: 'PR-1' }],
    });
    const path = '/api/v1/remains/:id/custody';
    conforms('post', path, await appendCustody(forensic.token, remains.id, recovered));
    const sampled = custodyEvent('sample_taken', {
      sample: { laboratory: 'Lab', sampleReference: 'S-1', sampleType: 'bone' },
      notes: 'femur',
    });
    conforms('post', path, await appendCustody(forensic.token, remains.id, sampled));
    const chain = await api.get(`/api/v1/remains/${remains.id}/custody`, forensic.token);
    conforms('get', path, chain);
    expect(chain.body.events).to.have.length(2);
    const where = await api.get(`/api/v1/remains/${remains.id}/whereabouts`, forensic.token);
    conforms('get', '/api/v1/remains/:id/whereabouts', where);
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    conforms('get', path, await api.get(`/api/v1/remains/${remains.id}/custody`, caseworker.token));
  });

  it('data protection: legal holds, retention plan, erasure, access log', async () => {
    const owner = await buildUser({ role: 'family', country: 'IT' });
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const report = await fileReport(owner.token);
    const holds = '/api/v1/legal-holds';
    const hold = await api.post(
      holds,
      { subjectType: 'report', subjectId: report.id, reason: 'proceedings' },
      caseworker.token,
    );
    conforms('post', holds, hold);
    conforms('get', holds, await api.get(holds, caseworker.token));
    const lift = await api.post(
      `${holds}/${hold.body.id}/lift`,
      { reason: 'ended' },
      caseworker.token,
    );
    conforms('post', '/api/v1/legal-holds/:id/lift', lift);
    expect(lift.body.active).to.equal(false);
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const plan = '/api/v1/retention/plan';
    conforms('get', plan, await api.get(plan, admin.token));
    const asked = await api.post(`/api/v1/reports/${report.id}/erasure-requests`, {}, owner.token);
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    conforms('post', '/api/v1/reports/:id/erasure-requests', asked);
    const list = '/api/v1/erasure-requests';
    conforms('get', list, await api.get(list, caseworker.token));
    const decided = await api.post(
      `${list}/${asked.body.id}/decision`,
      { decision: 'refuse', reason: 'court order' },
      caseworker.token,
    );
    conforms('post', '/api/v1/erasure-requests/:id/decision', decided);
    const auditor = await buildUser({ role: 'auditor', country: 'IT' });
    const log = await api.get(`/api/v1/access-log/reports/${report.id}`, auditor.token);
    conforms('get', '/api/v1/access-log/:type/:id', log);
    expect(log.body.items).to.not.deep.equal([]);
  });

  it('"I am alive": list, one match, confirm and reject (contact point)', async () => {
    const fx = await aliveFixture();
    await sendAlive();
    await sendAlive();
    const [first, second] = await matchIds(fx.report.id);
    const list = '/api/v1/alive-matches';
    const listed = await api.get(list, fx.cp.staff.token);
    conforms('get', list, listed);
    expect(listed.body.items).to.not.deep.equal([]);
    const one = await api.get(`${list}/${first}`, fx.cp.staff.token);
    conforms('get', '/api/v1/alive-matches/:id', one);
    const reason = { reason: 'Names and birth year match; called him.' };
    const confirmed = await api.post(`${list}/${first}/confirm`, reason, fx.cp.staff.token);
    conforms('post', '/api/v1/alive-matches/:id/confirm', confirmed);
    const rejected = await api.post(`${list}/${second}/reject`, reason, fx.cp.staff.token);
    conforms('post', '/api/v1/alive-matches/:id/reject', rejected);
    const after = await api.get(`${list}/${first}`, fx.cp.staff.token);
    conforms('get', '/api/v1/alive-matches/:id', after);
  });

  it('linkage: unit and member agreements, submissions, comparison, pairs, withdrawal', async () => {
    const agr = 'agr-shapes-fr-tn';
    const unitAdmin = await buildUser({ role: 'admin', country: 'IT' });
    const frAdmin = await buildUser({ role: 'admin', country: 'FR' });
    const tnAdmin = await buildUser({ role: 'admin', country: 'TN' });
    const fr = await buildUser({ role: 'caseworker', country: 'FR' });
    const tn = await buildUser({ role: 'caseworker', country: 'TN' });
    const unit = '/api/v1/linkage/unit/agreements';
    const body = { agreementId: agr, members: ['FR', 'TN'], threshold: 0.7 };
    conforms('post', unit, await api.post(unit, body, unitAdmin.token));
    const member = '/api/v1/linkage/agreements';
    conforms(
      'post',
      member,
      await api.post(member, { agreementId: agr, members: ['FR'] }, tnAdmin.token),
    );
    const opened = await api.post(
      member,
      { agreementId: agr, members: ['TN'], drawSecret: true },
      frAdmin.token,
    );
    conforms('post', member, opened);
    conforms('get', `${member}/:id`, await api.get(`${member}/${agr}`, tnAdmin.token));
    const names: NameInput[] = [
      { kind: 'given', value: 'Mohamed', script: 'Latn' },
      { kind: 'family', value: 'Ben Ali', script: 'Latn' },
    ];
    const frReport = await fileReport(fr.token, reportBody({}, names));
    const tnReport = await fileReport(tn.token, reportBody({}, names));
    const submit = `${member}/${agr}/submissions`;
    const sub = await api.post(submit, { reportIds: [frReport.id] }, fr.token);
    conforms('post', `${member}/:id/submissions`, sub);
    await api.post(submit, { reportIds: [tnReport.id] }, tn.token);
    const compared = await api.post(`${unit}/${agr}/compare`, {}, unitAdmin.token);
    conforms('post', `${unit}/:id/compare`, compared);
    expect(compared.body.pairs).to.equal(1);
    conforms('get', `${unit}/:id`, await api.get(`${unit}/${agr}`, unitAdmin.token));
    const pairs = await api.get(`${member}/${agr}/pairs`, fr.token);
    conforms('get', `${member}/:id/pairs`, pairs);
    expect(pairs.body.items).to.have.length(1);
    const gone = await api.delete(`${submit}/${frReport.id}`, fr.token);
    conforms('delete', `${member}/:id/submissions/:reportId`, gone);
    conforms(
      'post',
      `${member}/:id/rotate`,
      await api.post(`${member}/${agr}/rotate`, {}, frAdmin.token),
    );
  });

  it('federation: received repatriation and case notice, disclosures (single node)', async () => {
    // Rows as the channel stores them on receipt (the two-node flows are tested in
    // test/federation; their responses were checked against these schemas there too).
    const db = testNode().db;
    await db.query(
      `INSERT INTO federation_custody_transfers (transfer_id, direction, jurisdiction, foreign_node,
         foreign_jurisdiction, remains_id, remains_code, signed_head, head_position, head_hash)
       VALUES (gen_random_uuid(), 'incoming', 'IT', 'urn:ariadne:node:demo', 'TN',
         gen_random_uuid(), 'PM-X', 'x.y.z', 1, 'h')`,
    );
    const [notice] = await db.query<{ id: string }>(
      `INSERT INTO federation_case_notices (notice_id, direction, jurisdiction, foreign_node,
         foreign_jurisdiction, case_number, reason, notice, status)
       VALUES (gen_random_uuid(), 'incoming', 'IT', 'urn:ariadne:node:demo', 'TN', 'TN-2026-1',
         'Family lives here', '{"caseNumber":"TN-2026-1"}', 'received') RETURNING id`,
    );
    const forensic = await buildForensic('IT');
    const repatriations = '/api/v1/federation/repatriations';
    const listed = await api.get(repatriations, forensic.token);
    conforms('get', repatriations, listed);
    expect(listed.body.items).to.not.deep.equal([]);
    const verified = await api.get(
      `${repatriations}/${listed.body.items[0].id}/verify`,
      forensic.token,
    );
    conforms('get', `${repatriations}/:id/verify`, verified);
    const disclosures = '/api/v1/federation/disclosures';
    conforms('get', disclosures, await api.get(disclosures, forensic.token));
    const cp = await designate({ country: 'IT' });
    const notices = '/api/v1/federation/case-notices';
    conforms('get', notices, await api.get(notices, cp.staff.token));
    const one = await api.get(`${notices}/${notice!.id}`, cp.staff.token);
    conforms('get', `${notices}/:id`, one);
    expect(one.body.notice).to.deep.equal({ caseNumber: 'TN-2026-1' });
  });
});
