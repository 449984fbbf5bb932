import { expect } from 'chai';
import request from 'supertest';
import { buildUser, TEST_PASSWORD, type TestUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { fileMany, statReport } from './statistics.factories.js';

/** A cookie-keeping browser-like client signed in through the login page. */
async function signedIn(user: TestUser) {
  const agent = request.agent(testNode().app);
  const page = await agent.get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrf, email: user.email, password: TEST_PASSWORD });
  expect(res.status, res.text).to.equal(303);
  return agent;
}

/** The figure of one row of the headline list (<dt>label</dt><dd>value</dd>). */
function headlineValue(html: string, label: string): string | undefined {
  const m = new RegExp(`<dt>${label}</dt>\\s*<dd>([^<]*)</dd>`).exec(html);
  return m?.[1]?.trim();
}

describe('statistics pages, figures and brief', () => {
  let analyst: TestUser;

  // Seven reports in Italy: above the analysts' threshold (5), below the public one (10).
  beforeEach(async () => {
    analyst = await buildUser({ role: 'analyst', country: 'IT' });
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    await fileMany(
      caseworker.token,
      Array.from({ length: 7 }, () => statReport('ER')),
    );
  });

  it('the public page needs no login, shows only public-release figures, in Arabic right-to-left', async () => {
    const page = await api.get('/statistics?country=IT');
    expect(page.status).to.equal(200);
    expect(page.headers['content-type']).to.match(/text\/html/);
    expect(page.text).to.include('10'); // the public threshold is stated
    const shown = headlineValue(page.text, 'Missing-person reports');
    expect(shown, 'seven is below the public threshold').to.equal('withheld');
    expect(page.text).to.not.match(/<dd>7<\/dd>/);
    expect(page.text).to.include('/api/v1/public/statistics/figures/map');
    const ar = await api.get('/statistics?country=IT&lang=ar');
    expect(ar.status).to.equal(200);
    expect(ar.text).to.match(/<html[^>]+dir="rtl"/);
    expect((await api.get('/statistics?country=ZZZ')).status).to.equal(400);
  });

  it('the analyst page sends anyone not signed in to the login page', async () => {
    for (const path of [
      '/statistics/analyst',
      '/statistics/analyst/figures/map',
      '/statistics/analyst/brief',
    ]) {
      const res = await api.get(path);
      expect(res.status, path).to.equal(303);
      expect(res.headers.location, path).to.match(/^\/login\?next=/);
    }
  });

  it('the analyst page shows the country’s figures above the analysts’ threshold', async () => {
    const agent = await signedIn(analyst);
    const page = await agent.get('/statistics/analyst');
    expect(page.status).to.equal(200);
    expect(page.headers['cache-control']).to.match(/no-store/);
    expect(headlineValue(page.text, 'Missing-person reports')).to.equal('7');
    expect(page.text).to.include('/statistics/analyst/figures/map');
    expect(page.text).to.include('/statistics/analyst/brief');
  });

  it('refuses the analyst page to roles that see records', async () => {
    for (const role of ['caseworker', 'family', 'forensic'] as const) {
      const agent = await signedIn(await buildUser({ role, country: 'IT' }));
      const page = await agent.get('/statistics/analyst');
      expect(page.status, role).to.equal(403);
      expect(page.text, role).to.not.match(/<dd>7<\/dd>/);
      expect((await agent.get('/statistics/analyst/brief')).status, role).to.equal(403);
    }
  });

  it('serves the map and charts as SVG and the brief as a PDF, each audited', async () => {
    const agent = await signedIn(analyst);
    for (const figure of ['map', 'routes', 'years']) {
      const svg = await agent.get(`/statistics/analyst/figures/${figure}`).buffer(true);
      expect(svg.status, figure).to.equal(200);
      expect(svg.headers['content-type']).to.match(/^image\/svg\+xml/);
      const text = svg.body instanceof Buffer ? svg.body.toString('utf8') : String(svg.text);
      expect(text, figure).to.match(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(text, figure).to.match(/<\/svg>\s*$/);
      expect(text, 'no script inside a figure').to.not.match(/<script/i);
    }
    expect((await agent.get('/statistics/analyst/figures/people')).status).to.equal(400);
    const pdf = await agent
      .get('/statistics/analyst/brief')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).to.equal(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    expect(pdf.headers['content-disposition']).to.match(/^attachment/);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
    expect((pdf.body as Buffer).length).to.be.greaterThan(10_000);
    const { db } = testNode();
    const events = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND action = 'read_statistics'`,
      [analyst.user.id],
    );
    expect(events[0]!.n, 'three figures and one brief, each audited').to.be.at.least(4);
  });

  it('the API brief and figures follow the same rules', async () => {
    const brief = await api.get('/api/v1/statistics/brief', analyst.token);
    expect(brief.status).to.equal(200);
    expect(brief.headers['content-type']).to.equal('application/pdf');
    expect((await api.get('/api/v1/statistics/brief')).status).to.equal(401);
    const tn = await buildUser({ role: 'analyst', country: 'TN' });
    expect((await api.get('/api/v1/statistics/brief?country=IT', tn.token)).status).to.equal(404);
    const pub = await api.get('/api/v1/public/statistics/figures/routes?country=IT');
    expect(pub.status).to.equal(200);
    expect(pub.headers['content-type']).to.match(/^image\/svg\+xml/);
  });
});
