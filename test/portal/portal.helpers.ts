// Family-portal test helpers: a visitor client and a registered, verified, signed-in family.
import { expect } from 'chai';
import { codeIn, lastMailTo } from '../auth/mail.helpers.js';
import { webClient } from '../web.client.js';

/** A browser-like client: keeps cookies, reads the CSRF token of the last page. */
export const visitor = webClient;

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
