import { expect } from 'chai';
import { designate, type ContactPointFixture } from './contact-points.factories.js';
import { buildUser, type TestUser } from './factories.js';
import { testNode } from './node.js';
import { fileReport, reportBody } from './reports.factories.js';
import request from 'supertest';

/** A browser-like client without an account: keeps cookies, reads the last page's CSRF token. */
export function aliveVisitor() {
  const agent = request.agent(testNode().app);
  let csrf = '';
  const keep = (res: request.Response) => {
    csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? csrf;
    return res;
  };
  return {
    get: async (path: string) => keep(await agent.get(path)),
    post: async (path: string, form: Record<string, string>, withCsrf = true) =>
      keep(
        await agent
          .post(path)
          .type('form')
          .send(withCsrf ? { _csrf: csrf, ...form } : form),
      ),
  };
}

/** A complete "I am alive" form from Yohannes Haile (the default report's person). */
export function aliveFormFields(over: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'يوهانس هايلي',
    otherName: 'Yohanes Haile',
    birth: '1998',
    origin: 'Asmara, Eritrea',
    relatives: 'Saba Haile\nTesfay Haile',
    share: 'location',
    location: 'Catania, Italy',
    note: 'I am well, do not worry.',
    contact: '+39 333 000 111',
    under18: 'no',
    ...over,
  };
}

/** Sends the form through the page like a visitor; returns the withdrawal code shown. */
export async function sendAlive(over: Record<string, string> = {}): Promise<string> {
  const v = aliveVisitor();
  await v.get('/alive');
  const res = await v.post('/alive', aliveFormFields(over));
  expect(res.status, res.text).to.equal(200);
  const code = /id="withdrawal-code">([A-Z2-9-]+)</.exec(res.text)?.[1];
  expect(code, 'withdrawal code shown').to.match(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){3}$/);
  return code!;
}

/** A family's report in IT routed to a designated contact point, with a caseworker of IT. */
export interface AliveFixture {
  family: TestUser;
  caseworker: TestUser;
  cp: ContactPointFixture;
  report: { id: string; caseNumber: string };
}

/** Designates a contact point in IT and lets a family file the default report there. */
export async function aliveFixture(): Promise<AliveFixture> {
  const cp = await designate({ country: 'IT' });
  const family = await buildUser({ role: 'family', country: 'IT', preferredLanguage: 'en' });
  const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
  const report = await fileReport(family.token, reportBody());
  return { family, caseworker, cp, report };
}

/** The ids of the possible matches waiting for a message on a report. */
export async function matchIds(reportId: string, status = 'candidate'): Promise<string[]> {
  const rows = await testNode().db.query<{ id: string }>(
    'SELECT id FROM alive_matches WHERE report_id = $1 AND status = $2 ORDER BY created_at',
    [reportId, status],
  );
  return rows.map((r) => r.id);
}
