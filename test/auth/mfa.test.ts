import { expect } from 'chai';
import { currentTotp } from '../../src/features/auth/index.js';
import { buildUser, TEST_PASSWORD } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';

describe('auth: TOTP second factor', () => {
  it('enrols with setup + confirm, then requires the code at login', async () => {
    const { email, token } = await buildUser({ role: 'caseworker' });
    const setup = await api.post('/api/v1/me/mfa/totp', {}, token);
    expect(setup.status).to.equal(201);
    expect(setup.body.uri).to.match(/^otpauth:\/\/totp\//);
    const wrong = await api.post('/api/v1/me/mfa/totp/confirm', { totp: '000000' }, token);
    expect(wrong.status).to.equal(401);
    const ok = await api.post(
      '/api/v1/me/mfa/totp/confirm',
      { totp: currentTotp(setup.body.secret) },
      token,
    );
    expect(ok.status).to.equal(200);
    expect(ok.body.mfaEnabled).to.equal(true);

    const noCode = await api.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(noCode.status).to.equal(401);
    expect(noCode.body.error.code).to.equal('MFA_REQUIRED');
    const badCode = await api.post('/api/v1/auth/login', {
      email,
      password: TEST_PASSWORD,
      totp: '123456',
    });
    expect(badCode.body.error.code).to.equal('MFA_INVALID');
    const code = currentTotp(setup.body.secret);
    const good = await api.post('/api/v1/auth/login', {
      email,
      password: TEST_PASSWORD,
      totp: code,
    });
    expect(good.status).to.equal(200);
    const replay = await api.post('/api/v1/auth/login', {
      email,
      password: TEST_PASSWORD,
      totp: code,
    });
    expect(replay.status, 'a code cannot be used twice').to.equal(401);
  });

  it('requires enrolment for roles named in config (forensic) unless exempt', async () => {
    const { email } = await buildUser({ role: 'forensic', mfaExempt: false });
    const res = await api.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('MFA_ENROLMENT_REQUIRED');
  });

  it('lets a required-MFA user log in with an administrator-enrolled seed', async () => {
    const { email, user } = await buildUser({ role: 'forensic', mfaExempt: false });
    const seed = await testNode().services.auth.enrolTotpAsSystem(user.id);
    const res = await api.post('/api/v1/auth/login', {
      email,
      password: TEST_PASSWORD,
      totp: currentTotp(seed.secret),
    });
    expect(res.status).to.equal(200);
  });

  it('stores the TOTP seed encrypted, never in clear', async () => {
    const { user } = await buildUser({ role: 'forensic', mfaExempt: false });
    const seed = await testNode().services.auth.enrolTotpAsSystem(user.id);
    const [row] = await testNode().db.query<{ totp_secret: string }>(
      'SELECT totp_secret FROM users WHERE id = $1',
      [user.id],
    );
    expect(row?.totp_secret).to.be.a('string').and.not.include(seed.secret);
  });
});
