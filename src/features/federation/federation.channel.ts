// The transnational channel: one protocol for every exchange between jurisdictions, whether the
// recipient is hosted on this node (loop back) or on a peer. Senders write to the outbox in the
// transaction of the change; a dispatcher signs (and encrypts) at sending time and retries with
// exponential back-off; receivers verify, check the agreement, record the jti and apply the
// message's effect in one transaction. Every refusal leaves an audit event and nothing else.
import type { Database, Queryable } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { getLogger } from '../../platform/logger.js';
import { recordAudit } from '../audit/index.js';
import {
  decryptPayload,
  encryptPayload,
  MessageRejected,
  payloadKid,
  peekMessage,
  signMessage,
  verifyMessage,
  type MessageClaims,
} from './federation.envelope.js';
import type { NodeKeys } from './federation.keys.js';
import {
  claimDue,
  insertInbox,
  insertOutgoing,
  markFailed,
  markSent,
  releaseStale,
} from './federation.outbox.repository.js';
import {
  agreementAllowing,
  findPeer,
  findPeerByNode,
  messageKinds,
  peerForJurisdiction,
  type AgreementRow,
  type MessageKind,
  type PeerRow,
} from './federation.repository.js';
import type { Trust } from './federation.trust.js';

const log = getLogger('federation');

/** A verified message handed to its kind's handler. */
export interface ReceivedMessage {
  claims: MessageClaims;
  /** The payload (decrypted when it travelled encrypted). */
  body: unknown;
  /** The sending peer, or 'self' for a jurisdiction hosted on this node. */
  peer: PeerRow | 'self';
  agreement: AgreementRow;
  kind: MessageKind;
}

/** Applies a message's effect in the receiving transaction (throw MessageRejected to refuse). */
export type MessageHandler = (tx: Queryable, msg: ReceivedMessage) => Promise<void>;

/** What a delivery attempt returned. */
export type DeliveryOutcome =
  { ok: true; replayed: boolean } | { ok: false; retry: boolean; error: string };

/** Sends a signed message to a peer (HTTP in production). */
export type Transport = (peer: PeerRow, jws: string) => Promise<DeliveryOutcome>;

/** Rejections worth retrying: the receiver may learn our new key, or come back. */
const RETRYABLE = new Set(['UNKNOWN_KEY', 'UNKNOWN_PEER']);

/** POSTs to <base>/federation/v1/messages. */
export const httpTransport: Transport = async (peer, jws) => {
  try {
    const res = await fetch(new URL('/federation/v1/messages', peer.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: jws }),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.ok) {
      return { ok: true, replayed: false };
    }
    const body = (await res.json().catch(() => ({}))) as {
      error?: { code?: string; details?: { reason?: string } };
    };
    const reason = body.error?.details?.reason ?? body.error?.code ?? String(res.status);
    if (reason === 'REPLAYED') {
      return { ok: true, replayed: true };
    }
    const retry = res.status >= 500 || res.status === 429 || RETRYABLE.has(reason);
    return { ok: false, retry, error: `${res.status} ${reason}` };
  } catch (err) {
    return { ok: false, retry: true, error: (err as Error).message };
  }
};

/** Settings of a channel. */
export interface ChannelOptions {
  nodeId: string;
  /** Jurisdictions hosted on this node. */
  jurisdictions: readonly string[];
  transport: Transport;
  /** First retry delay and the largest, ms. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts before a message is marked failed. */
  maxAttempts?: number;
  batchSize?: number;
  /** Polling interval of the dispatcher's timer, ms. */
  intervalMs?: number;
}

