import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api, call } from '../http.js';
import { createIncident, createRemains, buildForensic } from '../remains.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { gpsTaggedJpeg } from '../media.factories.js';

// Issue 15 items 10 and 11: a forbidden record answers exactly like a missing one.
describe('hardening: forbidden records look missing', () => {
  it('refuses a report that points to another country’s incident, like an unknown incident', async () => {
    const frForensic = await buildForensic('FR');
    const itCaseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const foreign = await createIncident(frForensic.token);
    const body = (incidentId: string) =>
      reportBody({
        disappearance: { ...reportBody().disappearance, incidentId },
      });
    const toForeign = await api.post('/api/v1/reports', body(foreign), itCaseworker.token);
    const toRandom = await api.post('/api/v1/reports', body(randomUUID()), itCaseworker.token);
    expect(toForeign.status).to.equal(400);
    expect(toForeign.body).to.deep.equal(toRandom.body);
    expect(JSON.stringify(toForeign.body)).to.contain('body.disappearance.incidentId');
  });

  it('refuses the same on a report update', async () => {
    const frForensic = await buildForensic('FR');
    const itCaseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const foreign = await createIncident(frForensic.token);
    const report = await fileReport(itCaseworker.token);
    const res = await api.patch(
      `/api/v1/reports/${report.id}`,
      { disappearance: { ...reportBody().disappearance, incidentId: foreign } },
      itCaseworker.token,
    );
    expect(res.status).to.equal(400);
    expect(JSON.stringify(res.body)).to.contain('no such incident');
  });

  it('lets a family link a report to an incident of its own country (control)', async () => {
    const itForensic = await buildForensic('IT');
    const family = await buildUser({ role: 'family', country: 'IT' });
    const incident = await createIncident(itForensic.token);
    const res = await api.post(
      '/api/v1/reports',
      reportBody({ disappearance: { ...reportBody().disappearance, incidentId: incident } }),
      family.token,
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
  });

  it('answers a contact point byte-identically for a post-mortem file and a random id', async () => {
    const forensic = await buildForensic('IT');
    const contactPoint = await buildUser({ role: 'contact_point', country: 'IT' });
    const remains = await createRemains(forensic.token);
    const upload = await call('post', `/api/v1/remains/${remains.id}/files`, forensic.token).attach(
      'files',
      await gpsTaggedJpeg(),
      { filename: 'pm.jpg', contentType: 'image/jpeg' },
    );
    expect(upload.status, JSON.stringify(upload.body)).to.equal(201);
    const fileId = (upload.body as { items: { id: string }[] }).items[0]?.id;
    expect(fileId).to.be.a('string');
    for (const suffix of ['', '/content']) {
      const real = await api.get(`/api/v1/files/${fileId}${suffix}`, contactPoint.token);
      const random = await api.get(`/api/v1/files/${randomUUID()}${suffix}`, contactPoint.token);
      expect(real.status).to.equal(404);
      expect(real.text).to.equal(random.text);
    }
  });
});
