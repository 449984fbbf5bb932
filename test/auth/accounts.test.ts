import { expect } from 'chai';
import request from 'supertest';
import { buildUser, TEST_PASSWORD } from '../factories.js';
import { api } from '../http.js';
import { buildTestApp, testNode } from '../node.js';
import { codeIn, lastMailTo } from './mail.helpers.js';
import { familyCase } from '../notifications.factories.js';

const family = (email: string) => ({
  email,
  password: 'a long family password',
  displayName: 'Amina',
  country: 'TN',
  preferredLanguage: 'ar',
});

const from = (ip: string) => ({ 'X-Forwarded-For': ip });

describe('auth: accounts (issue 15, items 1–4)', () => {
  it('registration proves the address before the account can act', async () => {
    const res = await api.post('/api/v1/auth/register', family('amina@family.example'));
    expect(res.status).to.equal(202);
    expect(res.body).to.deep.equal({ status: 'check_your_email' });
    expect(res.body).to.not.have.property('accessToken');
    const early = await api.post('/api/v1/auth/login', {
      email: 'amina@family.example',
      password: 'a long family password',
    });
    expect(early.status).to.equal(403);
    expect(early.body.error.code).to.equal('EMAIL_NOT_VERIFIED');
    const mail = await lastMailTo('amina@family.example');
    expect(mail.subject).to.include('أريادني');
    await api.post('/api/v1/auth/verify', { code: codeIn(mail.body) }).expect(204);
    const again = await api.post('/api/v1/auth/verify', { code: codeIn(mail.body) });
    expect(again.status).to.equal(401);
    const login = await api.post('/api/v1/auth/login', {
      email: 'amina@family.example',
      password: 'a long family password',
    });
    expect(login.status).to.equal(200);
    const me = await api.get('/api/v1/me', login.body.accessToken);
    expect(me.body).to.include({ role: 'family', country: 'TN', preferredLanguage: 'ar' });
  });

  it('an invitation cannot be taken over by registering the invited address', async () => {
    const c = await familyCase();
    await api
      .post(
        `/api/v1/reports/${c.reportId}/followers`,
        { email: 'aunt@family.example', relationship: 'aunt' },
        c.family.token,
      )
      .expect(201);
    await api.post('/api/v1/auth/register', family('Aunt@family.example')).expect(202);
    // The impostor does not hold the mailbox, so never gets the code: no session, no invitation.
    const login = await api.post('/api/v1/auth/login', {
      email: 'aunt@family.example',
      password: 'a long family password',
    });
    expect(login.status).to.equal(403);
    const [row] = await testNode().db.query<{ id: string }>(
      `SELECT id FROM users WHERE lower(email) = 'aunt@family.example'`,
    );
    const pair = await testNode().services.auth.issueSession(row!.id);
    const invites = await api.get('/api/v1/follower-invitations', pair.accessToken);
    expect(invites.status).to.equal(401);
  });

  it('answers registration the same for a known address (any case) and tells its owner', async () => {
    const known = await buildUser({
      role: 'caseworker',
      country: 'IT',
      email: 'caseworker.it@demo.test',
    });
    const res = await api.post('/api/v1/auth/register', family('CASEWORKER.IT@demo.test'));
    const fresh = await api.post('/api/v1/auth/register', family('new.person@family.example'));
    expect(res.status).to.equal(fresh.status);
    expect(res.body).to.deep.equal(fresh.body);
    const mail = await lastMailTo(known.email);
    expect(mail.subject).to.include('tried to create');
    const users = await testNode().db.query(
      `SELECT 1 FROM users WHERE lower(email) = 'caseworker.it@demo.test'`,
    );
    expect(users).to.have.length(1);
  });

  it('throttles wrong passwords without locking the owner out, and answers like a wrong password', async () => {
    const { email, user } = await buildUser({ role: 'family' });
    // The owner logged in before from their own phone.
    await api
      .post('/api/v1/auth/login', { email, password: TEST_PASSWORD })
      .set(from('10.0.0.2'))
      .expect(200);
    for (let i = 0; i < 25; i += 1) {
      const r = await api
        .post('/api/v1/auth/login', { email, password: 'not the password' })
        .set(from('10.0.0.66'));
      expect(r.status).to.equal(401);
    }
    // The attacker's address is held back even with the right password, answered like a wrong one.
    const held = await api
      .post('/api/v1/auth/login', { email, password: TEST_PASSWORD })
      .set(from('10.0.0.66'));
    const unknown = await api
      .post('/api/v1/auth/login', { email: 'nobody@test.example', password: 'guess' })
      .set(from('10.0.0.99'));
    expect(held.status).to.equal(401);
    expect(held.body).to.deep.equal(unknown.body);
    expect(JSON.stringify(held.body)).to.not.match(/lock/i);
    // The owner is not locked out (no 423 for anyone).
    const owner = await api
      .post('/api/v1/auth/login', { email, password: TEST_PASSWORD })
      .set(from('10.0.0.2'));
    expect(owner.status).to.equal(200);
    const events = await testNode().db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE subject_id = $1 AND action = 'login_failed'`,
      [user.id],
    );
    expect(events.length).to.be.at.least(5);
  });

  it('lets the owner recover a throttled account by resetting the password', async () => {
    const { email } = await buildUser({ role: 'family' });
    // 16 failures: 6 past the account-wide free ones (2 × maxFailedLogins 5), so the back-off
    // is at its 60 s cap. With 12 it was 4 s, which a busy machine could spend before the
    // next request arrived, and the account was free again.
    for (let i = 0; i < 16; i += 1) {
      await api
        .post('/api/v1/auth/login', { email, password: 'not the password' })
        .set(from(`10.1.0.${i}`));
    }
    // The account-wide counter now holds back a new device…
    const held = await api
      .post('/api/v1/auth/login', { email, password: TEST_PASSWORD })
      .set(from('10.2.0.1'));
    expect(held.status).to.equal(401);
    const reset = await api.post('/api/v1/auth/password-reset', { email: email.toUpperCase() });
    const unknownReset = await api.post('/api/v1/auth/password-reset', {
      email: 'nobody@test.example',
    });
    expect(reset.status).to.equal(202);
    expect(reset.body).to.deep.equal(unknownReset.body);
    const code = codeIn((await lastMailTo(email)).body);
    await api
      .post('/api/v1/auth/password-reset/confirm', { code, password: 'a brand new family phrase' })
      .expect(204);
    // …until the owner proves the mailbox: then the new password works at once.
    const ok = await api
      .post('/api/v1/auth/login', { email, password: 'a brand new family phrase' })
      .set(from('10.2.0.1'));
    expect(ok.status).to.equal(200);
    const old = await api
      .post('/api/v1/auth/login', { email, password: TEST_PASSWORD })
      .set(from('10.2.0.1'));
    expect(old.status).to.equal(401);
  });

  it('ends every session when the password is reset', async () => {
    const { email, token } = await buildUser({ role: 'family' });
    await api.post('/api/v1/auth/password-reset', { email }).expect(202);
    const code = codeIn((await lastMailTo(email)).body);
    await api
      .post('/api/v1/auth/password-reset/confirm', { code, password: 'a brand new family phrase' })
      .expect(204);
    expect((await api.get('/api/v1/me', token)).status).to.equal(401);
  });

  it('keeps separate budgets: refreshes never use up logins, registrations have their own', async () => {
    const app = buildTestApp({
      LOGIN_RATE_LIMIT: '3',
      REFRESH_RATE_LIMIT: '50',
      ACCOUNT_RATE_LIMIT: '2',
    });
    for (let i = 0; i < 6; i += 1) {
      const r = await request(app)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'x'.repeat(40) });
      expect(r.status).to.equal(401);
    }
    const login = await request(app)
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.example', password: 'x' });
    expect(login.status).to.equal(401);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push(
        (await request(app).post('/api/v1/auth/password-reset').send({ email: 'a@b.example' }))
          .status,
      );
    }
    expect(statuses).to.deep.equal([202, 202, 429]);
    expect(
      (await request(app).post('/api/v1/auth/login').send({ email: 'a@b.example', password: 'x' }))
        .status,
    ).to.equal(401);
  });

  it('refuses common and easily guessed passwords, not only short ones', async () => {
    for (const password of ['password1234', 'qwertyuiop123', 'iloveyou2024!', 'aaaaaaaaaaaaaaaa']) {
      const res = await api.post('/api/v1/auth/register', {
        ...family('weak@family.example'),
        password,
      });
      expect(res.status, password).to.equal(400);
      expect(res.body.error.details.fields[0]).to.deep.include({
        field: 'body.password',
        message: 'is a commonly used password or too easy to guess',
      });
    }
    const rows = await testNode().db.query(
      `SELECT 1 FROM users WHERE email = 'weak@family.example'`,
    );
    expect(rows).to.have.length(0);
  });

  it('accepts only assigned ISO 3166-1 country codes', async () => {
    const res = await api.post('/api/v1/auth/register', {
      ...family('zz@family.example'),
      country: 'ZZ',
    });
    expect(res.status).to.equal(400);
    expect(res.body.error.message).to.include('body.country');
  });

  it('requires a second factor for caseworkers by default', async () => {
    expect(testNode().config.node.mfaRequiredRoles).to.include('caseworker');
    const { email } = await buildUser({ role: 'caseworker', mfaExempt: false });
    const res = await api.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('MFA_ENROLMENT_REQUIRED');
  });
});
