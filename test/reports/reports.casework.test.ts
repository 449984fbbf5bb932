import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { checkerboardPng } from '../media.factories.js';
import { buildUser } from '../factories.js';
import { api, call } from '../http.js';
import { testNode } from '../node.js';
import { fileReport, reportBody, reportUser } from '../reports.factories.js';

const PFIF = `<?xml version="1.0" encoding="UTF-8"?>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">
  <pfif:person>
    <pfif:person_record_id>personfinder.example.org/p.123</pfif:person_record_id>
    <pfif:full_name>Tesfay Gebre</pfif:full_name>
    <pfif:sex>male</pfif:sex>
    <pfif:note>
      <pfif:note_record_id>personfinder.example.org/n.1</pfif:note_record_id>
      <pfif:status>believed_alive</pfif:status>
      <pfif:text>Seen in Agadez &amp; well</pfif:text>
    </pfif:note>
  </pfif:person>
</pfif:pfif>`;

describe('reports: lifecycle and casework', () => {
  it('moves through the lifecycle; the family reads a plain timeline without reasons', async () => {
    const cw = await reportUser('caseworker');
    const family = await reportUser('family');
    const r = await fileReport(cw.token, { ...reportBody(), familyAccountId: family.user.id });
    const step = (status: string, extra = {}) =>
      api.post(
        `/api/v1/reports/${r.id}/status`,
        { status, reason: `internal: ${status}`, ...extra },
        cw.token,
      );
    expect((await step('under_search')).body.status).to.equal('under_search');
    expect(
      (await step('possible_match', { messageToFamily: 'We will call you.' })).status,
    ).to.equal(200);
    const bad = await step('closed');
    expect(bad.status).to.equal(409);
    expect(bad.body.error.code).to.equal('INVALID_TRANSITION');
    expect((await step('located_alive')).status).to.equal(200);
    expect(
      (
        await api.post(
          `/api/v1/reports/${r.id}/status`,
          { status: 'closed', reason: 'x' },
          family.token,
        )
      ).status,
    ).to.equal(403);

    const tl = await api.get(`/api/v1/reports/${r.id}/timeline`, family.token);
    expect(tl.body.items.map((i: { status: string }) => i.status)).to.deep.equal([
      'received',
      'under_search',
      'possible_match',
      'located_alive',
    ]);
    expect(tl.body.items[3].label).to.equal('Your relative has been found alive.');
    expect(tl.body.items[2].messageToFamily).to.equal('We will call you.');
    expect(JSON.stringify(tl.body)).not.to.contain('internal:');
    const pro = await api.get(`/api/v1/reports/${r.id}/timeline`, cw.token);
    expect(pro.body.items[1].reason).to.equal('internal: under_search');
    expect(pro.body.items[1].actorId).to.equal(cw.user.id);
  });

  it('a family reading in French gets French labels', async () => {
    const family = await buildUser({ role: 'family', country: 'IT', preferredLanguage: 'fr' });
    const r = await fileReport(family.token);
    expect(r.statusLabel).to.equal('Nous avons bien reçu votre demande.');
  });

  it('search stops when the family withdraws its search consent', async () => {
    const cw = await reportUser('caseworker');
    const r = await fileReport(cw.token);
    await api.patch(
      `/api/v1/reports/${r.id}`,
      { consent: { domesticSearch: 'withdrawn' } },
      cw.token,
    );
    const res = await api.post(
      `/api/v1/reports/${r.id}/status`,
      { status: 'under_search', reason: 'go' },
      cw.token,
    );
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('CONSENT_REQUIRED');
    const close = await api.post(
      `/api/v1/reports/${r.id}/status`,
      { status: 'closed', reason: 'consent withdrawn' },
      cw.token,
    );
    expect(close.status).to.equal(200);
  });

  it('warns of a likely duplicate filed by another relative, with reasons, and links them', async () => {
    const cw = await reportUser('caseworker');
    const first = await fileReport(cw.token);
    const other = await fileReport(
      cw.token,
      reportBody({}, [
        { kind: 'given', value: 'ዮሃንስ', script: 'Ethi', latin: 'Yohanes' },
        { kind: 'family', value: 'ሃይለ', script: 'Ethi', latin: 'Hayle' },
      ]),
    );
    const dups = other.possibleDuplicates as { reportId: string; reasons: string[] }[];
    expect(dups.map((d) => d.reportId)).to.deep.equal([first.id]);
    expect(dups[0]!.reasons).to.include('same identity document number');
    expect(dups[0]!.reasons.join()).to.contain('similar names');
    const different = await fileReport(
      cw.token,
      reportBody({ person: { ...reportBody().person, sex: 'female', documents: [] } }),
    );
    expect(different.possibleDuplicates).to.deep.equal([]);

    const link = await api.post(
      `/api/v1/reports/${other.id}/links`,
      { reportId: first.id, reason: 'same person' },
      cw.token,
    );
    expect(link.status).to.equal(201);
    const read = await api.get(`/api/v1/reports/${first.id}`, cw.token);
    expect(read.body.links.map((l: { reportId: string }) => l.reportId)).to.deep.equal([other.id]);
    const again = await api.get(`/api/v1/reports/${first.id}/duplicates`, cw.token);
    expect(again.body.items[0].reportId).to.equal(other.id);
  });

  it('exports a PFIF 1.4 person with status notes, and imports PFIF persons as leads', async () => {
    const cw = await reportUser('caseworker');
    const r = await fileReport(cw.token);
    await api.post(
      `/api/v1/reports/${r.id}/status`,
      { status: 'under_search', reason: 'x' },
      cw.token,
    );
    const res = await api.get(`/api/v1/reports/${r.id}/pfif`, cw.token);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.contain('application/xml');
    expect(res.text).to.contain('xmlns:pfif="http://zesty.ca/pfif/1.4"');
    expect(res.text).to.contain(`/${r.caseNumber}</pfif:person_record_id>`);
    expect(res.text).to.contain('<pfif:full_name>Yohannes Haile</pfif:full_name>');
    expect(res.text.match(/<pfif:status>information_sought<\/pfif:status>/g)).to.have.length(2);
    expect(res.text).not.to.contain('saba@example.org');
    expect(res.text).not.to.contain('SN-123');

    const noConsent = await fileReport(
      cw.token,
      reportBody({ consent: { domesticSearch: 'granted' } }),
    );
    const refused = await api.get(`/api/v1/reports/${noConsent.id}/pfif`, cw.token);
    expect(refused.body.error.code).to.equal('CONSENT_REQUIRED');

    const imp = await api.post('/api/v1/reports/pfif-import', { xml: PFIF }, cw.token);
    expect(imp.status, JSON.stringify(imp.body)).to.equal(201);
    expect(imp.body.imported).to.equal(1);
    expect(
      (await api.post('/api/v1/reports/pfif-import', { xml: PFIF }, cw.token)).body.imported,
    ).to.equal(0);
    const leads = await api.get('/api/v1/report-leads', cw.token);
    expect(leads.body.items[0].fullName).to.equal('Tesfay Gebre');
    expect(leads.body.items[0].record.notes[0].text).to.equal('Seen in Agadez & well');
    const broken = await api.post(
      '/api/v1/reports/pfif-import',
      { xml: '<pfif><person>' },
      cw.token,
    );
    expect(broken.status).to.equal(400);
    expect(broken.body.error.details.fields[0].field).to.equal('body.xml');
  });

  it('a family exports everything held and withdraws its contact details', async () => {
    const family = await reportUser('family');
    const r = await fileReport(family.token);
    const exp = await api.get(`/api/v1/reports/${r.id}/export`, family.token);
    expect(exp.status).to.equal(200);
    expect(exp.body.report.relatives[0].contact.email).to.equal('saba@example.org');
    expect(exp.body.timeline[0].status).to.equal('received');
    expect(exp.body.processing.map((p: { action: string }) => p.action)).to.include('create');
    expect(exp.body.report).not.to.have.property('internalNotes');
    const relId = r.relatives![0]!.id;
    const del = await api.delete(
      `/api/v1/reports/${r.id}/relatives/${relId}/contact`,
      family.token,
    );
    expect(del.status).to.equal(200);
    const after = await api.get(`/api/v1/reports/${r.id}`, family.token);
    expect(after.body.relatives[0].contact).to.deep.equal({});
    expect(after.body.relatives[0].mayContact).to.equal(false);
    expect(JSON.stringify(after.body)).not.to.contain('saba@example.org');
  });

  it('a withdrawal of contact survives a caseworker re-sending the relatives section', async () => {
    const family = await reportUser('family', 'IT');
    const cw = await reportUser('caseworker', 'IT');
    const r = await fileReport(family.token);
    const relId = r.relatives![0]!.id;
    await api.delete(`/api/v1/reports/${r.id}/relatives/${relId}/contact`, family.token);
    const resend = await api.patch(
      `/api/v1/reports/${r.id}`,
      {
        relatives: [
          {
            name: 'Saba Haile',
            relationship: 'mother',
            preferredLanguage: 'ti',
            contact: { email: 'saba@example.org' },
          },
        ],
      },
      cw.token,
    );
    expect(resend.status, JSON.stringify(resend.body)).to.equal(200);
    const after = await api.get(`/api/v1/reports/${r.id}`, cw.token);
    expect(after.body.relatives[0].mayContact).to.equal(false);
    expect(after.body.relatives[0].contact).to.deep.equal({});
    expect(JSON.stringify(after.body)).not.to.contain('saba@example.org');
  });

  it('purges closed reports after the configured retention period, keeping the rest', async () => {
    const cw = await reportUser('caseworker');
    const old = await fileReport(cw.token);
    const open = await fileReport(cw.token);
    await api.post(
      `/api/v1/reports/${old.id}/status`,
      { status: 'closed', reason: 'found' },
      cw.token,
    );
    const { services, db, config } = testNode();
    const years = config.node.retention.closedReportsYears;
    const soon = await services.reports.applyRetention(new Date());
    expect(soon.purged).to.equal(0);
    const later = new Date();
    later.setUTCFullYear(
      later.getUTCFullYear() + years,
      later.getUTCMonth(),
      later.getUTCDate() + 1,
    );
    expect((await services.reports.applyRetention(later)).purged).to.equal(1);
    const ids = (await db.query<{ id: string }>('SELECT id FROM reports')).map((x) => x.id);
    expect(ids).to.deep.equal([open.id]);
    const purge = await db.query(
      `SELECT 1 FROM audit_events WHERE action = 'purge' AND subject_id = $1`,
      [old.id],
    );
    expect(purge).to.have.length(1);
  });

  it('purging a report at the end of its retention also deletes its photos and their bytes', async () => {
    const cw = await reportUser('caseworker');
    const r = await fileReport(cw.token);
    const up = await call('post', `/api/v1/reports/${r.id}/files`, cw.token).attach(
      'files',
      await checkerboardPng(32),
      { filename: 'p.png', contentType: 'image/png' },
    );
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    const { services, db, config } = testNode();
    const [stored] = await db.query<{ sha256: string }>(
      'SELECT sha256 FROM media_files WHERE owner_id = $1',
      [r.id],
    );
    const path = join(config.env.DATA_DIR, 'files');
    const holdsBytes = () =>
      readdirSync(path, { recursive: true }).some((f) => String(f).includes(stored!.sha256));
    expect(holdsBytes(), 'original stored under its hash').to.equal(true);
    await api.post(
      `/api/v1/reports/${r.id}/status`,
      { status: 'closed', reason: 'found' },
      cw.token,
    );
    const later = new Date();
    later.setUTCFullYear(later.getUTCFullYear() + config.node.retention.closedReportsYears + 1);
    expect((await services.reports.applyRetention(later)).purged).to.equal(1);
    expect(await db.query('SELECT 1 FROM media_files WHERE owner_id = $1', [r.id])).to.have.length(
      0,
    );
    expect(holdsBytes(), 'bytes removed after the purge').to.equal(false);
  });
});

describe('reports: audit of reads', () => {
  it('records timeline reads and which reports a search showed', async () => {
    const cw = await reportUser('caseworker', 'IT');
    const r = await fileReport(cw.token);
    expect((await api.get(`/api/v1/reports/${r.id}/timeline`, cw.token)).status).to.equal(200);
    expect((await api.get('/api/v1/reports?name=Yohannes', cw.token)).status).to.equal(200);
    const { db } = testNode();
    const timeline = await db.query<{ fields: string[] }>(
      `SELECT fields FROM audit_events WHERE action = 'read' AND subject_id = $1`,
      [r.id],
    );
    expect(timeline.map((e) => e.fields)).to.deep.include(['timeline']);
    const [list] = await db.query<{ details: { ids: string[] } }>(
      `SELECT details FROM audit_events WHERE action = 'list' AND subject_type = 'Report'
       ORDER BY seq DESC LIMIT 1`,
    );
    expect(list?.details.ids).to.deep.equal([r.id]);
  });
});
