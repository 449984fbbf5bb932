import { expect } from 'chai';
import { buildOrg, buildUser } from '../factories.js';
import { api } from '../http.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { designate } from '../contact-points.factories.js';

describe('contact points: designation and public directory', () => {
  it('an administrator designates an organisation of their country with its staff', async () => {
    const cp = await designate({ nationalities: ['ER'], languages: ['ti', 'en'] });
    const res = await api.get(`/api/v1/contact-points/${cp.id}`, cp.admin.token);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ country: 'IT', organisationId: cp.organisationId, active: true });
    expect(res.body.nationalities).to.deep.equal(['ER']);
    expect(res.body.staff.map((s: { id: string }) => s.id)).to.deep.equal([cp.staff.user.id]);
    // The staff member reads their own designation.
    const own = await api.get(`/api/v1/contact-points/${cp.id}`, cp.staff.token);
    expect(own.status).to.equal(200);
  });

  it('refuses staff who are not contact_point users of the organisation', async () => {
    const org = await buildOrg({ country: 'IT', kind: 'consulate' });
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const res = await api.post(
      '/api/v1/contact-points',
      {
        organisationId: org.id,
        name: 'Desk',
        languages: ['en'],
        channels: [{ kind: 'email', value: 'desk@consulate.example' }],
        staffIds: [caseworker.user.id],
      },
      admin.token,
    );
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields[0].field).to.equal('body.staffIds');
    const list = await api.get('/api/v1/contact-points', admin.token);
    expect(list.body.total).to.equal(0);
  });

  it('refuses an organisation of another country', async () => {
    const org = await buildOrg({ country: 'FR', kind: 'consulate' });
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const res = await api.post(
      '/api/v1/contact-points',
      {
        organisationId: org.id,
        name: 'Desk',
        languages: ['en'],
        channels: [{ kind: 'phone', value: '1' }],
      },
      admin.token,
    );
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields[0].field).to.equal('body.organisationId');
  });

  it('the public list is readable without login and names no staff', async () => {
    const cp = await designate({ nationalities: ['ER'], languages: ['ti'] });
    await designate({ country: 'FR', nationalities: ['SY'], languages: ['ar'] });
    const res = await api.get('/api/v1/contact-points/public');
    expect(res.status).to.equal(200);
    expect(res.body.total).to.equal(2);
    const text = JSON.stringify(res.body);
    expect(text).not.to.include(cp.staff.user.id);
    expect(text).not.to.include(cp.staff.user.displayName);
    expect(text).not.to.include(cp.staff.email);
    expect(res.body.items[0]).not.to.have.property('staff');
    expect(res.body.items[0].channels[0]).to.deep.equal({
      kind: 'phone',
      value: '+39 06 555 0100',
    });
    const ar = await api.get('/api/v1/contact-points/public?language=ar');
    expect(ar.body.items.map((i: { country: string }) => i.country)).to.deep.equal(['FR']);
    const er = await api.get('/api/v1/contact-points/public?nationality=ER&country=IT');
    expect(er.body.items.map((i: { id: string }) => i.id)).to.deep.equal([cp.id]);
  });

  it('a withdrawn designation leaves the public list', async () => {
    const cp = await designate();
    const res = await api.patch(
      `/api/v1/contact-points/${cp.id}`,
      { active: false },
      cp.admin.token,
    );
    expect(res.status).to.equal(200);
    expect(res.body.active).to.equal(false);
    expect((await api.get('/api/v1/contact-points/public')).body.total).to.equal(0);
  });

  it('another country’s administrator and contact point see nothing', async () => {
    const cp = await designate();
    const frAdmin = await buildUser({ role: 'admin', country: 'FR' });
    expect((await api.get(`/api/v1/contact-points/${cp.id}`, frAdmin.token)).status).to.equal(404);
    expect((await api.get('/api/v1/contact-points', frAdmin.token)).body.total).to.equal(0);
    const other = await designate({ country: 'FR' });
    expect((await api.get(`/api/v1/contact-points/${cp.id}`, other.staff.token)).status).to.equal(
      404,
    );
  });
});

describe('contact points: routing preview and report assignment', () => {
  it('routing picks the contact point for nationality, residence and language', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const eritrea = await designate({ admin, nationalities: ['ER'], languages: ['ti'] });
    const syria = await designate({
      admin,
      nationalities: ['SY'],
      countries: ['IT'],
      languages: ['ar'],
    });
    const general = await designate({ admin, languages: ['en', 'fr'] });
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const route = async (q: string) =>
      (await api.get(`/api/v1/contact-points/route?${q}`, cw.token)).body;
    expect((await route('nationality=ER&residence=DE&language=ti')).contactPoint.id).to.equal(
      eritrea.id,
    );
    expect((await route('nationality=SY&residence=IT&language=ar')).contactPoint.id).to.equal(
      syria.id,
    );
    const gn = await route('nationality=GN&language=fr');
    expect(gn.contactPoint.id).to.equal(general.id);
    expect(gn.reasons).to.include('serves every nationality');
  });

  it('a caseworker assigns a report with a reason; only that contact point and the family see it', async () => {
    const cwUser = await buildUser({ role: 'caseworker', country: 'IT' });
    const family = await buildUser({ role: 'family', country: 'IT' });
    const report = await fileReport(cwUser.token, reportBody({ familyAccountId: family.user.id }));
    const a = await designate({ nationalities: ['ER'] });
    const b = await designate({ nationalities: ['ER'] });
    const put = await api.put(
      `/api/v1/reports/${report.id}/assignment`,
      { contactPointId: a.id, reason: 'Tigrinya-speaking desk' },
      cwUser.token,
    );
    expect(put.status, JSON.stringify(put.body)).to.equal(200);
    expect(put.body.contactPoint.id).to.equal(a.id);
    const seen = await api.get(`/api/v1/reports/${report.id}/assignment`, a.staff.token);
    expect(seen.status).to.equal(200);
    expect(seen.body.history.map((h: { reason: string }) => h.reason)).to.deep.equal([
      'Tigrinya-speaking desk',
    ]);
    expect(
      (await api.get(`/api/v1/reports/${report.id}/assignment`, b.staff.token)).status,
    ).to.equal(404);
    const fam = await api.get(`/api/v1/reports/${report.id}/assignment`, family.token);
    expect(fam.status).to.equal(200);
    expect(fam.body.contactPoint.channels).to.have.length(1);
    expect(fam.body).not.to.have.property('history');
    // The assigned contact point hands it over; the history keeps both reasons.
    const moved = await api.put(
      `/api/v1/reports/${report.id}/assignment`,
      { contactPointId: b.id, reason: 'Family moved to Milan' },
      a.staff.token,
    );
    expect(moved.status).to.equal(200);
    expect(
      (await api.get(`/api/v1/reports/${report.id}/assignment`, a.staff.token)).status,
    ).to.equal(404);
    const hist = await api.get(`/api/v1/reports/${report.id}/assignment`, b.staff.token);
    expect(hist.body.history).to.have.length(2);
    expect(hist.body.history[1]).to.include({ fromContactPointId: a.id, toContactPointId: b.id });
  });

  it('refuses reassignment to another country’s contact point', async () => {
    const cwUser = await buildUser({ role: 'caseworker', country: 'IT' });
    const report = await fileReport(cwUser.token);
    const fr = await designate({ country: 'FR' });
    const res = await api.put(
      `/api/v1/reports/${report.id}/assignment`,
      { contactPointId: fr.id, reason: 'x' },
      cwUser.token,
    );
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields[0].field).to.equal('body.contactPointId');
  });
});
