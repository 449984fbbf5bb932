import { expect } from 'chai';
import request from 'supertest';
import { testNode } from '../node.js';
import { codeIn, lastMailTo } from '../auth/mail.helpers.js';

/** A browser-like client: keeps cookies, reads the CSRF token of the last page. */
export function visitor() {
  const agent = request.agent(testNode().app);
  let csrf = '';
  const keep = (res: request.Response) => {
    const m = /name="_csrf" value="([^"]+)"/.exec(res.text);
    if (m) {
      csrf = m[1]!;
    }
    return res;
  };
  return {
    agent,
    get: async (path: string) => keep(await agent.get(path)),
    post: async (path: string, form: Record<string, string>) =>
      keep(
        await agent
          .post(path)
          .type('form')
          .send({ _csrf: csrf, ...form }),
      ),
  };
}

/** Registers and verifies a family account through the pages; returns the signed-in visitor. */
export async function signedInFamily(email: string, lang = 'en') {
  const v = visitor();
  await v.get(`/register?lang=${lang}`);
  const reg = await v.post('/register', {
    displayName: 'Amina',
    email,
    password: 'a long family password',
    country: 'TN',
    preferredLanguage: lang,
  });
  expect(reg.status, reg.text).to.equal(303);
  expect(reg.headers.location).to.equal('/check-email');
  const code = codeIn((await lastMailTo(email)).body);
  await v.get(`/verify?code=${code}`);
  const verified = await v.post('/verify', { code });
  expect(verified.status).to.equal(303);
  expect(String(verified.headers['set-cookie'])).to.match(
    /ariadne_session=[\w-]+; Path=\/; SameSite=Lax; Max-Age=\d+; HttpOnly/,
  );
  return v;
}

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
