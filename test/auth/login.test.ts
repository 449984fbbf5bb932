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
