import { expect } from 'chai';
import { testNode } from '../node.js';
import { signedInFamily, visitor } from './portal.helpers.js';

const STEPS: [string, Record<string, string>][] = [
  [
    'person',
    {
      givenName: 'Yonas',
      familyName: 'Tesfay',
      nativeName: 'ዮናስ ተስፋይ',
      sex: 'male',
      birthYear: '2001',
      child: 'no',
    },
  ],
  [
    'lastSeen',
    {
      lastSeenDate: '2025-06',
      lastSeenPlace: 'Zuwara',
      lastSeenCountry: 'LY',
      route: 'Central Mediterranean',
      circumstances: 'Left by boat at night.',
    },
  ],
  [
    'description',
    {
      build: 'slim',
      hair: 'black, short',
      eyes: 'brown',
      clothing: 'red jacket',
      marks: 'scar on left hand',
    },
  ],
  ['contact', { relativeName: 'Amina', relationship: 'sister', phone: '+216 555 0101' }],
  [
    'consent',
    {
      domesticSearch: 'granted',
      forensicSharing: 'granted',
      crossBorderMatching: 'refused',
      photoPublication: 'refused',
    },
  ],
];

describe('portal: the family files a report in steps', () => {
  it('files a report step by step with a draft, then shows the case number and the case page', async () => {
    const v = await signedInFamily('amina.portal@family.example');
    const home = await v.get('/');
    expect(home.text).to.include('Hello Amina.');
    expect(home.headers['cache-control']).to.equal('no-store');
    // A step with a mistake is answered with the error tied to its field, and the answers kept.
    await v.get('/report/step/lastSeen');
    const bad = await v.post('/report/step/lastSeen', {
      ...STEPS[1]![1],
      lastSeenDate: 'last summer',
    });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.include('id="lastSeenDate-error"');
    expect(bad.text).to.include('aria-describedby="lastSeenDate-hint lastSeenDate-error"');
    expect(bad.text).to.include('value="Zuwara"');
    for (const [step, answers] of STEPS) {
      await v.get(`/report/step/${step}`);
      const res = await v.post(`/report/step/${step}`, answers);
      expect(res.status, `${step}: ${res.text.slice(0, 2000)}`).to.equal(303);
    }
    // The draft survives between steps (here: a new page load of the first step).
    const again = await v.get('/report/step/person');
    expect(again.text).to.include('value="Yonas"');
    const review = await v.get('/report/review');
    expect(review.text).to.include('Zuwara');
    expect(review.text).to.include('Libya');
    const filed = await v.post('/report/file', {});
    expect(filed.status).to.equal(303);
    const casePath = filed.headers.location as string;
    expect(casePath).to.match(/^\/cases\/[0-9a-f-]{36}\?filed=1$/);
    const page = await v.get(casePath);
    expect(page.status).to.equal(200);
    const [row] = await testNode().db.query<{ case_number: string }>(
      'SELECT case_number FROM reports',
    );
    expect(page.text).to.include(row!.case_number);
    expect(page.text).to.include('We have received your report.');
    expect(page.text).to.include('Yonas Tesfay');
    const drafts = await testNode().db.query('SELECT 1 FROM report_drafts');
    expect(drafts).to.have.length(0);
  });

  it('shows another family’s case as not found', async () => {
    const a = await signedInFamily('a.portal@family.example');
    for (const [step, answers] of STEPS) {
      await a.get(`/report/step/${step}`);
      await a.post(`/report/step/${step}`, answers);
    }
    await a.get('/report/review');
    const filed = await a.post('/report/file', {});
    const b = await signedInFamily('b.portal@family.example');
    const res = await b.get((filed.headers.location as string).replace('?filed=1', ''));
    expect(res.status).to.equal(404);
    expect(res.text).to.not.include('Yonas');
  });

  it('sends visitors to the login page and refuses a form without the CSRF token', async () => {
    const v = visitor();
    const res = await v.get('/report/step/person');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/login\?next=/);
    const signed = await signedInFamily('c.portal@family.example');
    const forged = await signed.agent
      .post('/report/step/person')
      .type('form')
      .send({ givenName: 'X' });
    expect(forged.status).to.equal(403);
  });
});
