import { expect } from 'chai';
import { generateKeyPair, SignJWT } from 'jose';
import { signMessage, type MessageClaims } from '../../src/features/federation/index.js';
import { startPair, type NodeUnderTest } from '../federation.nodes.js';

describe('federation: refused messages leave no trace but an audit event', function () {
  this.timeout(60_000);
  let tn: NodeUnderTest;
  let itNode: NodeUnderTest;
  before(async () => {
    ({ tn, it: itNode } = await startPair({ ownDatabases: true }));
  });
  after(async () => {
    await tn.stop();
    await itNode.stop();
  });

  let n = 0;
  const claims = (over: Partial<MessageClaims> = {}) => ({
    iss: 'urn:ariadne:node:tn',
    aud: 'urn:ariadne:node:it',
    jti: `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`,
    knd: 'ping',
    frm: 'TN',
    to: 'IT',
    sub: 'test',
    agr: 'TN-IT-2026-MISSING',
    body: {},
    ...over,
  });
  const signed = async (over: Partial<MessageClaims> = {}, now?: Date) =>
    signMessage(claims(over), await tn.services.federation.keys.active('sig'), 300, now);
  const post = (message: string) =>
    itNode.api('post', '/federation/v1/messages', undefined, { message });

  /** Effects a refused message must not leave. */
  async function effects() {
    const [inbox] = await itNode.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM federation_inbox`,
    );
    const [profiles] = await itNode.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM federation_profiles`,
    );
    const [rejects] = await itNode.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'federation_reject'`,
    );
    return { inbox: inbox!.n, profiles: profiles!.n, rejects: rejects!.n };
  }

  async function expectRefused(message: string, reason: string) {
    const before = await effects();
    const res = await post(message);
    expect(res.status, JSON.stringify(res.body)).to.equal(400);
    expect(res.body.error.code).to.equal('MESSAGE_REJECTED');
    expect(res.body.error.details.reason).to.equal(reason);
    const after = await effects();
    expect(after.inbox).to.equal(before.inbox);
    expect(after.profiles).to.equal(before.profiles);
    expect(after.rejects).to.equal(before.rejects + 1);
    const [last] = await itNode.db.query<{ details: { reason: string } }>(
      `SELECT details FROM audit_events ORDER BY seq DESC LIMIT 1`,
    );
    expect(last!.details.reason).to.equal(reason);
  }

  it('accepts a well-formed message once', async () => {
    const res = await post(await signed());
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    expect(res.body).to.include({ accepted: true, kind: 'ping' });
  });

  it('refuses an unsigned message', async () => {
    const valid = await signed();
    const [, payload] = valid.split('.');
    const header = Buffer.from(
      JSON.stringify({ alg: 'none', typ: 'ariadne-message+jwt' }),
    ).toString('base64url');
    await expectRefused(`${header}.${payload}.`, 'UNSIGNED');
  });

  it('refuses a tampered message', async () => {
    const [h, p, sig] = (await signed()).split('.');
    const body = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    body.to = 'IT';
    body.body = { n: 'altered' };
    await expectRefused(
      `${h}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.${sig}`,
      'TAMPERED',
    );
  });

  it('refuses an expired message', async () => {
    await expectRefused(await signed({}, new Date(Date.now() - 3_600_000)), 'EXPIRED');
  });

  it('refuses a replayed message', async () => {
    const message = await signed();
    expect((await post(message)).status).to.equal(202);
    await expectRefused(message, 'REPLAYED');
  });

  it('refuses a message for another node', async () => {
    await expectRefused(await signed({ aud: 'urn:ariadne:node:elsewhere' }), 'WRONG_AUDIENCE');
  });

  it('refuses a key that is neither pinned nor endorsed', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({
      knd: 'ping',
      frm: 'TN',
      to: 'IT',
      sub: 's',
      agr: 'TN-IT-2026-MISSING',
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'ariadne-message+jwt', kid: 'forged-kid' })
      .setIssuer('urn:ariadne:node:tn')
      .setAudience('urn:ariadne:node:it')
      .setJti('forged-1')
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(privateKey);
    await expectRefused(forged, 'UNKNOWN_KEY');
  });

  it('refuses a message no agreement allows', async () => {
    await expectRefused(await signed({ agr: 'NO-SUCH-AGREEMENT' }), 'NO_AGREEMENT');
    await expectRefused(await signed({ frm: 'LY' }), 'NOT_HOSTED');
  });

  it('refuses a report profile without the family’s cross-border consent', async () => {
    await expectRefused(
      await signed({
        knd: 'profile.am',
        sub: 'AM-TN-x',
        body: {
          ref: 'AM-TN-x',
          side: 'am',
          profile: { id: 'AM-TN-x', sex: 'male' },
          consent: { forensicSharing: 'granted', crossBorderMatching: 'refused' },
        },
      }),
      'NO_CONSENT',
    );
  });

  it('refuses garbage with a clear error', async () => {
    await expectRefused('not-a-jws-at-all', 'MALFORMED');
    const res = await itNode.api('post', '/federation/v1/messages', undefined, {});
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields[0].field).to.equal('body.message');
  });
});
