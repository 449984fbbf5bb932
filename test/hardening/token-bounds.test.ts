import { expect } from 'chai';
import { SignJWT } from 'jose';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';

// Issue 15 item 5: tokens signed with the node's real key must still have a bounded lifetime,
// an issue time that is not in the future, and a single string audience.
function sessionOf(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string;
}

async function sign(
  sub: string,
  sid: string,
  o: { iat?: number; exp?: number; aud?: string | string[] } = {},
): Promise<string> {
  const { services, config } = testNode();
  const { kid, key } = await services.keys.activeSigner();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid })
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
    .setSubject(sub)
    .setIssuer(config.node.issuer)
    .setAudience(o.aud ?? 'ariadne:api')
    .setIssuedAt(o.iat ?? now)
    .setJti('t')
    .setExpirationTime(o.exp ?? now + 300)
    .sign(key);
}

describe('hardening: access-token lifetime, issue time and audience', () => {
  it('accepts a well-formed token (control)', async () => {
    const { user, token } = await buildUser();
    const res = await api.get('/api/v1/me', await sign(user.id, sessionOf(token)));
    expect(res.status).to.equal(200);
  });

  it('refuses a token whose expiry is ten years ahead', async () => {
    const { user, token } = await buildUser();
    const now = Math.floor(Date.now() / 1000);
    const bad = await sign(user.id, sessionOf(token), { exp: now + 10 * 365 * 86_400 });
    expect((await api.get('/api/v1/me', bad)).status).to.equal(401);
  });

  it('refuses a token issued in the future (beyond the clock skew)', async () => {
    const { user, token } = await buildUser();
    const now = Math.floor(Date.now() / 1000);
    const bad = await sign(user.id, sessionOf(token), { iat: now + 3600, exp: now + 3900 });
    expect((await api.get('/api/v1/me', bad)).status).to.equal(401);
  });

  it('accepts a small clock skew on the issue time', async () => {
    const { user, token } = await buildUser();
    const now = Math.floor(Date.now() / 1000);
    const ok = await sign(user.id, sessionOf(token), { iat: now + 20, exp: now + 300 });
    expect((await api.get('/api/v1/me', ok)).status).to.equal(200);
  });

  it('refuses an array audience, even one that contains this API', async () => {
    const { user, token } = await buildUser();
    const bad = await sign(user.id, sessionOf(token), { aud: ['ariadne:api', 'other'] });
    expect((await api.get('/api/v1/me', bad)).status).to.equal(401);
    const single = await sign(user.id, sessionOf(token), { aud: ['ariadne:api'] });
    expect((await api.get('/api/v1/me', single)).status).to.equal(401);
  });
});
