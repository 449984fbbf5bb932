import { expect } from 'chai';
import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';

async function signWithNodeKey(
  claims: Record<string, unknown>,
  opts: { exp?: string | number; aud?: string; iss?: string; typ?: string } = {},
) {
  const { services, config } = testNode();
  const { kid, key } = await services.keys.activeSigner();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: opts.typ ?? 'at+jwt' })
    .setIssuer(opts.iss ?? config.node.issuer)
    .setAudience(opts.aud ?? 'ariadne:api')
    .setIssuedAt()
    .setJti('t')
    .setExpirationTime(opts.exp ?? '5m')
    .sign(key);
}

describe('auth: access tokens', () => {
  it('accepts a token signed by the node with the right claims (control case)', async () => {
    const { user, token } = await buildUser();
    const sid = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid;
    const forged = await signWithNodeKey({ sub: user.id, sid });
    expect((await api.get('/api/v1/me', forged)).status).to.equal(200);
  });

  it('refuses an expired token', async () => {
    const { user, token } = await buildUser();
    const sid = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid;
    const expired = await signWithNodeKey(
      { sub: user.id, sid },
      { exp: Math.floor(Date.now() / 1000) - 10 },
    );
    const res = await api.get('/api/v1/me', expired);
    expect(res.status).to.equal(401);
    expect(res.body.error.message).to.match(/expired/);
  });

  it('refuses a token once it expires, although it was verified before (cache, ADR 0134)', async () => {
    const { user, token } = await buildUser();
    const sid = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid;
    const exp = Math.floor(Date.now() / 1000) + 2;
    const shortLived = await signWithNodeKey({ sub: user.id, sid }, { exp });
    expect((await api.get('/api/v1/me', shortLived)).status, 'first use').to.equal(200);
    expect((await api.get('/api/v1/me', shortLived)).status, 'from the cache').to.equal(200);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    const res = await api.get('/api/v1/me', shortLived);
    expect(res.status).to.equal(401);
    expect(res.body.error.message).to.match(/expired/);
  });

  it('refuses a wrong audience, issuer or typ', async () => {
    const { user, token } = await buildUser();
    const sid = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid;
    for (const opts of [{ aud: 'other-api' }, { iss: 'urn:someone-else' }, { typ: 'JWT' }]) {
      const bad = await signWithNodeKey({ sub: user.id, sid }, opts);
      expect((await api.get('/api/v1/me', bad)).status, JSON.stringify(opts)).to.equal(401);
    }
  });

  it('refuses an unsigned alg:none token', async () => {
    const { user } = await buildUser();
    const none = new UnsecuredJWT({ sub: user.id, sid: 'x' })
      .setIssuer(testNode().config.node.issuer)
      .setAudience('ariadne:api')
      .setExpirationTime('5m')
      .encode();
    const res = await api.get('/api/v1/me', none);
    expect(res.status).to.equal(401);
    expect(res.body.error.code).to.equal('TOKEN_INVALID');
  });

  it('refuses a token signed by a foreign key with the node’s kid', async () => {
    const { user, token } = await buildUser();
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ sub: user.id, sid: 'x' })
      .setProtectedHeader({ alg: 'EdDSA', kid: header.kid, typ: 'at+jwt' })
      .setIssuer(testNode().config.node.issuer)
      .setAudience('ariadne:api')
      .setExpirationTime('5m')
      .sign(privateKey);
    expect((await api.get('/api/v1/me', forged)).status).to.equal(401);
  });

  it('refuses a token whose payload was altered', async () => {
    const { token } = await buildUser({ role: 'family' });
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.sub = '00000000-0000-0000-0000-000000000000';
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect((await api.get('/api/v1/me', tampered)).status).to.equal(401);
  });

  it('answers 401 without a token and with a malformed header', async () => {
    expect((await api.get('/api/v1/me')).status).to.equal(401);
    const res = await api.get('/api/v1/me').set('Authorization', 'Basic abc');
    expect(res.status).to.equal(401);
  });

  it('publishes the public signing keys as a JWKS without private parts', async () => {
    const res = await api.get('/.well-known/jwks.json');
    expect(res.status).to.equal(200);
    expect(res.body.keys).to.have.length.greaterThan(0);
    for (const k of res.body.keys) {
      expect(k).to.include({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(k).to.not.have.property('d');
    }
  });

  it('rotates keys without logging anyone out', async () => {
    const { token } = await buildUser();
    const before = (await api.get('/.well-known/jwks.json')).body.keys.length;
    const { services } = testNode();
    const kid = await services.keys.rotate();
    expect((await api.get('/api/v1/me', token)).status, 'old token still valid').to.equal(200);
    const jwks = (await api.get('/.well-known/jwks.json')).body.keys.map(
      (k: { kid: string }) => k.kid,
    );
    expect(jwks).to.include(kid);
    expect(jwks.length).to.equal(before + 1);
    const fresh = await buildUser();
    const header = JSON.parse(Buffer.from(fresh.token.split('.')[0]!, 'base64url').toString());
    expect(header.kid, 'new tokens use the new key').to.equal(kid);
  });
});
