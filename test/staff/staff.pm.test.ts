// Forensic pages: PM registration, photos through the media service, PDFs, the burial register,
// lab results and exclusion overrides — and who may not reach each of them.
import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { candidateId, matchingWorld } from '../matching.factories.js';
import { testNode } from '../node.js';
import {
  appendCustody,
  buildForensic,
  createRemains,
  custodyEvent,
  INSTITUTIONS,
} from '../remains.factories.js';
import { staffClient, staffLogin } from './staff.helpers.js';
import { photo } from './staff.photo.js';

/** A valid PM registration form. */
export const PM_ANSWERS: Record<string, string> = {
  recoveryDate: '2025-10-04',
  recoveryPlace: 'Cala Pisana, Lampedusa',
  recoveryCountry: 'IT',
  agency: 'Guardia Costiera',
  recoveryCircumstances: 'Recovered at sea',
  kind: 'body',
  bodyPart: '',
  condition: 'partial',
  sex: 'male',
  ageMin: '20',
  ageMax: '30',
  statureMin: '170',
  statureMax: '178',
  hair: 'black',
  eyes: '',
  markKind: 'tattoo',
  markLocation: 'left_arm',
  markDescription: 'anchor',
  dental: '11 crown',
  findings: 'healed fracture of the right tibia',
  implantKind: '',
  implantSerial: '',
  fingerprintsHeldBy: 'Polizia Scientifica, Agrigento',
  sampleLaboratory: 'LABANOF',
  sampleReference: 'LAB-2025-201',
  sampleType: 'bone',
  effects: 'blue jeans\nsilver ring',
  notes: '',
  basisKind: 'prosecutor_order',
  basisReference: 'Proc. Agrigento 123/2025',
};

const RECOVERED = () =>
  custodyEvent('recovered', {
    custodian: INSTITUTIONS.coastGuard,
    location: { name: 'Lampedusa pier' },
  });

async function remainsCount(country = 'IT') {
  const rows = await testNode().db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM remains WHERE country = $1',
    [country],
  );
  return rows[0]!.n;
}

