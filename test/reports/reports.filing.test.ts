import { expect } from 'chai';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { fileReport, reportBody, reportUser } from '../reports.factories.js';

const count = async (table: string) =>
  Number(
    (await testNode().db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n,
  );

describe('reports: filing and reading', () => {
  it('a family files a report with a case number, consent and a first status', async () => {
    const family = await reportUser('family', 'IT');
    const r = await fileReport(family.token);
    expect(r.caseNumber).to.match(/^MP-IT-\d{4}-000001$/);
    expect(r.status).to.equal('received');
    expect(r.statusLabel).to.equal('We have received your report.');
    expect((r.consent as Record<string, { status: string }>).forensicSharing?.status).to.equal(
      'granted',
    );
    expect(r).not.to.have.property('internalNotes');
    expect(r).not.to.have.property('possibleDuplicates');
    const again = await fileReport(family.token);
    expect(again.caseNumber).to.match(/-000002$/);
  });

  it('a caseworker files on behalf of a family account, which then sees it', async () => {
    const cw = await reportUser('caseworker', 'IT');
    const family = await reportUser('family', 'IT');
    const r = await fileReport(cw.token, {
      ...reportBody(),
      familyAccountId: family.user.id,
      internalNotes: 'met at Lampedusa',
    });
    expect(r.internalNotes).to.equal('met at Lampedusa');
    expect(r.possibleDuplicates).to.deep.equal([]);
    const seen = await api.get(`/api/v1/reports/${r.id}`, family.token);
    expect(seen.status).to.equal(200);
    expect(seen.body.person.names[0].value).to.equal('Yohannes');
    expect(seen.body).not.to.have.property('internalNotes');
  });

  it('a family may not write internal notes', async () => {
    const family = await reportUser('family');
    const res = await api.post(
      '/api/v1/reports',
      { ...reportBody(), internalNotes: 'x' },
      family.token,
    );
    expect(res.status).to.equal(403);
    expect(res.body.error.details.fields[0].field).to.equal('body.internalNotes');
    expect(await count('reports')).to.equal(0);
  });

  for (const [what, body, field] of [
    [
      'a bad country code',
      reportBody({ disappearance: { ...reportBody().disappearance, lastSeenCountry: 'Italy' } }),
      'body.disappearance.lastSeenCountry',
    ],
    [
      'an impossible date range',
      reportBody({
        disappearance: { ...reportBody().disappearance, lastSeenDate: '2024-05-20/2024-05-01' },
      }),
      'body.disappearance.lastSeenDate',
    ],
    [
      'an impossible date',
      reportBody({ person: { ...reportBody().person, dateOfBirth: '2023-02-30' } }),
      'body.person.dateOfBirth',
    ],
    [
      'a 300 kB name',
      reportBody({}, [{ kind: 'given', value: 'A'.repeat(300_000), script: 'Latn' }]),
      'body.person.names.0.value',
    ],
    [
      'a non-Latin name without transliteration',
      reportBody({}, [{ kind: 'given', value: 'محمد', script: 'Arab' }]),
      'body.person.names.0.latin',
    ],
    [
      'a raw DNA profile',
      reportBody({
        dnaSamples: [
          {
            relationship: 'mother',
            laboratory: 'L',
            sampleReference: 'R',
            collectedOn: '2024',
            profile: 'D3S1358 15,16',
          },
        ],
      }),
      'body.dnaSamples.0',
    ],
    [
      'no search consent',
      reportBody({ consent: { domesticSearch: 'refused' } }),
      'body.consent.domesticSearch',
    ],
  ] as const) {
    it(`refuses ${what}, naming the field, and stores nothing`, async () => {
      const cw = await reportUser('caseworker');
      const res = await api.post('/api/v1/reports', body, cw.token);
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).to.equal(400);
      const fields = (res.body.error.details.fields as { field: string }[]).map((f) => f.field);
      expect(
        fields.some((f) => f.startsWith(field)),
        fields.join(),
      ).to.equal(true);
      expect(await count('reports')).to.equal(0);
      expect(await count('report_name_tokens')).to.equal(0);
    });
  }

  it('refuses a 10 MB name with the field named and stores nothing', async () => {
    const cw = await reportUser('caseworker');
    const res = await api.post(
      '/api/v1/reports',
      reportBody({}, [{ kind: 'given', value: 'A'.repeat(10_000_000), script: 'Latn' }]),
      cw.token,
    );
    expect(res.status).to.equal(400);
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).to.include('body.person.names.0.value');
    expect(JSON.stringify(res.body).length, 'the value is not echoed back').to.be.below(2000);
    expect(await count('reports')).to.equal(0);
  });

  it('a forensic practitioner reads identification data but no relatives or notes', async () => {
    const cw = await reportUser('caseworker', 'IT');
    const forensic = await reportUser('forensic', 'IT');
    const r = await fileReport(cw.token, { ...reportBody(), internalNotes: 'internal' });
    const res = await api.get(`/api/v1/reports/${r.id}`, forensic.token);
    expect(res.status).to.equal(200);
    expect(res.body.medical.implants[0].serialNumber).to.equal('SN-123');
    expect(res.body.dnaSamples[0].sampleReference).to.equal('ICMP-77');
    expect(res.body).not.to.have.property('relatives');
    expect(res.body).not.to.have.property('internalNotes');
    expect(JSON.stringify(res.body)).not.to.contain('saba@example.org');
    const list = await api.get('/api/v1/reports', forensic.token);
    expect(list.body.items.map((i: { id: string }) => i.id)).to.deep.equal([r.id]);
    expect(JSON.stringify(list.body)).not.to.contain('+291');
  });

  it('without consent to share with forensic services, a forensic read is refused clearly', async () => {
    const cw = await reportUser('caseworker', 'IT');
    const forensic = await reportUser('forensic', 'IT');
    const r = await fileReport(
      cw.token,
      reportBody({ consent: { domesticSearch: 'granted', forensicSharing: 'refused' } }),
    );
    const res = await api.get(`/api/v1/reports/${r.id}`, forensic.token);
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('CONSENT_REQUIRED');
    expect(res.body.error.message).to.contain('forensicSharing');
    const list = await api.get('/api/v1/reports', forensic.token);
    expect(list.body.total).to.equal(0);
  });

  it('a family completes its report; a withdrawn consent is recorded with its date', async () => {
    const family = await reportUser('family');
    const r = await fileReport(family.token);
    const res = await api.patch(
      `/api/v1/reports/${r.id}`,
      {
        description: {
          build: 'slim',
          marks: [{ kind: 'tattoo', bodyLocation: 'chest', description: 'cross' }],
        },
        consent: {
          domesticSearch: 'granted',
          forensicSharing: 'withdrawn',
          crossBorderMatching: 'granted',
        },
      },
      family.token,
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.description.marks[0].kind).to.equal('tattoo');
    expect(res.body.consent.forensicSharing.status).to.equal('withdrawn');
    const notes = await api.patch(`/api/v1/reports/${r.id}`, { internalNotes: 'x' }, family.token);
    expect(notes.status).to.equal(403);
    const forensic = await reportUser('forensic');
    expect((await api.get(`/api/v1/reports/${r.id}`, forensic.token)).body.error.code).to.equal(
      'CONSENT_REQUIRED',
    );
  });

  it('records every read and change in the audit trail, by field name only', async () => {
    const cw = await reportUser('caseworker');
    const r = await fileReport(cw.token);
    await api.get(`/api/v1/reports/${r.id}`, cw.token);
    const rows = await testNode().db.query<{ action: string; fields: string[]; details: object }>(
      `SELECT action, fields, details FROM audit_events WHERE subject_id = $1 ORDER BY seq`,
      [r.id],
    );
    expect(rows.map((x) => x.action)).to.deep.equal(['create', 'read']);
    expect(rows[1]!.fields).to.include('relatives');
    expect(JSON.stringify(rows)).not.to.contain('Yohannes');
  });
});

