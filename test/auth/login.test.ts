import { expect } from 'chai';
import { buildUser, TEST_PASSWORD } from '../factories.js';
import { api } from '../http.js';
import { buildTestApp, testNode } from '../node.js';
import request from 'supertest';

describe('auth: login', () => {
  it('logs in with e-mail and password and returns a working token pair', async () => {
    const { email, user } = await buildUser({ role: 'caseworker', country: 'IT' });
    const res = await api.post('/api/v1/auth/login', {
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(res.status).to.equal(200);
    expect(res.body).to.have.keys(['accessToken', 'refreshToken', 'expiresIn']);
    expect(res.body.expiresIn).to.be.at.most(900);
    const me = await api.get('/api/v1/me', res.body.accessToken);
    expect(me.status).to.equal(200);
    expect(me.body).to.include({ id: user.id, role: 'caseworker', country: 'IT' });
    expect(me.body).to.not.have.property('passwordHash');
  });

  it('refuses a wrong password and an unknown e-mail with the same answer', async () => {
    const { email } = await buildUser();
    const wrong = await api.post('/api/v1/auth/login', { email, password: 'not the password' });
    const unknown = await api.post('/api/v1/auth/login', {
      email: 'nobody@test.example',
      password: 'x',
    });
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    expect(wrong.body).to.deep.equal(unknown.body);
    expect(wrong.body.error.code).to.equal('INVALID_CREDENTIALS');
  });

  it('names the bad fields of a malformed login', async () => {
    const res = await api.post('/api/v1/auth/login', { email: 'not-an-email', extra: 1 });
    expect(res.status).to.equal(400);
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).to.include.members(['body.email', 'body.password']);
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const { email, user } = await buildUser();
    const max = testNode().config.node.security.maxFailedLogins;
    for (let i = 0; i < max; i += 1) {
      const r = await api.post('/api/v1/auth/login', { email, password: 'wrong password!' });
      expect(r.status).to.equal(401);
    }
    const locked = await api.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(locked.status).to.equal(423);
    expect(locked.body.error.code).to.equal('ACCOUNT_LOCKED');
    // Without the password, a locked account answers like an unknown one (no account probing).
    const probe = await api.post('/api/v1/auth/login', { email, password: 'guess' });
    const unknown = await api.post('/api/v1/auth/login', {
      email: 'nobody@test.example',
      password: 'guess',
    });
    expect(probe.status).to.equal(401);
    expect(probe.body).to.deep.equal(unknown.body);
    const events = await testNode().db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY seq`,
      [user.id],
    );
    expect(events.filter((e) => e.action === 'login_failed')).to.have.length(max);
  });

  it('a successful login resets the failure count', async () => {
    const { email, user } = await buildUser();
    await api.post('/api/v1/auth/login', { email, password: 'wrong password!' });
    await api.post('/api/v1/auth/login', { email, password: TEST_PASSWORD }).expect(200);
    const [row] = await testNode().db.query<{ failed_logins: number }>(
      'SELECT failed_logins FROM users WHERE id = $1',
      [user.id],
    );
    expect(row?.failed_logins).to.equal(0);
  });

  it('rate-limits login attempts per client address', async () => {
    const app = buildTestApp({ LOGIN_RATE_LIMIT: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const r = await request(app)
        .post('/api/v1/auth/login')
        .send({ email: 'a@b.example', password: 'x' });
      statuses.push(r.status);
    }
    expect(statuses).to.deep.equal([401, 401, 401, 429, 429]);
  });

  it('refuses a disabled user at login', async () => {
    const { email, user } = await buildUser();
    await testNode().services.users.setDisabledAsSystem(user.id, true);
    const res = await api.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(res.status).to.equal(401);
  });

  it('lets a family member register and use the account at once', async () => {
    const res = await api.post('/api/v1/auth/register', {
      email: 'amina@family.example',
      password: 'a long family password',
      displayName: 'Amina',
      country: 'TN',
      preferredLanguage: 'ar',
    });
    expect(res.status).to.equal(201);
    const me = await api.get('/api/v1/me', res.body.accessToken);
    expect(me.body).to.include({
      role: 'family',
      country: 'TN',
      organisationId: null,
      preferredLanguage: 'ar',
    });
    const dup = await api.post('/api/v1/auth/register', {
      email: 'AMINA@family.example',
      password: 'another long password',
      displayName: 'Amina 2',
      country: 'TN',
    });
    expect(dup.status).to.equal(409);
  });

  it('refuses registration with a short password or bad country, storing nothing', async () => {
    const res = await api.post('/api/v1/auth/register', {
      email: 'x@family.example',
      password: 'short',
      displayName: 'X',
      country: 'Tunisia',
    });
    expect(res.status).to.equal(400);
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).to.include.members(['body.password', 'body.country']);
    const rows = await testNode().db.query('SELECT 1 FROM users WHERE email = $1', [
      'x@family.example',
    ]);
    expect(rows).to.have.length(0);
  });
});
