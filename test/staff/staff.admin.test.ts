// Administrators' console pages for the transnational channel and contact-point designations:
// the forms go through the federation and contact-points services, refuse bad input naming the
// field (nothing written), a missing CSRF token, visitors, other roles and another country.
import { expect } from 'chai';
import { buildOrg, buildUser } from '../factories.js';
import { MATCHING_KINDS } from '../federation.factories.js';
import { testNode } from '../node.js';
import { staffClient, staffLogin } from './staff.helpers.js';

const agreementForm = {
  ref: 'TN-LY-2026-MISSING',
  partnerJurisdiction: 'ly',
  messageKinds: ['profile.am', 'profile.pm', 'ping'],
  dataCategories: ['matching_profile', 'none'],
  purposes: ['identification', 'operations'],
  legalBasis: 'Memorandum of understanding on missing migrants, art. 4',
  endsOn: '2030-12-31',
};

const count = async (sql: string, params: unknown[] = []) =>
  Number((await testNode().db.query<{ n: string }>(sql, params))[0]!.n);

describe('staff console: administrators’ channel and designations', function () {
  this.timeout(120_000);

  it('records and revokes an agreement, registers a peer and rotates a key', async () => {
    const admin = await buildUser({ role: 'admin', country: 'TN' });
    const c = await staffLogin(admin.email);
    const page = await c.get('/staff/federation');
    expect(page.status).to.equal(200);
    for (const kind of MATCHING_KINDS.slice(0, 3)) {
      expect(page.text).to.contain(`value="${kind}"`);
    }
    const forged = await c.post('/staff/federation/agreements', agreementForm, 'forged');
    expect(forged.status).to.equal(403);
    const bad = await c.post('/staff/federation/agreements', {
      ...agreementForm,
      messageKinds: [],
      endsOn: '31/12/2030',
    });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('href="#f-messageKinds"');
    expect(bad.text).to.contain('href="#f-endsOn"');
    expect(bad.text).to.contain('value="TN-LY-2026-MISSING"');
    const own = await c.post('/staff/federation/agreements', {
      ...agreementForm,
      partnerJurisdiction: 'TN',
    });
    expect(own.status, 'the service’s own rule, shown on the field').to.equal(400);
    expect(own.text).to.contain('href="#f-partnerJurisdiction"');
    expect(await count('SELECT count(*) AS n FROM federation_agreements')).to.equal(0);

    const ok = await c.post('/staff/federation/agreements', agreementForm);
    expect(ok.status, ok.text.slice(0, 400)).to.equal(303);
    const rows = await testNode().db.query<{ id: string; partner: string; purposes: string[] }>(
      `SELECT id, trim(partner_jurisdiction) AS partner, purposes FROM federation_agreements`,
    );
    expect(rows).to.have.length(1);
    expect(rows[0]!.partner).to.equal('LY');
    expect(rows[0]!.purposes).to.deep.equal(['identification', 'operations']);

    // Another country's administrator does not reach it.
    const other = await staffLogin((await buildUser({ role: 'admin', country: 'IT' })).email);
    expect((await other.get('/staff/federation')).text).not.to.contain('TN-LY-2026-MISSING');
    const foreign = await other.post(`/staff/federation/agreements/${rows[0]!.id}/revoke`, {});
    expect(foreign.status).to.equal(404);
    const revoked = await c.post(`/staff/federation/agreements/${rows[0]!.id}/revoke`, {});
    expect(revoked.status).to.equal(303);
    expect(
      await count('SELECT count(*) AS n FROM federation_agreements WHERE revoked_at IS NOT NULL'),
    ).to.equal(1);

    const peer = {
      nodeId: 'https://ly.example.org',
      name: 'Libya node',
      baseUrl: 'http://127.0.0.1:9',
      jurisdictions: 'ly',
      pinnedThumbprint: 'short',
    };
    const badPeer = await c.post('/staff/federation/peers', peer);
    expect(badPeer.status).to.equal(400);
    expect(badPeer.text).to.contain('href="#f-pinnedThumbprint"');
    expect(await count('SELECT count(*) AS n FROM federation_peers')).to.equal(0);
    const goodPeer = await c.post('/staff/federation/peers', {
      ...peer,
      pinnedThumbprint: 'A'.repeat(43),
    });
    expect(goodPeer.status).to.equal(303);
    expect((await c.get('/staff/federation')).text).to.contain('Libya node');

    const keys = () => count(`SELECT count(*) AS n FROM federation_keys`);
    const before = await keys();
    expect((await c.post('/staff/federation/keys/rotate', { use: 'both' })).status).to.equal(400);
    expect(await keys()).to.equal(before);
    const rotated = await c.post('/staff/federation/keys/rotate', { use: 'enc' });
    expect(rotated.status).to.equal(303);
    expect(await keys()).to.equal(before + 1);
  });

  it('designates, withdraws and reinstates a contact point', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const org = await buildOrg({ country: 'IT', kind: 'consulate' });
    const staff = await buildUser({ role: 'contact_point', country: 'IT', organisationId: org.id });
    const c = await staffLogin(admin.email);
    const page = await c.get('/staff/contact-points');
    expect(page.status).to.equal(200);
    const form = {
      organisationId: org.id,
      name: 'Consulate of Tunisia — family tracing desk',
      countries: 'it, mt',
      nationalities: 'TN',
      languages: '',
      channelKind: 'phone',
      channelValue: '+39 091 000 0000',
      hours: 'Mon–Fri 9–13',
      staffIds: staff.user.id,
    };
    expect((await c.post('/staff/contact-points', form, 'forged')).status).to.equal(403);
    const bad = await c.post('/staff/contact-points', form);
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('href="#f-languages"');
    const cps = () => count(`SELECT count(*) AS n FROM contact_points WHERE country = 'IT'`);
    expect(await cps()).to.equal(0);
    const foreignOrg = await buildOrg({ country: 'TN', kind: 'consulate' });
    const wrongOrg = await c.post('/staff/contact-points', {
      ...form,
      languages: 'ar, fr',
      organisationId: foreignOrg.id,
      staffIds: [],
    });
    expect(wrongOrg.status).to.equal(400);
    expect(wrongOrg.text).to.contain('href="#f-organisationId"');
    expect(await cps()).to.equal(0);
    const ok = await c.post('/staff/contact-points', { ...form, languages: 'ar, fr' });
    expect(ok.status, ok.text.slice(0, 400)).to.equal(303);
    const [row] = await testNode().db.query<{ id: string; countries: string[] }>(
      `SELECT id, countries FROM contact_points WHERE country = 'IT'`,
    );
    expect(row!.countries).to.deep.equal(['IT', 'MT']);
    const listed = await c.get('/staff/contact-points');
    expect(listed.text).to.contain('Consulate of Tunisia — family tracing desk');
    expect(listed.text).to.contain(staff.user.displayName);

    const tnAdmin = await staffLogin((await buildUser({ role: 'admin', country: 'TN' })).email);
    expect((await tnAdmin.post(`/staff/contact-points/${row!.id}/withdraw`, {})).status).to.equal(
      404,
    );
    expect((await c.post(`/staff/contact-points/${row!.id}/withdraw`, {})).status).to.equal(303);
    const active = () =>
      testNode().db.query<{ active: boolean }>(`SELECT active FROM contact_points WHERE id = $1`, [
        row!.id,
      ]);
    expect((await active())[0]!.active).to.equal(false);
    expect((await c.post(`/staff/contact-points/${row!.id}/reinstate`, {})).status).to.equal(303);
    expect((await active())[0]!.active).to.equal(true);
  });

  it('refuses visitors and other roles', async () => {
    const visitor = staffClient();
    for (const path of ['/staff/federation', '/staff/contact-points']) {
      const res = await visitor.get(path);
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.match(/^\/staff\/login/);
    }
    for (const role of ['caseworker', 'auditor', 'contact_point', 'forensic'] as const) {
      const c = await staffLogin((await buildUser({ role, country: 'TN' })).email);
      expect((await c.get('/staff/federation')).status, role).to.equal(403);
      expect((await c.get('/staff/contact-points')).status, role).to.equal(403);
      expect((await c.post('/staff/federation/keys/rotate', { use: 'enc' })).status).to.equal(403);
    }
  });
});