/** The channel of a node. */
export function createChannel(db: Database, keys: NodeKeys, trust: Trust, o: ChannelOptions) {
  const handlers = new Map<string, MessageHandler>();
  let kinds: Map<string, MessageKind> | undefined;

  async function kindOf(q: Queryable, kind: string): Promise<MessageKind | undefined> {
    if (!kinds?.has(kind)) {
      kinds = new Map((await messageKinds(q)).map((k) => [k.kind, k]));
    }
    return kinds.get(kind);
  }

  const hosted = (j: string) => o.jurisdictions.includes(j);

  /** Refuses a message: an audit event in its own transaction, nothing else. */
  async function refuse(err: MessageRejected, context: Record<string, unknown>): Promise<never> {
    await db.transaction((tx) =>
      recordAudit(tx, null, {
        action: 'federation_reject',
        subjectType: 'FederationMessage',
        subjectId: typeof context.jti === 'string' ? context.jti : null,
        subjectCountry: typeof context.to === 'string' ? context.to : null,
        details: { reason: err.reason, ...context },
      }),
    );
    log.warn('message rejected', { reason: err.reason, issuer: context.iss, kind: context.kind });
    throw new AppError('MESSAGE_REJECTED', err.message, { reason: err.reason });
  }

  /** Verifies a message and applies it once; throws AppError MESSAGE_REJECTED otherwise. */
  async function receive(jws: string, now = new Date()): Promise<{ jti: string; kind: string }> {
    const context: Record<string, unknown> = {};
    try {
      const { iss, kid } = peekMessage(jws);
      context.iss = iss;
      const peer = iss === o.nodeId ? ('self' as const) : await findPeerByNode(db, iss);
      if (!peer || (peer !== 'self' && !peer.active)) {
        throw new MessageRejected('UNKNOWN_PEER', 'The issuer is not a registered peer');
      }
      const key = await trust.verificationKey(peer, kid);
      if (!key) {
        throw new MessageRejected('UNKNOWN_KEY', 'The key is not pinned or endorsed for this peer');
      }
      const claims = await verifyMessage(jws, key, { issuer: iss, audience: o.nodeId }, now);
      Object.assign(context, {
        jti: claims.jti,
        kind: claims.knd,
        from: claims.frm,
        to: claims.to,
      });
      const kind = await kindOf(db, claims.knd);
      if (!kind || !handlers.has(kind.kind)) {
        throw new MessageRejected('UNKNOWN_KIND', `No message kind ${claims.knd} here`);
      }
      const senderHosts = peer === 'self' ? o.jurisdictions : peer.jurisdictions;
      if (!hosted(claims.to) || !senderHosts.includes(claims.frm) || claims.to === claims.frm) {
        throw new MessageRejected('NOT_HOSTED', 'The jurisdictions do not belong to these nodes');
      }
      const agreement = await agreementAllowing(db, claims.to, claims.frm, kind, claims.agr);
      if (!agreement) {
        throw new MessageRejected('NO_AGREEMENT', 'No agreement in force allows this message');
      }
      let body = claims.body;
      if (kind.encrypted) {
        const kid = claims.jwe ? payloadKid(claims.jwe) : undefined;
        const own = kid ? await keys.privateByKid(kid) : undefined;
        if (!claims.jwe || !own) {
          throw new MessageRejected('UNREADABLE', 'The payload is not encrypted to this node');
        }
        body = await decryptPayload(claims.jwe, own.key);
      }
      await db.transaction(async (tx) => {
        const fresh = await insertInbox(tx, {
          jti: claims.jti,
          issuer: iss,
          kind: kind.kind,
          from: claims.frm,
          to: claims.to,
          subjectKey: claims.sub,
          agreementRef: agreement.ref,
        });
        if (!fresh) {
          throw new MessageRejected('REPLAYED', 'This message (jti) was received before');
        }
        await handlers.get(kind.kind)!(tx, { claims, body, peer, agreement, kind });
        await recordAudit(tx, null, {
          action: 'federation_receive',
          subjectType: 'FederationMessage',
          subjectId: claims.jti,
          subjectCountry: claims.to,
          purpose: kind.purpose,
          details: { kind: kind.kind, from: claims.frm, issuer: iss, agreement: agreement.ref },
        });
      });
      return { jti: claims.jti, kind: kind.kind };
    } catch (err) {
      if (err instanceof MessageRejected) {
        return refuse(err, context);
      }
      throw err;
    }
  }

  /** Signs (and encrypts) one claimed message and hands it to its recipient. */
  async function deliver(m: Awaited<ReturnType<typeof claimDue>>[number], now: Date) {
    const peer = m.peerId ? await findPeer(db, m.peerId) : 'self';
    if (!peer) {
      return { ok: false, retry: false, error: 'peer removed' } as const;
    }
    const kind = await kindOf(db, m.kind);
    let payload: { body?: unknown; jwe?: string } = { body: m.body };
    if (kind?.encrypted) {
      const to = await trust.encryptionKey(peer);
      if (!to) {
        return { ok: false, retry: true, error: 'no trusted encryption key' } as const;
      }
      payload = { jwe: await encryptPayload(m.body, to) };
    }
    const jws = await signMessage(
      {
        iss: o.nodeId,
        aud: peer === 'self' ? o.nodeId : peer.nodeId,
        jti: m.jti,
        knd: m.kind,
        frm: m.from,
        to: m.to,
        sub: m.subjectKey,
        agr: m.agreementRef,
        ...payload,
      },
      await keys.active('sig'),
      300,
      now,
    );
    if (peer !== 'self') {
      return o.transport(peer, jws);
    }
    try {
      await receive(jws, now);
      return { ok: true, replayed: false } as const;
    } catch (err) {
      const reason = ((err as AppError).details as { reason?: string } | undefined)?.reason;
      if (reason === 'REPLAYED') {
        return { ok: true, replayed: true } as const;
      }
      return { ok: false, retry: false, error: reason ?? (err as Error).message } as const;
    }
  }

  /** Sends every due message once; returns how many were claimed. */
  async function dispatchOnce(now = new Date()): Promise<number> {
    await releaseStale(db, new Date(now.getTime() - 5 * 60_000));
    const claimed = await db.transaction((tx) => claimDue(tx, now, o.batchSize ?? 50));
    await Promise.all(
      claimed.map(async (m) => {
        let outcome: DeliveryOutcome;
        try {
          outcome = await deliver(m, now);
        } catch (err) {
          outcome = { ok: false, retry: true, error: (err as Error).message };
        }
        if (outcome.ok) {
          await markSent(db, m.seq, now);
          return;
        }
        const retry = outcome.retry && m.attempts < (o.maxAttempts ?? 50);
        const base = o.baseDelayMs ?? 1000;
        const delay = Math.min(o.maxDelayMs ?? 15 * 60_000, base * 2 ** (m.attempts - 1));
        await markFailed(db, m.seq, outcome.error, retry ? new Date(now.getTime() + delay) : null);
      }),
    );
    return claimed.length;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  const tick = () => {
    running = (async () => {
      while ((await dispatchOnce()) > 0 && !stopped) {
        // drain while there is work
      }
    })()
      .catch((err: unknown) => log.error('dispatch failed', { err }))
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(tick, o.intervalMs ?? 1000);
          timer.unref();
        }
      });
  };

  return {
    /** Settings (tests shorten the back-off). */
    options: o,
    nodeId: o.nodeId,
    jurisdictions: o.jurisdictions,
    receive,
    dispatchOnce,

    /** Registers the handler of a message kind (the kind must be in federation_message_kinds). */
    on(kind: string, handler: MessageHandler): void {
      handlers.set(kind, handler);
    },

    /**
     * Queues a message in the caller's transaction, under the agreement that allows it, and
     * audits the transfer; throws NO_AGREEMENT (as AppError) when none allows it.
     */
    async send(
      tx: Queryable,
      m: { kind: string; from: string; to: string; subjectKey: string; body: unknown },
    ): Promise<string> {
      const kind = await kindOf(tx, m.kind);
      const agreement = kind ? await agreementAllowing(tx, m.from, m.to, kind) : undefined;
      if (!kind || !agreement) {
        throw new AppError('FORBIDDEN', `No agreement allows ${m.kind} from ${m.from} to ${m.to}`);
      }
      const peer = hosted(m.to) ? null : await peerForJurisdiction(tx, m.to);
      if (peer === undefined) {
        throw new AppError('FORBIDDEN', `No peer hosts ${m.to}`);
      }
      const jti = await insertOutgoing(tx, {
        ...m,
        peerId: peer?.id ?? null,
        agreementRef: agreement.ref,
      });
      await recordAudit(tx, null, {
        action: 'federation_send',
        subjectType: 'FederationMessage',
        subjectId: jti,
        subjectCountry: m.from,
        purpose: kind.purpose,
        details: {
          kind: m.kind,
          to: m.to,
          peer: peer?.nodeId ?? o.nodeId,
          agreement: agreement.ref,
        },
      });
      return jti;
    },

    /** True when `to` is hosted here or by an active peer. */
    async routable(q: Queryable, to: string): Promise<boolean> {
      return hosted(to) || Boolean(await peerForJurisdiction(q, to));
    },

    /** True when an agreement in force lets `kind` flow from `from` to `to`. */
    async allows(q: Queryable, kind: string, from: string, to: string): Promise<boolean> {
      const k = await kindOf(q, kind);
      return Boolean(k && (await agreementAllowing(q, from, to, k)));
    },

    /** Starts the dispatcher's timer (it never holds the process open). */
    start(): void {
      if (!stopped) {
        return;
      }
      stopped = false;
      tick();
    },

    /** Stops the timer and waits for the current round. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** A node's channel. */
export type Channel = ReturnType<typeof createChannel>;