describe('reports: oversized sections', () => {
  it('a 10 MB name sent when completing a report is refused with the field named', async () => {
    const cw = await reportUser('caseworker', 'IT');
    const r = await fileReport(cw.token);
    const body = reportBody({}, [{ kind: 'given', value: 'B'.repeat(10_000_000), script: 'Latn' }]);
    const res = await api.patch(`/api/v1/reports/${r.id}`, { person: body.person }, cw.token);
    expect(res.status).to.equal(400);
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).to.include('body.person.names.0.value');
    const [row] = await testNode().db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM report_name_tokens WHERE norm LIKE 'bbbb%'`,
    );
    expect(row?.n, 'nothing of the refused name was stored').to.equal(0);
  });
});

describe('reports: linked incident', () => {
  it('refuses an incident that does not exist with 400 naming the field, storing nothing', async () => {
    const cw = await reportUser('caseworker', 'IT');
    const body = reportBody();
    const res = await api.post(
      '/api/v1/reports',
      {
        ...body,
        disappearance: {
          ...body.disappearance,
          incidentId: '00000000-0000-4000-8000-000000000000',
        },
      },
      cw.token,
    );
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields[0].field).to.equal('body.disappearance.incidentId');
    const rows = await testNode().db.query('SELECT 1 FROM reports');
    expect(rows).to.have.length(0);
  });
});
