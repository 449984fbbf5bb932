import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';

describe('auth: sessions and refresh tokens', () => {
  it('rotates refresh tokens: each works once and returns a new pair', async () => {
    const { refreshToken } = await buildUser();
    const first = await api.post('/api/v1/auth/refresh', { refreshToken });
    expect(first.status).to.equal(200);
    expect(first.body.refreshToken).to.not.equal(refreshToken);
    expect((await api.get('/api/v1/me', first.body.accessToken)).status).to.equal(200);
    const second = await api.post('/api/v1/auth/refresh', {
      refreshToken: first.body.refreshToken,
    });
    expect(second.status).to.equal(200);
  });

  it('detects reuse of a refresh token and ends the whole session', async () => {
    const { refreshToken } = await buildUser();
    const first = await api.post('/api/v1/auth/refresh', { refreshToken });
    const reuse = await api.post('/api/v1/auth/refresh', { refreshToken });
    expect(reuse.status).to.equal(401);
    // The legitimate holder's newer tokens die with the session.
    expect((await api.get('/api/v1/me', first.body.accessToken)).status).to.equal(401);
    expect(
      (await api.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken })).status,
    ).to.equal(401);
    const [event] = await testNode().db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE action = 'refresh_reuse'`,
    );
    expect(event?.action).to.equal('refresh_reuse');
  });

  it('refuses an unknown refresh token', async () => {
    const res = await api.post('/api/v1/auth/refresh', { refreshToken: 'x'.repeat(43) });
    expect(res.status).to.equal(401);
  });

  it('logout ends the session: access and refresh tokens stop working', async () => {
    const { token, refreshToken } = await buildUser();
    expect((await api.post('/api/v1/auth/logout', {}, token)).status).to.equal(204);
    expect((await api.get('/api/v1/me', token)).status).to.equal(401);
    expect((await api.post('/api/v1/auth/refresh', { refreshToken })).status).to.equal(401);
  });

  it('disabling a user cuts off their live sessions at once', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const victim = await buildUser({ role: 'caseworker', country: 'IT' });
    expect((await api.get('/api/v1/me', victim.token)).status).to.equal(200);
    const res = await api.post(`/api/v1/users/${victim.user.id}/disable`, {}, admin.token);
    expect(res.status).to.equal(200);
    expect(res.body.disabled).to.equal(true);
    expect((await api.get('/api/v1/me', victim.token)).status).to.equal(401);
    expect(
      (await api.post('/api/v1/auth/refresh', { refreshToken: victim.refreshToken })).status,
    ).to.equal(401);
  });
});
