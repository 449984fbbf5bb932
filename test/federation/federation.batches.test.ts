import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { encryptPayload, findPeerByNode } from '../../src/features/federation/index.js';
import { signBatch, type BatchedMessage } from '../../src/features/federation/federation.batch.js';
import { startPair, type NodeUnderTest } from '../federation.nodes.js';

describe('federation: batch envelopes (many messages, signed and encrypted once)', function () {
  this.timeout(300_000);
  let tn: NodeUnderTest;
  let itNode: NodeUnderTest;
  before(async () => {
    ({ tn, it: itNode } = await startPair({ ownDatabases: true }));
  });
  after(async () => {
    await tn.stop();
    await itNode.stop();
  });

  const consent = { forensicSharing: 'granted', crossBorderMatching: 'granted' };
  const profile = (ref: string, over: Record<string, unknown> = {}): BatchedMessage => ({
    jti: randomUUID(),
    knd: 'profile.am',
    frm: 'TN',
    to: 'IT',
    sub: ref,
    agr: 'TN-IT-2026-MISSING',
    body: { ref, side: 'am', profile: { id: ref, sex: 'male' }, consent },
    ...over,
  });

  /** A batch from TN to IT, signed by TN's node key and encrypted to IT's. */
  async function batch(messages: BatchedMessage[], over: { aud?: string; now?: Date } = {}) {
    const peer = await findPeerByNode(tn.db, 'urn:ariadne:node:it');
    const to = await tn.services.federation.trust.encryptionKey(peer!);
    return signBatch(
      {
        iss: 'urn:ariadne:node:tn',
        aud: over.aud ?? 'urn:ariadne:node:it',
        jti: randomUUID(),
        jwe: await encryptPayload({ messages }, to!),
      },
      await tn.services.federation.keys.active('sig'),
      300,
      over.now,
    );
  }
  const post = (message: string) =>
    itNode.api('post', '/federation/v1/batches', undefined, { message });

  async function counts() {
    const q = async (sql: string) => (await itNode.db.query<{ n: number }>(sql))[0]!.n;
    return {
      inbox: await q(`SELECT count(*)::int AS n FROM federation_inbox`),
      profiles: await q(`SELECT count(*)::int AS n FROM federation_profiles`),
      received: await q(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'federation_receive'`,
      ),
      rejects: await q(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'federation_reject'`,
      ),
    };
  }

  it('applies each admitted message once and refuses the others one by one, audited', async () => {
    const before = await counts();
    const good = [profile('AM-TN-b1'), profile('AM-TN-b2')];
    const noConsent = profile('AM-TN-b3', {
      body: {
        ref: 'AM-TN-b3',
        side: 'am',
        profile: { id: 'AM-TN-b3' },
        consent: { ...consent, crossBorderMatching: 'refused' },
      },
    });
    const notAgreed = profile('AM-TN-b4', { agr: 'NO-SUCH-AGREEMENT' });
    const envelope = await batch([good[0]!, noConsent, good[1]!, notAgreed]);
    const res = await post(envelope);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const byJti = new Map(
      (res.body.results as { jti: string; ok: boolean; reason?: string }[]).map((r) => [r.jti, r]),
    );
    expect(byJti.get(good[0]!.jti)).to.include({ ok: true });
    expect(byJti.get(good[1]!.jti)).to.include({ ok: true });
    expect(byJti.get(noConsent.jti)).to.include({ ok: false, reason: 'NO_CONSENT' });
    expect(byJti.get(notAgreed.jti)).to.include({ ok: false, reason: 'NO_AGREEMENT' });
    const after = await counts();
    expect(after.inbox - before.inbox).to.equal(2);
    expect(after.profiles - before.profiles).to.equal(2);
    expect(after.received - before.received).to.equal(2);
    expect(after.rejects - before.rejects).to.equal(2);
    const held = await itNode.db.query<{ ref: string }>(
      `SELECT ref FROM federation_profiles ORDER BY ref`,
    );
    expect(held.map((h) => h.ref)).to.deep.equal(['AM-TN-b1', 'AM-TN-b2']);

    // The same envelope again: every message is a replay, refused with no effect.
    const again = await post(envelope);
    expect(again.status).to.equal(200);
    expect(
      (again.body.results as { ok: boolean; reason?: string }[]).every(
        (r) => !r.ok && ['REPLAYED', 'NO_CONSENT', 'NO_AGREEMENT'].includes(r.reason!),
      ),
    ).to.equal(true);
    const replayed = await counts();
    expect(replayed.inbox).to.equal(after.inbox);
    expect(replayed.received).to.equal(after.received);
    expect(replayed.rejects - after.rejects).to.equal(4);
  });

  it('refuses a tampered, expired or misaddressed envelope whole, leaving an audit event only', async () => {
    for (const [envelope, reason] of [
      [
        await (async () => {
          const [h, p, s] = (await batch([profile('AM-TN-t1')])).split('.');
          const sig = Buffer.from(s!, 'base64url');
          sig[0] = sig[0]! ^ 1;
          return `${h}.${p}.${sig.toString('base64url')}`;
        })(),
        'TAMPERED',
      ],
      [await batch([profile('AM-TN-t2')], { now: new Date(Date.now() - 3_600_000) }), 'EXPIRED'],
      [await batch([profile('AM-TN-t3')], { aud: 'urn:ariadne:node:elsewhere' }), 'WRONG_AUDIENCE'],
    ] as const) {
      const before = await counts();
      const res = await post(envelope);
      expect(res.status, reason).to.equal(400);
      expect(res.body.error.details.reason).to.equal(reason);
      const after = await counts();
      expect({ ...after, rejects: after.rejects - 1 }, reason).to.deep.equal(before);
    }
  });
});
