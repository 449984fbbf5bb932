import { expect } from 'chai';
import { designate } from '../contact-points.factories.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { buildForensic, createRemains } from '../remains.factories.js';
import { staffClient, staffLogin } from './staff.helpers.js';

describe('staff console: login, idle timeout, forensic and caseworker pages', () => {
  it('sends visitors to the staff login and back to the page they asked for', async () => {
    const c = staffClient();
    const res = await c.get('/staff/remains?status=unidentified');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(
      `/staff/login?next=${encodeURIComponent('/staff/remains?status=unidentified')}`,
    );
  });

  it('refuses a login without a second factor for a role that needs one', async () => {
    const u = await buildUser({ role: 'forensic', mfaExempt: false });
    const c = staffClient();
    await c.get('/staff/login');
    const res = await c.post('/staff/login', {
      email: u.email,
      password: 'correct horse battery staple',
    });
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('requires a second factor');
    expect(String(res.headers['set-cookie'] ?? '')).not.to.match(/ariadne_session=[\w-]{20}/);
  });

  it('shows each role its home page in the chosen language, Arabic right to left', async () => {
    const f = await buildUser({ role: 'forensic' });
    const c = await staffLogin(f.email);
    const en = await c.get('/staff');
    expect(en.text).to.contain('Remains awaiting identification');
    expect(en.text).to.contain('href="/staff/remains"');
    const ar = await c.get('/staff?lang=ar');
    expect(ar.text).to.match(/<html lang="ar" dir="rtl">/);
    expect(ar.text).to.contain('رفات بانتظار التعرف');
    const it = await c.get('/staff?lang=it');
    expect(it.text).to.contain('Resti in attesa di identificazione');
  });

  it('ends a staff session that stayed idle past the limit', async () => {
    const f = await buildUser({ role: 'caseworker' });
    const c = await staffLogin(f.email);
    expect((await c.get('/staff')).status).to.equal(200);
    await testNode().db.query(
      `UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`,
      [f.user.id],
    );
    const res = await c.get('/staff');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/staff\/login/);
    const rows = await testNode().db.query<{ revoked_reason: string }>(
      `SELECT revoked_reason FROM sessions WHERE user_id = $1 AND web_token_hash IS NOT NULL`,
      [f.user.id],
    );
    expect(rows.map((r) => r.revoked_reason)).to.deep.equal(['idle']);
  });

  it('records a custody event through the form, offering only allowed next steps', async () => {
    const f = await buildForensic('IT');
    const rem = await createRemains(f.token);
    const c = await staffLogin(f.email);
    const page = await c.get(`/staff/remains/${rem.id}`);
    expect(page.status).to.equal(200);
    // Before any event only "recovered" may come first.
    const options = [...page.text.matchAll(/<option value="([a-z_]+)"/g)].map((m) => m[1]);
    expect(options).to.include('recovered');
    expect(options).not.to.include('exhumed');
    const bad = await c.post(`/staff/remains/${rem.id}/custody`, {
      kind: 'exhumed',
      occurredAt: '2025-10-04T09:00',
      custodianName: 'Cimitero di Agrigento',
    });
    expect(bad.status).to.equal(409);
    expect(bad.text).to.contain('cannot follow the current state');
    const missing = await c.post(`/staff/remains/${rem.id}/custody`, {
      kind: 'recovered',
      occurredAt: '2025-10-04T09:00',
    });
    expect(missing.status).to.equal(400);
    expect(missing.text).to.match(
      /id="f-custodianName"[^>]*aria-invalid="true"|f-custodianName-error/,
    );
    const ok = await c.post(`/staff/remains/${rem.id}/custody`, {
      kind: 'recovered',
      occurredAt: '2025-10-04T09:00',
      custodianName: 'Guardia Costiera',
      locationName: 'Cala Pisana',
    });
    expect(ok.status, ok.text.slice(0, 300)).to.equal(303);
    // Read the chain back through the page: the event is there, and the next steps moved on.
    const after = await c.get(`/staff/remains/${rem.id}`);
    expect(after.text).to.contain('Guardia Costiera');
    const next = [...after.text.matchAll(/<option value="([a-z_]+)"/g)].map((m) => m[1]);
    expect(next).to.include('received_at_morgue');
    expect(next).not.to.include('recovered');
  });

  it('routes a report to a contact point through the form, naming a missing or foreign one', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const report = await fileReport(cw.token);
    const desk = await designate({ nationalities: ['ER'] });
    const abroad = await designate({ country: 'FR' });
    const c = await staffLogin(cw.email);
    expect((await c.get(`/staff/reports/${report.id}`)).status).to.equal(200);
    const blank = await c.post(`/staff/reports/${report.id}/route`, { contactPointId: desk.id });
    expect(blank.status).to.equal(400);
    expect(blank.text).to.contain('id="reason-error"');
    expect(blank.text).not.to.contain('id="contactPointId-error"');
    const foreign = await c.post(`/staff/reports/${report.id}/route`, {
      contactPointId: abroad.id,
      reason: 'French desk',
    });
    expect(foreign.status).to.equal(400);
    expect(foreign.text).to.contain('id="contactPointId-error"');
    expect(foreign.text).to.contain('French desk');
    const before = await api.get(`/api/v1/reports/${report.id}/assignment`, cw.token);
    expect(before.body.contactPoint?.id ?? null).not.to.equal(abroad.id);
    const ok = await c.post(`/staff/reports/${report.id}/route`, {
      contactPointId: desk.id,
      reason: 'Tigrinya-speaking desk',
    });
    expect(ok.status).to.equal(303);
    expect(ok.headers.location).to.equal(`/staff/reports/${report.id}#h-routing`);
    const after = await api.get(`/api/v1/reports/${report.id}/assignment`, cw.token);
    expect(after.body.contactPoint.id).to.equal(desk.id);
    expect(after.body.history.at(-1).reason).to.equal('Tigrinya-speaking desk');
  });

  it('refuses a form without its CSRF token', async () => {
    const f = await buildForensic('IT');
    const rem = await createRemains(f.token);
    const c = await staffLogin(f.email);
    await c.get(`/staff/remains/${rem.id}`);
    const res = await c.post(
      `/staff/remains/${rem.id}/custody`,
      { kind: 'recovered', occurredAt: '2025-10-04T09:00', custodianName: 'X' },
      'forged',
    );
    expect(res.status).to.equal(403);
    const rows = await testNode().db.query('SELECT 1 FROM custody_events WHERE remains_id = $1', [
      rem.id,
    ]);
    expect(rows).to.have.length(0);
  });

  it('answers 404 for another country’s remains and refuses other roles and families', async () => {
    const tn = await buildForensic('TN');
    const foreign = await createRemains(tn.token, {
      recovery: {
        date: '2025-10-04',
        place: 'Zarzis',
        country: 'TN',
        circumstances: 'beach',
        agency: 'Garde nationale',
      },
    });
    const f = await buildForensic('IT');
    const c = await staffLogin(f.email);
    const res = await c.get(`/staff/remains/${foreign.id}`);
    expect(res.status).to.equal(404);
    expect(res.text).not.to.contain('Zarzis');
    const cw = await buildUser({ role: 'caseworker' });
    const cwc = await staffLogin(cw.email);
    expect((await cwc.get('/staff/remains')).status).to.equal(403);
    const fam = await buildUser({ role: 'family', country: 'TN' });
    const fc = staffClient();
    await fc.get('/staff/login');
    const login = await fc.post('/staff/login', {
      email: fam.email,
      password: 'correct horse battery staple',
    });
    expect(login.status).to.equal(303);
    expect((await fc.get('/staff')).status).to.equal(403);
    expect((await fc.get('/staff/reports')).status).to.equal(403);
  });

  it('lets a caseworker search by name in another script and see a report of their country only', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const names = [
      { kind: 'given' as const, value: 'Mohamed', script: 'Latn' },
      { kind: 'family' as const, value: 'Ben Ali', script: 'Latn' },
    ];
    const rep = await fileReport(cw.token, reportBody({}, names));
    const tnCw = await buildUser({ role: 'caseworker', country: 'TN' });
    const tnRep = await fileReport(tnCw.token, reportBody({}, names));
    const c = await staffLogin(cw.email);
    const bad = await c.get('/staff/reports?lastSeenFrom=yesterday');
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('f-lastSeenFrom');
    const found = await c.get(`/staff/reports?name=${encodeURIComponent('محمد بن علي')}`);
    expect(found.status).to.equal(200);
    expect(found.text).to.contain(rep.caseNumber);
    expect(found.text).not.to.contain(tnRep.caseNumber);
    const page = await c.get(`/staff/reports/${rep.id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Possible duplicates');
    expect((await c.get(`/staff/reports/${tnRep.id}`)).status).to.equal(404);
  });

  it('shows auditors the trail and its verification, administrators their users', async () => {
    const a = await buildUser({ role: 'auditor' });
    const c = await staffLogin(a.email);
    const trail = await c.get('/staff/audit');
    expect(trail.status).to.equal(200);
    expect(trail.text).to.contain('login');
    expect((await c.get('/staff/audit/verify')).status).to.equal(200);
    const v = await c.post('/staff/audit/verify', {});
    expect(v.status).to.equal(200);
    expect(v.text).to.match(/chain is intact: \d+ events checked/);
    expect((await c.get('/staff/users')).status).to.equal(403);
    const admin = await buildUser({ role: 'admin' });
    const ac = await staffLogin(admin.email);
    const users = await ac.get('/staff/users');
    expect(users.status).to.equal(200);
    expect(users.text).to.contain(admin.email);
    expect((await ac.get('/staff/audit')).status).to.equal(403);
  });
});
