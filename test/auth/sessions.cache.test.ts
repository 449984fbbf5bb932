import { expect } from 'chai';
import pg from 'pg';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { countStatements, testNode } from '../node.js';

// Resolved sessions are kept in memory (ADR 0121): these tests show the round trip saved and
// that every way of ending or narrowing a session still takes effect for the next request.
describe('auth: sessions kept in memory', () => {
  it('a repeated request with the same token reads no session from the database', async () => {
    const user = await buildUser({ role: 'caseworker', country: 'IT' });
    expect((await api.get('/api/v1/me', user.token)).status).to.equal(200);
    const first = await countStatements(() => api.get('/api/v1/me', user.token));
    // /me reads its user; the session itself comes from memory.
    const again = await countStatements(async () => {
      const res = await api.get('/api/v1/me', user.token);
      expect(res.status).to.equal(200);
      expect(res.body.id ?? res.body.user?.id).to.equal(user.user.id);
    });
    expect(again).to.equal(first);
    const coldUser = await buildUser({ role: 'caseworker', country: 'IT' });
    const cold = await countStatements(() => api.get('/api/v1/me', coldUser.token));
    expect(cold).to.equal(first + 1);
  });

  it('disabling a user cuts their cached session off for the very next request', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const victim = await buildUser({ role: 'caseworker', country: 'IT' });
    expect((await api.get('/api/v1/me', victim.token)).status).to.equal(200);
    expect(
      (await api.post(`/api/v1/users/${victim.user.id}/disable`, {}, admin.token)).status,
    ).to.equal(200);
    const res = await api.get('/api/v1/me', victim.token);
    expect(res.status).to.equal(401);
    expect(res.body.error.code).to.equal('TOKEN_INVALID');
  });

  it('a changed role applies to the very next request', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const user = await buildUser({ role: 'caseworker', country: 'IT' });
    expect((await api.get(`/api/v1/users/${admin.user.id}`, user.token)).status).to.equal(404);
    const patch = await api.patch(`/api/v1/users/${user.user.id}`, { role: 'admin' }, admin.token);
    expect(patch.status).to.equal(200);
    const res = await api.get(`/api/v1/users/${admin.user.id}`, user.token);
    expect(res.status).to.equal(200);
    expect(res.body.id).to.equal(admin.user.id);
  });

  it('logout ends the cached session at once', async () => {
    const user = await buildUser({ role: 'family', country: 'IT' });
    expect((await api.get('/api/v1/me', user.token)).status).to.equal(200);
    expect((await api.post('/api/v1/auth/logout', {}, user.token)).status).to.equal(204);
    expect((await api.get('/api/v1/me', user.token)).status).to.equal(401);
  });

  it('a session revoked in SQL by another process is dropped as soon as the node hears it', async () => {
    const { db } = testNode();
    const user = await buildUser({ role: 'caseworker', country: 'IT' });
    expect((await api.get('/api/v1/me', user.token)).status).to.equal(200);
    const revoke = `UPDATE sessions SET revoked_at = now(), revoked_reason = 'test' WHERE user_id = '${user.user.id}'`;
    const url = process.env.TEST_DATABASE_URL;
    if (url) {
      // Another connection, as another process of the node would use.
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      await other.query(revoke);
      await other.end();
    } else {
      await db.exec(revoke);
    }
    let status = 200;
    for (let i = 0; i < 100 && status === 200; i += 1) {
      status = (await api.get('/api/v1/me', user.token)).status;
      if (status === 200) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    expect(status).to.equal(401);
  });
});
