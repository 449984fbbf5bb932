import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { designate } from '../contact-points.factories.js';

const person = (nationalities: string[]) => ({
  names: [
    { kind: 'given', value: 'Amanuel', script: 'Latn' },
    { kind: 'family', value: 'Tesfay', script: 'Latn' },
  ],
  sex: 'male',
  nationalities,
});

describe('contact points: reports are routed when filed, and seen only by their contact point', () => {
  it('routes by nationality and language; the contact point sees its reports and nothing else', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const er = await designate({ admin, nationalities: ['ER'], languages: ['ti'] });
    const sy = await designate({ admin, nationalities: ['SY'], languages: ['ar'] });
    const family = await buildUser({ role: 'family', country: 'IT', preferredLanguage: 'ti' });
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });

    const erReport = await fileReport(family.token, reportBody({ person: person(['ER']) }));
    const syReport = await fileReport(
      cw.token,
      reportBody({ person: person(['SY']), internalNotes: 'sensitive' }),
    );

    const a = await api.get(`/api/v1/reports/${erReport.id}/assignment`, cw.token);
    expect(a.body.contactPoint.id).to.equal(er.id);
    expect(a.body.history[0].reason).to.match(/^Routed automatically: serves nationals of ER/);
    expect(
      (await api.get(`/api/v1/reports/${syReport.id}/assignment`, cw.token)).body.contactPoint.id,
    ).to.equal(sy.id);
    // The family is told which contact point follows its report.
    const inbox = await api.get('/api/v1/notifications', family.token);
    expect(inbox.body.items.map((i: { kind: string }) => i.kind)).to.deep.equal(['assignment']);

    const list = await api.get('/api/v1/reports', er.staff.token);
    expect(list.status).to.equal(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).to.deep.equal([erReport.id]);
    const one = await api.get(`/api/v1/reports/${erReport.id}`, er.staff.token);
    expect(one.status).to.equal(200);
    expect(one.body.relatives[0].name).to.equal('Saba Haile');
    expect(one.body).not.to.have.property('internalNotes');
    expect((await api.get(`/api/v1/reports/${syReport.id}`, er.staff.token)).status).to.equal(404);
    // A contact point of another country sees nothing.
    const fr = await designate({ country: 'FR', nationalities: ['ER'] });
    expect((await api.get('/api/v1/reports', fr.staff.token)).body.total).to.equal(0);
    expect((await api.get(`/api/v1/reports/${erReport.id}`, fr.staff.token)).status).to.equal(404);
    // A contact point reads, but does not change, the report.
    const patch = await api.patch(
      `/api/v1/reports/${erReport.id}`,
      { flags: { pregnant: true } },
      er.staff.token,
    );
    expect(patch.status).to.equal(403);

    // Reassigned: access follows the assignment.
    await api.put(
      `/api/v1/reports/${erReport.id}/assignment`,
      { contactPointId: sy.id, reason: 'Arabic speaker needed' },
      cw.token,
    );
    expect((await api.get(`/api/v1/reports/${erReport.id}`, er.staff.token)).status).to.equal(404);
    expect((await api.get('/api/v1/reports', sy.staff.token)).body.total).to.equal(2);
  });

  it('leaves a report unassigned when no contact point serves the nationality', async () => {
    await designate({ nationalities: ['SY'] });
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const report = await fileReport(cw.token, reportBody({ person: person(['GN']) }));
    const a = await api.get(`/api/v1/reports/${report.id}/assignment`, cw.token);
    expect(a.body).to.include({ contactPoint: null });
    expect(a.body.history).to.deep.equal([]);
  });

  it('a status change notifies the family once, in its language', async () => {
    await designate({ nationalities: ['ER'] });
    const family = await buildUser({ role: 'family', country: 'IT', preferredLanguage: 'es' });
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const report = await fileReport(cw.token, reportBody({ familyAccountId: family.user.id }));
    const res = await api.post(
      `/api/v1/reports/${report.id}/status`,
      { status: 'under_search', reason: 'ok' },
      cw.token,
    );
    expect(res.status).to.equal(200);
    const inbox = await api.get('/api/v1/notifications', family.token);
    const status = inbox.body.items.filter((i: { kind: string }) => i.kind === 'status_change');
    expect(status).to.have.length(1);
    expect(status[0].body).to.equal('La búsqueda de su familiar está en curso.');
  });
});
