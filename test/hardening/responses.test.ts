import { expect } from 'chai';
import { buildUser, TEST_PASSWORD } from '../factories.js';
import { api, call } from '../http.js';
import { fileReport } from '../reports.factories.js';
import { gpsTaggedJpeg } from '../media.factories.js';

// Issue 15 item 9: personal data is not cached; originals are evidence, downloaded (never shown
// inline from the API's origin) and only by the roles that need them; file names are sanitised.
const PDF_WITH_SCRIPT = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    '3 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

function binary(path: string, token: string) {
  return call('get', path, token)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

describe('hardening: caching, originals and file names', () => {
  it('marks personal-data JSON (and tokens) Cache-Control: no-store', async () => {
    const caseworker = await buildUser({ role: 'caseworker' });
    const report = await fileReport(caseworker.token);
    const one = await api.get(`/api/v1/reports/${report.id}`, caseworker.token);
    expect(one.status).to.equal(200);
    expect(one.get('Cache-Control')).to.equal('no-store');
    const list = await api.get('/api/v1/reports', caseworker.token);
    expect(list.get('Cache-Control')).to.equal('no-store');
    const login = await api.post('/api/v1/auth/login', {
      email: caseworker.email,
      password: TEST_PASSWORD,
    });
    expect(login.status).to.equal(200);
    expect(login.get('Cache-Control')).to.equal('no-store');
  });

  it('gives a caseworker the stripped copy only; the forensic original is an attachment', async () => {
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const forensic = await buildUser({ role: 'forensic', country: 'IT' });
    const report = await fileReport(caseworker.token);
    const up = await call('post', `/api/v1/reports/${report.id}/files`, caseworker.token).attach(
      'files',
      await gpsTaggedJpeg(),
      { filename: '<img src=x onerror=alert(1)>\u202Egpj.png', contentType: 'image/jpeg' },
    );
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    const file = up.body.items[0] as { id: string; variants: string[]; originalName: string };
    expect(file.variants).to.not.include('original');
    expect(file.originalName).to.not.match(/[<>"'\u202E]/);
    const refused = await api.get(
      `/api/v1/files/${file.id}/content?variant=original`,
      caseworker.token,
    );
    expect(refused.status).to.equal(403);
    const medium = await binary(`/api/v1/files/${file.id}/content`, caseworker.token);
    expect(medium.status).to.equal(200);
    expect((medium.body as Buffer).includes(Buffer.from('Exif\0\0'))).to.equal(false);

    const original = await binary(
      `/api/v1/files/${file.id}/content?variant=original`,
      forensic.token,
    );
    expect(original.status).to.equal(200);
    const disposition = original.get('Content-Disposition') ?? '';
    expect(disposition).to.match(/^attachment; filename="[^"<>]+"/);
    expect(original.get('Cache-Control')).to.contain('no-store');
  });

  it('never serves a PDF inline from the API origin', async () => {
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const report = await fileReport(caseworker.token);
    const up = await call('post', `/api/v1/reports/${report.id}/files`, caseworker.token).attach(
      'files',
      PDF_WITH_SCRIPT,
      { filename: 'statement.pdf', contentType: 'application/pdf' },
    );
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    const res = await binary(`/api/v1/files/${up.body.items[0].id}/content`, caseworker.token);
    expect(res.status).to.equal(200);
    expect(res.get('Content-Disposition')).to.match(/^attachment; filename="statement\.pdf"/);
    expect(res.get('Content-Security-Policy')).to.contain('sandbox');
  });
});
