import { expect } from 'chai';
import { checkerboardPng } from '../media.factories.js';
import { buildForensic, createRemains } from '../remains.factories.js';
import { fileReport, reportBody, reportUser } from '../reports.factories.js';
import { buildUser } from '../factories.js';
import { api, call } from '../http.js';
import { testNode } from '../node.js';

// The real owners: files on a filed report and on registered remains.
describe('media: files of real reports and remains', () => {
  it('attaches a photo to a report; another country gets 404', async () => {
    const caseworker = await reportUser('caseworker', 'IT');
    const report = await fileReport(caseworker.token);
    const res = await call('post', `/api/v1/reports/${report.id}/files`, caseworker.token)
      .attach('files', await checkerboardPng(64), { filename: 'a.png', contentType: 'image/png' })
      .field('caption', 'Family photo, 2022');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.items[0]).to.include({
      ownerType: 'report',
      sensitive: false,
      caption: 'Family photo, 2022',
    });
    const list = await api.get(`/api/v1/reports/${report.id}/files`, caseworker.token);
    expect(list.body.items.map((f: { id: string }) => f.id)).to.deep.equal([res.body.items[0].id]);
    expect(
      (await api.get(`/api/v1/files/${res.body.items[0].id}`, caseworker.token)).status,
    ).to.equal(200);
    const reads = await testNode().db.query<{ fields: string[] }>(
      `SELECT fields FROM audit_events WHERE action = 'read' AND subject_id = $1`,
      [res.body.items[0].id],
    );
    expect(
      reads.map((r) => r.fields),
      'metadata reads are audited',
    ).to.deep.include(['caption', 'originalName']);
    const other = await buildUser({ role: 'caseworker', country: 'GR' });
    expect((await api.get(`/api/v1/files/${res.body.items[0].id}`, other.token)).status).to.equal(
      404,
    );
    expect((await api.get(`/api/v1/reports/${report.id}/files`, other.token)).status).to.equal(404);
  });

  it('a post-mortem photo of remains is blurred for a caseworker', async () => {
    const forensic = await buildForensic('IT');
    const remains = await createRemains(forensic.token);
    const res = await call('post', `/api/v1/remains/${remains.id}/files`, forensic.token).attach(
      'files',
      await checkerboardPng(64),
      { filename: 'pm.png', contentType: 'image/png' },
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const seen = await api.get(`/api/v1/files/${res.body.items[0].id}`, caseworker.token);
    expect(seen.status).to.equal(200);
    expect(seen.body.variants).to.deep.equal(['preview']);
    const refused = await call(
      'post',
      `/api/v1/remains/${remains.id}/files`,
      caseworker.token,
    ).attach('files', await checkerboardPng(16), { filename: 'x.png', contentType: 'image/png' });
    expect(refused.status).to.equal(403);
  });

  it('a report whose family refused forensic sharing keeps its files from forensic users', async () => {
    const caseworker = await reportUser('caseworker', 'IT');
    const body = reportBody();
    const report = await fileReport(caseworker.token, {
      ...body,
      consent: { ...body.consent, forensicSharing: 'refused' },
    });
    const up = await call('post', `/api/v1/reports/${report.id}/files`, caseworker.token)
      .attach('files', await checkerboardPng(64), { filename: 'w.png', contentType: 'image/png' })
      .field('caption', 'wedding photo');
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    const fileId = up.body.items[0].id as string;
    const forensic = await buildUser({ role: 'forensic', country: 'IT' });
    const list = await api.get(`/api/v1/reports/${report.id}/files`, forensic.token);
    expect(list.status).to.equal(403);
    expect(list.body.error.code).to.equal('CONSENT_REQUIRED');
    expect(JSON.stringify(list.body)).to.not.include('wedding');
    const one = await api.get(`/api/v1/files/${fileId}`, forensic.token);
    expect(one.status).to.equal(403);
    const original = await api.get(
      `/api/v1/files/${fileId}/content?variant=original`,
      forensic.token,
    );
    expect(original.status).to.equal(403);
  });
});
