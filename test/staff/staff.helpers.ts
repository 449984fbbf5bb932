// A browser-like client for the staff console: keeps cookies, carries the CSRF token of the last page.
import { expect } from 'chai';
import request from 'supertest';
import { TEST_PASSWORD } from '../factories.js';
import { testNode } from '../node.js';

/** A client that keeps cookies and the last page's CSRF token. */
export function staffClient() {
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
    get csrf() {
      return csrf;
    },
    get: async (path: string) => keep(await agent.get(path)),
    post: async (path: string, form: Record<string, string | string[]>, token = csrf) =>
      keep(
        await agent
          .post(path)
          .type('form')
          .send({ _csrf: token, ...form }),
      ),
  };
}

/** Logs a factory-built user in through the staff login page; returns the signed-in client. */
export async function staffLogin(email: string, lang = 'en') {
  const c = staffClient();
  await c.get(`/staff/login?lang=${lang}`);
  const res = await c.post('/staff/login', { email, password: TEST_PASSWORD, next: '/staff' });
  expect(res.status, res.text.slice(0, 500)).to.equal(303);
  expect(res.headers.location).to.equal('/staff');
  await c.get('/staff');
  return c;
}
