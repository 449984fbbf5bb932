import { writeFileSync } from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { createServices } from '../../src/container.js';
import { loadConfig } from '../../src/config/index.js';
import { api } from '../http.js';
import { testConfig, testNode } from '../node.js';
import { fileReport, reportBody, reportUser } from '../reports.factories.js';
import { appendCustody, custodyEvent, INSTITUTIONS as I } from '../remains.factories.js';
import { pdfOf, remainsFixture } from '../documents/fixtures.js';
import { pdfPages } from '../documents/pdf-text.js';

// Issue 15 item 20: links follow PUBLIC_URL/PORT; multi-page PDFs are filled; names once.

/** Lines of text on each page; every page but the last must be well filled. */
function assertFilled(pdf: Buffer, name: string) {
  if (process.env.KEEP_PDF) {
    writeFileSync(`/tmp/${name}.pdf`, pdf);
  }
  const pages = pdfPages(pdf).map((p) => p.split('\n').filter((l) => l.trim() !== '').length);
  pages.slice(0, -1).forEach((lines, i) => {
    expect(lines, `${name}: page ${i + 1} of ${pages.length} has ${lines} lines`).to.be.at.least(
      25,
    );
  });
  return pages;
}

const EIGHT = () => [
  custodyEvent('recovered', { custodian: I.coastGuard, location: { name: 'Lampedusa pier' } }),
  custodyEvent('transported', { location: { name: 'Porto Empedocle', country: 'IT' } }),
  custodyEvent('received_at_morgue', { custodian: I.morgue, location: { name: 'Palermo morgue' } }),
  custodyEvent('examined', {
    performedBy: 'Dr. R.',
    documents: [{ kind: 'autopsy', reference: 'A-1' }],
  }),
  custodyEvent('sample_taken', {
    sample: { laboratory: 'LABANOF', sampleReference: 'LAB-118', sampleType: 'bone' },
  }),
  custodyEvent('stored', { location: { name: 'Cold room 2, Palermo' } }),
  custodyEvent('transported', { location: { name: 'Agrigento', country: 'IT' } }),
  custodyEvent('buried', {
    custodian: I.cemeteryAuthority,
    burial: {
      cemetery: 'Cimitero di Piano Gatta, Agrigento',
      section: 'B',
      row: '4',
      plot: '17',
      graveMarker: 'UR-IT-2025-00001',
    },
  }),
];

describe('hardening: newcomer problems in links and documents', function () {
  this.timeout(120_000);

  it('derives PUBLIC_URL from HOST and PORT when it is not set', () => {
    expect(loadConfig({ NODE_ENV: 'test', PORT: '4123' }).env.PUBLIC_URL).to.equal(
      'http://127.0.0.1:4123',
    );
    expect(loadConfig({ NODE_ENV: 'test', HOST: '0.0.0.0', PORT: '8080' }).env.PUBLIC_URL).to.equal(
      'http://127.0.0.1:8080',
    );
    expect(
      loadConfig({ NODE_ENV: 'test', PORT: '4123', PUBLIC_URL: 'https://tn.example.org' }).env
        .PUBLIC_URL,
    ).to.equal('https://tn.example.org');
  });

  it('puts PORT in the OpenAPI servers, PFIF ids and certificate links', async () => {
    // The test configuration without PUBLIC_URL, on port 4123.
    const config = testConfig({ PORT: '4123' });
    expect(config.env.PUBLIC_URL).to.equal('http://127.0.0.1:4123');
    const app = buildApp(createServices(testNode().db, config));
    const doc = await request(app).get('/openapi.json');
    expect(doc.status).to.equal(200);
    expect(doc.body.servers).to.deep.equal([{ url: 'http://127.0.0.1:4123' }]);
    const caseworker = await reportUser('caseworker', 'IT');
    const report = await fileReport(caseworker.token);
    const pfif = await request(app)
      .get(`/api/v1/reports/${report.id}/pfif`)
      .set('Authorization', `Bearer ${caseworker.token}`);
    expect(pfif.status).to.equal(200);
    expect(pfif.text).to.contain(`<pfif:person_record_id>127.0.0.1:4123/`);
    expect(pfif.text).to.not.contain(':3000');
    const fx = await remainsFixture();
    const cert = await request(app)
      .get(`/api/v1/remains/${fx.id}/documents/custody-certificate`)
      .set('Authorization', `Bearer ${fx.forensic.token}`)
      .buffer(true)
      .parse((res, done) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => done(null, Buffer.concat(parts)));
      });
    expect(cert.status).to.equal(200);
    expect(pdfPages(cert.body as Buffer).join('\n')).to.contain(
      'http://127.0.0.1:4123/api/v1/verify/',
    );
  });

  it('fills every page but the last of a custody certificate with 8 events and of a PM sheet', async () => {
    const fx = await remainsFixture(false);
    for (const e of EIGHT()) {
      const res = await appendCustody(fx.forensic.token, fx.id, e);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
    }
    const cert = await pdfOf(
      `/api/v1/remains/${fx.id}/documents/custody-certificate`,
      fx.forensic.token,
    );
    expect(assertFilled(cert.pdf, 'custody-certificate-8')).to.have.length.at.least(2);
    const pm = await pdfOf(`/api/v1/remains/${fx.id}/documents/pm-sheet`, fx.forensic.token);
    assertFilled(pm.pdf, 'pm-sheet');
  });

  it('prints a name given in two scripts once per script in the case summary and PFIF', async () => {
    const caseworker = await reportUser('caseworker', 'IT');
    const report = await fileReport(
      caseworker.token,
      reportBody({}, [
        { kind: 'given', value: 'Mohamed', script: 'Latn' },
        { kind: 'family', value: 'Ben Ali', script: 'Latn' },
        { kind: 'given', value: 'محمد', script: 'Arab', latin: 'Mohamed' },
        { kind: 'family', value: 'بن علي', script: 'Arab', latin: 'Ben Ali' },
      ]),
    );
    const pfif = await api.get(`/api/v1/reports/${report.id}/pfif`, caseworker.token);
    expect(pfif.text).to.contain('<pfif:full_name>Mohamed Ben Ali</pfif:full_name>');
    expect(pfif.text).to.contain('<pfif:given_name>Mohamed</pfif:given_name>');
    const { text } = await pdfOf(
      `/api/v1/reports/${report.id}/documents/case-summary`,
      caseworker.token,
    );
    expect(text).to.contain('Mohamed Ben Ali');
    expect(text).to.not.contain('Mohamed Ben Ali Mohamed');
    expect(text.split('Mohamed Ben Ali').length - 1).to.equal(1);
  });
});