describe('staff console: PM registration, photos, PDFs, burial register, lab results', function () {
  this.timeout(120_000);

  it('registers remains from the PM form, then adds a photo to them', async () => {
    const f = await buildForensic('IT');
    const c = await staffLogin(f.email);
    expect((await c.get('/staff/remains/new')).status).to.equal(200);
    const before = await remainsCount();
    const res = await c.post('/staff/remains/new', PM_ANSWERS);
    expect(res.status, res.text.slice(0, 400)).to.equal(303);
    expect(await remainsCount()).to.equal(before + 1);
    const id = /remains\/([0-9a-f-]{36})\/photos/.exec(res.headers.location as string)![1]!;
    const rows = await testNode().db.query<{ data: Record<string, unknown> }>(
      'SELECT to_jsonb(r) AS data FROM remains r WHERE id = $1',
      [id],
    );
    const stored = JSON.stringify(rows[0]!.data);
    expect(stored).to.contain('LAB-2025-201');
    expect(stored).to.contain('Proc. Agrigento 123/2025');
    const page = await c.get(res.headers.location as string);
    expect(page.text).to.contain('The remains were registered');
    const up = await c.agent
      .post(`/staff/remains/${id}/photos`)
      .field('_csrf', c.csrf)
      .field('caption', 'left forearm tattoo')
      .attach('files', await photo(), 'tattoo.jpg');
    expect(
      up.status,
      up.text.slice(up.text.indexOf('<main'), up.text.indexOf('<main') + 800),
    ).to.equal(303);
    const list = await c.get(`/staff/remains/${id}/photos`);
    expect(list.text).to.contain('left forearm tattoo');
    const fileId = /\/staff\/files\/([0-9a-f-]{36})\/thumb/.exec(list.text)![1]!;
    const thumb = await c.agent.get(`/staff/files/${fileId}/thumb`);
    expect(thumb.status).to.equal(200);
    expect(thumb.headers['content-type']).to.contain('image/jpeg');
    // Post-mortem photos: a caseworker of the same country gets no page and no thumbnail.
    const cw = await staffLogin((await buildUser({ role: 'caseworker', country: 'IT' })).email);
    expect((await cw.get(`/staff/remains/${id}/photos`)).status).to.equal(403);
    expect((await cw.agent.get(`/staff/files/${fileId}/thumb`)).status).to.equal(403);
    const tn = await staffLogin((await buildForensic('TN')).email);
    expect((await tn.get(`/staff/remains/${id}/photos`)).status).to.equal(404);
    expect((await tn.agent.get(`/staff/files/${fileId}/thumb`)).status).to.equal(404);
  });

  it('refuses a photo upload without its CSRF token, storing nothing', async () => {
    const f = await buildForensic('IT');
    const rem = await createRemains(f.token);
    const c = await staffLogin(f.email);
    await c.get(`/staff/remains/${rem.id}/photos`);
    const res = await c.agent
      .post(`/staff/remains/${rem.id}/photos`)
      .field('_csrf', 'forged')
      .attach('files', await photo(), 'x.jpg');
    expect(res.status).to.equal(403);
    const rows = await testNode().db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM media_files WHERE owner_id = $1',
      [rem.id],
    );
    expect(rows[0]!.n).to.equal(0);
  });

  it('gives bad PM input back with the field named, writing nothing; refuses a forged token', async () => {
    const f = await buildForensic('IT');
    const c = await staffLogin(f.email);
    await c.get('/staff/remains/new');
    const before = await remainsCount();
    const res = await c.post('/staff/remains/new', {
      ...PM_ANSWERS,
      recoveryDate: '2025-13-40',
      ageMin: '40',
      ageMax: '20',
    });
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('href="#f-recoveryDate"');
    expect(res.text).to.contain('href="#f-ageMax"');
    expect(res.text).to.contain('value="Cala Pisana, Lampedusa"');
    const forged = await c.post('/staff/remains/new', PM_ANSWERS, 'forged');
    expect(forged.status).to.equal(403);
    expect(await remainsCount()).to.equal(before);
  });

  it('lets only forensic practitioners register remains', async () => {
    const anon = await staffClient().get('/staff/remains/new');
    expect(anon.status).to.equal(303);
    expect(anon.headers.location).to.match(/^\/staff\/login\?next=/);
    for (const role of ['caseworker', 'contact_point', 'admin'] as const) {
      const c = await staffLogin((await buildUser({ role, country: 'IT' })).email);
      expect((await c.get('/staff/remains/new')).status, role).to.equal(403);
      expect((await c.post('/staff/remains/new', PM_ANSWERS)).status, role).to.equal(403);
    }
  });

  it('gives the PM sheet and custody certificate PDFs to the country only', async () => {
    const f = await buildForensic('IT');
    const rem = await createRemains(f.token);
    const first = await appendCustody(f.token, rem.id, RECOVERED());
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    const c = await staffLogin(f.email);
    for (const doc of ['pm-sheet.pdf', 'certificate.pdf']) {
      const res = await c.agent.get(`/staff/remains/${rem.id}/${doc}`);
      expect(res.status, doc).to.equal(200);
      expect(res.headers['content-type']).to.contain('application/pdf');
      expect(res.headers['cache-control']).to.equal('no-store');
    }
    const tn = await staffLogin((await buildForensic('TN')).email);
    expect((await tn.agent.get(`/staff/remains/${rem.id}/pm-sheet.pdf`)).status).to.equal(404);
    const cw = await staffLogin((await buildUser({ role: 'caseworker', country: 'IT' })).email);
    expect((await cw.agent.get(`/staff/remains/${rem.id}/pm-sheet.pdf`)).status).to.equal(403);
  });

  it('shows the burial register of a cemetery, paged, to its country only', async () => {
    const f = await buildForensic('IT');
    const c = await staffLogin(f.email);
    const rem = await createRemains(f.token);
    for (const e of [
      RECOVERED(),
      custodyEvent('received_at_morgue', {
        custodian: INSTITUTIONS.morgue,
        location: { name: 'Palermo' },
      }),
      custodyEvent('buried', {
        custodian: INSTITUTIONS.cemeteryAuthority,
        burial: { cemetery: 'Cimitero di Agrigento', plot: 'B-12', graveMarker: 'stone 118' },
      }),
    ]) {
      const res = await appendCustody(f.token, rem.id, e);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
    }
    const empty = await c.get('/staff/burial-register');
    expect(empty.status).to.equal(200);
    const res = await c.get('/staff/burial-register?cemetery=Cimitero%20di%20Agrigento');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain(String(rem.code));
    expect(res.text).to.contain('B-12');
    const tn = await staffLogin((await buildForensic('TN')).email);
    const other = await tn.get('/staff/burial-register?cemetery=Cimitero%20di%20Agrigento');
    expect(other.text).not.to.contain(String(rem.code));
    const an = await staffLogin((await buildUser({ role: 'analyst', country: 'IT' })).email);
    expect((await an.get('/staff/burial-register?cemetery=x')).status).to.equal(403);
  });

  it('records a lab result and an exclusion override with a reason; bad input names the field', async () => {
    const w = await matchingWorld();
    const id = (await candidateId(w.reportId, w.trueId))!;
    const c = await staffLogin(w.forensicA.email);
    expect((await c.get(`/staff/candidates/${id}/lab`)).status).to.equal(200);
    const bad = await c.post(`/staff/candidates/${id}/lab-result`, {
      kind: 'dna',
      method: 'kinship',
      likelihoodRatio: '250000',
      laboratory: '',
    });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('href="#f-laboratory"');
    const labs = async () =>
      (
        await testNode().db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM lab_results WHERE report_id = $1',
          [w.reportId],
        )
      )[0]!.n;
    expect(await labs()).to.equal(0);
    const ok = await c.post(`/staff/candidates/${id}/lab-result`, {
      kind: 'dna',
      method: 'kinship',
      likelihoodRatio: '250000',
      laboratory: 'LABANOF',
      referenceSample: 'IPT-2025-0042',
    });
    expect(ok.status, ok.text.slice(0, 300)).to.equal(303);
    expect(await labs()).to.equal(1);
    const noReason = await c.post(`/staff/candidates/${id}/override`, {
      rule: 'sex_mismatch',
      reason: '',
    });
    expect(noReason.status).to.equal(400);
    expect(noReason.text).to.contain('href="#f-reason"');
    const over = await c.post(`/staff/candidates/${id}/override`, {
      rule: 'sex_mismatch',
      reason: 'Sex recorded wrongly at recovery; corrected by the pathologist',
    });
    expect(over.status, over.text.slice(0, 300)).to.equal(303);
    const page = await c.get(`/staff/candidates/${id}/lab`);
    expect(page.text).to.contain('corrected by the pathologist');
    const forged = await c.post(
      `/staff/candidates/${id}/lab-result`,
      { kind: 'dental', outcome: 'match', laboratory: 'X' },
      'forged',
    );
    expect(forged.status).to.equal(403);
    expect(await labs()).to.equal(1);
    const tn = await staffLogin((await buildForensic('TN')).email);
    expect((await tn.get(`/staff/candidates/${id}/lab`)).status).to.equal(404);
    expect((await tn.post(`/staff/candidates/${id}/lab-result`, { kind: 'dna' })).status).to.equal(
      404,
    );
    const cw = await staffLogin(w.caseworker.email);
    expect((await cw.get(`/staff/candidates/${id}/lab`)).status).to.equal(403);
  });
});
