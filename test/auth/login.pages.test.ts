import { expect } from 'chai';
import { buildUser, TEST_PASSWORD } from '../factories.js';
import { webClient } from '../web.client.js';

// The portal and the console log in through one form handler (auth.formlogin.ts); each page
// still says in its own words why a login was refused, and nothing opens a session.
describe('login pages: one form handler, each page its own words', () => {
  const pages = [
    { path: '/login', failed: 'The e-mail address or password is wrong' },
    { path: '/staff/login', failed: 'The e-mail address, password or code is wrong' },
  ];

  for (const page of pages) {
    it(`${page.path}: a form without a password is shown again naming the field`, async () => {
      const c = webClient();
      await c.get(`${page.path}?lang=en`);
      const res = await c.post(page.path, { email: 'someone@test.example' });
      expect(res.status).to.equal(400);
      expect(res.text).to.match(/href="#password"|id="password-error"/);
      expect(res.headers['set-cookie'] ?? []).to.satisfy((cs: string[]) =>
        cs.every((x) => !/^ariadne_session=[^;]+/.test(x) || /^ariadne_session=;/.test(x)),
      );
    });

    it(`${page.path}: a wrong password reads as a failed login and keeps the address`, async () => {
      const { email } = await buildUser({ role: 'forensic' });
      const c = webClient();
      await c.get(`${page.path}?lang=en`);
      const res = await c.post(page.path, { email, password: 'not the right password' });
      expect(res.status).to.equal(401);
      expect(res.text).to.contain(page.failed);
      expect(res.text).to.contain(`value="${email}"`);
      expect((await c.get('/staff')).status).to.not.equal(200);
    });
  }

  it('a caseworker without a second factor is told to have one enrolled, on both pages', async () => {
    const { email } = await buildUser({ role: 'caseworker', mfaExempt: false });
    for (const [path, words] of [
      ['/staff/login', 'Your role requires a second factor'],
      ['/login', 'Your role needs a second factor'],
    ] as const) {
      const c = webClient();
      await c.get(`${path}?lang=en`);
      const res = await c.post(path, { email, password: TEST_PASSWORD });
      expect(res.status, path).to.be.within(400, 499);
      expect(res.text, path).to.contain(words);
    }
  });

  it('a right password opens a session and goes on to the page asked for', async () => {
    const { email } = await buildUser({ role: 'forensic' });
    const c = webClient();
    await c.get('/staff/login?lang=en');
    const res = await c.post('/staff/login', { email, password: TEST_PASSWORD, next: '/staff' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/staff');
    expect((await c.get('/staff')).status).to.equal(200);
  });
});
