// The caseworker's AM intake in steps (draft between steps, filed through the reports service),
// consent recorded with the family present, and the family's timeline as the family sees it.
import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { testNode } from '../node.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { staffClient, staffLogin } from './staff.helpers.js';

type Client = ReturnType<typeof staffClient>;

/** Valid answers of every intake step. */
export const INTAKE_ANSWERS: Record<string, Record<string, string | string[]>> = {
  person: {
    givenName: 'Amine',
    familyName: 'Trabelsi',
    nativeName: 'أمين الطرابلسي',
    sex: 'male',
    dateOfBirth: '2001-03',
    ageMin: '',
    ageMax: '',
    nationality: 'TN',
    placeOfBirth: 'Sfax',
    languages: 'ar, fr',
    documentKind: 'passport',
    documentNumber: 'TN-778812',
    documentCountry: 'TN',
  },
  disappearance: {
    lastSeenDate: '2025-09-14',
    lastSeenPlace: 'Sfax, Kerkennah port',
    lastSeenCountry: 'TN',
    route: 'Central Mediterranean',
    circumstances: 'Left by boat at night with 40 others',
  },
  description: {
    heightMin: '172',
    heightMax: '176',
    weightMin: '',
    weightMax: '',
    build: 'slim',
    hair: 'black, curly',
    eyes: 'brown',
    markKind: 'tattoo',
    markLocation: 'left_arm',
    markDescription: 'anchor',
    clothing: 'blue jeans\nwhite Adidas trainers',
    belongings: 'silver ring',
  },
  medical: {
    dental: '11 crown porcelain\n36 filled',
    dentalNotes: '',
    fractureLocation: 'right_leg',
    fractureDescription: 'tibia, 2018',
    surgery: '2019 appendectomy',
    implantKind: '',
    implantSerial: '',
    history: '',
  },
  dna: {
    dnaRelationship: 'mother',
    dnaLaboratory: 'Institut Pasteur de Tunis',
    dnaReference: 'IPT-2025-0042',
    dnaCollectedOn: '2025-10-02',
  },
  family: {
    relativeName: 'Fatma Trabelsi',
    relationship: 'mother',
    phone: '+216 20 000 000',
    email: '',
    address: '',
    preferredLanguage: 'ar',
    flags: [],
  },
  consent: {
    present: 'Fatma Trabelsi (mother); Sami (interpreter)',
    explained: ['domesticSearch', 'forensicSharing'],
    domesticSearch: 'granted',
    forensicSharing: 'granted',
    crossBorderMatching: 'refused',
    photoPublication: 'refused',
    givenBy: 'the mother, at the interview in Sfax',
    legalBasis: 'consent',
  },
};

async function reportCount(country = 'TN') {
  const rows = await testNode().db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM reports WHERE country = $1',
    [country],
  );
  return rows[0]!.n;
}

async function draftOf(userId: string) {
  const rows = await testNode().db.query<{ data: Record<string, string> }>(
    'SELECT data FROM report_drafts WHERE user_id = $1',
    [userId],
  );
  return rows[0]?.data;
}

