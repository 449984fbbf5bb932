// A browser-like client for the staff console: keeps cookies, carries the CSRF token of the last page.
import { expect } from 'chai';
import { TEST_PASSWORD } from '../factories.js';
import { webClient } from '../web.client.js';

/** A client that keeps cookies and the last page's CSRF token. */
export const staffClient = webClient;

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