describe('staff console: AM intake in steps, consent with the family, family view', function () {
  this.timeout(120_000);

  it('takes a caseworker through every step to a filed report, saving a draft between steps', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'TN' });
    const c = await staffLogin(cw.email);
    const before = await reportCount();
    for (const [step, answers] of Object.entries(INTAKE_ANSWERS)) {
      const page = await c.get(`/staff/intake/${step}`);
      expect(page.status, step).to.equal(200);
      const res = await c.post(`/staff/intake/${step}`, answers);
      expect(res.status, `${step}: ${res.text.slice(0, 300)}`).to.equal(303);
    }
    expect((await draftOf(cw.user.id))?.dnaReference).to.equal('IPT-2025-0042');
    // Coming back to a step shows the saved answers.
    expect((await c.get('/staff/intake/person')).text).to.contain('value="Trabelsi"');
    const review = await c.get('/staff/intake/review');
    expect(review.text).to.contain('Fatma Trabelsi (mother); Sami (interpreter)');
    const filed = await c.post('/staff/intake/file', {});
    expect(filed.status).to.equal(303);
    expect(filed.headers.location).to.match(/^\/staff\/reports\/[0-9a-f-]{36}\?filed=1$/);
    expect(await reportCount()).to.equal(before + 1);
    expect(await draftOf(cw.user.id)).to.equal(undefined);
    const id = /reports\/([0-9a-f-]{36})/.exec(filed.headers.location as string)![1]!;
    const rows = await testNode().db.query<{
      person: { names: { value: string; latin?: string }[]; documents: unknown[] };
      medical: { dental: { tooth: string; state: string }[]; surgery: { year?: number }[] };
      dna_samples: { sampleReference: string }[];
      consent: {
        present: string;
        explained: string[];
        forensicSharing: { status: string };
        crossBorderMatching: { status: string };
      };
    }>('SELECT person, medical, dna_samples, consent FROM reports WHERE id = $1', [id]);
    const r = rows[0]!;
    expect(r.person.names.map((n) => n.value)).to.include('أمين الطرابلسي');
    expect(r.medical.dental.map((d) => `${d.tooth} ${d.state}`)).to.deep.equal([
      '11 crown',
      '36 filled',
    ]);
    expect(r.medical.surgery[0]!.year).to.equal(2019);
    expect(r.dna_samples[0]!.sampleReference).to.equal('IPT-2025-0042');
    expect(r.consent.present).to.contain('interpreter');
    expect(r.consent.explained).to.deep.equal(['domesticSearch', 'forensicSharing']);
    expect(r.consent.forensicSharing.status).to.equal('granted');
    expect(r.consent.crossBorderMatching.status).to.equal('refused');
    const page = await c.get(filed.headers.location as string);
    expect(page.text).to.contain('The report was filed.');
  });

  it('gives bad input back with the field named, saving nothing', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'TN' });
    const c = await staffLogin(cw.email);
    await c.get('/staff/intake/disappearance');
    const res = await c.post('/staff/intake/disappearance', {
      ...INTAKE_ANSWERS.disappearance,
      lastSeenDate: '2099-01-01',
    });
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('href="#f-lastSeenDate"');
    expect(res.text).to.contain('value="Sfax, Kerkennah port"');
    expect(await draftOf(cw.user.id)).to.equal(undefined);
    await c.get('/staff/intake/medical');
    const teeth = await c.post('/staff/intake/medical', {
      ...INTAKE_ANSWERS.medical,
      dental: '99 shiny',
    });
    expect(teeth.status).to.equal(400);
    expect(teeth.text).to.contain('href="#f-dental"');
    // Consent to a purpose that was not explained is refused, naming the explanations.
    await c.get('/staff/intake/consent');
    const consent = await c.post('/staff/intake/consent', {
      ...INTAKE_ANSWERS.consent,
      explained: ['domesticSearch'],
    });
    expect(consent.status).to.equal(400);
    expect(consent.text).to.contain('href="#f-explained"');
    expect(consent.text).to.contain('without being explained');
    expect(await draftOf(cw.user.id)).to.equal(undefined);
  });

  it('speaks French, Italian and Arabic (right to left) on the intake and PM forms', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'TN' });
    const c = await staffLogin(cw.email);
    expect((await c.get('/staff/intake/consent?lang=fr')).text).to.contain(
      'Finalités expliquées à la famille',
    );
    expect((await c.get('/staff/intake/person?lang=it')).text).to.contain('Cognome');
    const ar = await c.get('/staff/intake/medical?lang=ar');
    expect(ar.text).to.match(/<html lang="ar" dir="rtl">/);
    expect(ar.text).to.contain('سجل الأسنان');
  });

  it('refuses a step without its CSRF token and writes nothing', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'TN' });
    const c = await staffLogin(cw.email);
    await c.get('/staff/intake/person');
    const res = await c.post('/staff/intake/person', INTAKE_ANSWERS.person!, 'forged');
    expect(res.status).to.equal(403);
    expect(await draftOf(cw.user.id)).to.equal(undefined);
  });

  it('lets only caseworkers reach the intake', async () => {
    const anon = staffClient();
    const res = await anon.get('/staff/intake/person');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/staff\/login\?next=/);
    for (const role of ['forensic', 'contact_point', 'auditor'] as const) {
      const u = await buildUser({ role, country: 'TN' });
      const c = await staffLogin(u.email);
      expect((await c.get('/staff/intake/person')).status, role).to.equal(403);
      expect((await c.post('/staff/intake/file', {})).status, role).to.equal(403);
    }
  });

  describe('consent and the family view of an existing report', () => {
    /** A report of Italy and its caseworker's signed-in client (tables are emptied before each test). */
    async function existing(): Promise<{ reportId: string; own: Client }> {
      const cw = await buildUser({ role: 'caseworker', country: 'IT' });
      const reportId = (await fileReport(cw.token, reportBody())).id;
      return { reportId, own: await staffLogin(cw.email) };
    }

    it('records consent with who was present and what was explained', async () => {
      const { reportId, own } = await existing();
      await own.get(`/staff/reports/${reportId}/consent`);
      const res = await own.post(`/staff/reports/${reportId}/consent`, {
        present: 'Selam (sister), by video with an interpreter',
        explained: ['domesticSearch', 'crossBorderMatching'],
        domesticSearch: 'granted',
        forensicSharing: 'refused',
        crossBorderMatching: 'granted',
        photoPublication: 'refused',
        givenBy: 'the sister',
        legalBasis: 'consent',
      });
      expect(res.status, res.text.slice(0, 400)).to.equal(303);
      const page = await own.get(`/staff/reports/${reportId}/consent`);
      expect(page.text).to.contain('Selam (sister), by video with an interpreter');
      const rows = await testNode().db.query<{
        consent: { crossBorderMatching: { status: string } };
      }>('SELECT consent FROM reports WHERE id = $1', [reportId]);
      expect(rows[0]!.consent.crossBorderMatching.status).to.equal('granted');
    });

    it('gives bad consent back naming the field, changing nothing', async () => {
      const { reportId, own } = await existing();
      await own.get(`/staff/reports/${reportId}/consent`);
      const res = await own.post(`/staff/reports/${reportId}/consent`, {
        present: '',
        domesticSearch: 'granted',
        forensicSharing: 'refused',
        crossBorderMatching: 'refused',
        photoPublication: 'refused',
        givenBy: 'x',
        legalBasis: 'consent',
      });
      expect(res.status).to.equal(400);
      expect(res.text).to.contain('href="#f-present"');
      const rows = await testNode().db.query<{
        consent: { crossBorderMatching: { status: string } };
      }>('SELECT consent FROM reports WHERE id = $1', [reportId]);
      expect(rows[0]!.consent.crossBorderMatching.status).to.equal('granted');
    });

    it('shows the timeline as the family sees it: labels and messages, no internal reasons', async () => {
      const { reportId, own } = await existing();
      const res = await own.get(`/staff/reports/${reportId}/family-view`);
      expect(res.status).to.equal(200);
      expect(res.text).to.contain('class="timeline"');
      expect(res.text).not.to.contain('Filed by a caseworker');
      const staffView = await own.get(`/staff/reports/${reportId}`);
      expect(staffView.text).to.contain('Filed by a caseworker');
    });

    it('refuses other roles (403) and another country (404); refuses a forged token', async () => {
      const { reportId, own } = await existing();
      const tn = await staffLogin((await buildUser({ role: 'caseworker', country: 'TN' })).email);
      const fo = await staffLogin((await buildUser({ role: 'forensic', country: 'IT' })).email);
      for (const path of ['consent', 'family-view']) {
        expect((await tn.get(`/staff/reports/${reportId}/${path}`)).status, path).to.equal(404);
        expect((await fo.get(`/staff/reports/${reportId}/${path}`)).status, path).to.equal(403);
        const anon = await staffClient().get(`/staff/reports/${reportId}/${path}`);
        expect(anon.status).to.equal(303);
      }
      await own.get(`/staff/reports/${reportId}/consent`);
      const forged = await own.post(
        `/staff/reports/${reportId}/consent`,
        { present: 'someone', givenBy: 'x', domesticSearch: 'granted', legalBasis: 'consent' },
        'forged',
      );
      expect(forged.status).to.equal(403);
      await tn.get('/staff');
      const other = await tn.post(`/staff/reports/${reportId}/consent`, {
        present: 'someone',
        explained: ['domesticSearch'],
        domesticSearch: 'granted',
        givenBy: 'x',
        legalBasis: 'consent',
      });
      expect(other.status).to.equal(404);
    });

    it('gives the AM sheet PDF to caseworkers and forensic practitioners of the country only', async () => {
      const { reportId, own } = await existing();
      const pdf = await own.agent.get(`/staff/reports/${reportId}/am-sheet.pdf`);
      expect(pdf.status).to.equal(200);
      expect(pdf.headers['content-type']).to.contain('application/pdf');
      const tn = await staffLogin((await buildUser({ role: 'forensic', country: 'TN' })).email);
      expect((await tn.agent.get(`/staff/reports/${reportId}/am-sheet.pdf`)).status).to.equal(404);
      const au = await staffLogin((await buildUser({ role: 'auditor', country: 'IT' })).email);
      expect((await au.agent.get(`/staff/reports/${reportId}/am-sheet.pdf`)).status).to.equal(403);
    });
  });
});
