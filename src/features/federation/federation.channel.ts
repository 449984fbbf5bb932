// The transnational channel: one protocol for every exchange between jurisdictions, whether the
// recipient is hosted on this node (loop back) or on a peer. Senders write to the outbox in the
// transaction of the change; a dispatcher (federation.dispatch.ts) signs and encrypts batches at
// sending time and retries with exponential back-off; receivers verify, check the agreement,
// record the jti and apply the message's effect in one transaction, a batch's messages together
// (ADR 0085). Every refusal leaves an audit event and nothing else.
import { decodeJwt } from 'jose';
import type { Database, Queryable } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { getLogger } from '../../platform/logger.js';
import { recordAudit, recordAuditMany } from '../audit/index.js';
import { parseBatch, verifyBatch, type BatchItemResult } from './federation.batch.js';
import { createDispatcher, type Transport } from './federation.dispatch.js';
import {
  BATCH_TYP,
  decryptPayload,
  MessageRejected,
  payloadKid,
  peekMessage,
  verifyMessage,
  type MessageClaims,
} from './federation.envelope.js';
import type { NodeKeys } from './federation.keys.js';
import {
  deleteInbox,
  insertInbox,
  insertInboxMany,
  insertOutgoing,
} from './federation.outbox.repository.js';
import {
  agreementAllowing,
  findPeerByNode,
  messageKinds,
  peerForJurisdiction,
  type AgreementRow,
  type MessageKind,
  type PeerRow,
} from './federation.repository.js';
import type { Trust } from './federation.trust.js';

export { httpTransport, type DeliveryOutcome, type Transport } from './federation.dispatch.js';

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

/** Optional parts of a kind's handling. */
export interface HandlerOptions {
  /** Checks a message before anything is written (pure); throw MessageRejected to refuse it. */
  check?: (msg: ReceivedMessage) => void;
  /**
   * Applies consecutive messages of the kind from one batch together (each passed `check`);
   * must not refuse any (a throw rolls the whole batch back, to be sent again).
   */
  many?: (tx: Queryable, msgs: ReceivedMessage[]) => Promise<void>;
}

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
  /** Messages claimed per round (sent in envelopes of at most MAX_BATCH_MESSAGES). */
  batchSize?: number;
  /** Polling interval of the dispatcher's timer, ms. */
  intervalMs?: number;
}

/** A refusal to audit: why, and what is known of the message. */
interface Refusal {
  err: MessageRejected;
  context: Record<string, unknown>;
}

const SAVEPOINT = 'federation_message';

/** The channel of a node. */
export function createChannel(db: Database, keys: NodeKeys, trust: Trust, o: ChannelOptions) {
  const handlers = new Map<string, HandlerOptions & { one: MessageHandler }>();
  let kinds: Map<string, MessageKind> | undefined;

  async function kindOf(q: Queryable, kind: string): Promise<MessageKind | undefined> {
    if (!kinds?.has(kind)) {
      kinds = new Map((await messageKinds(q)).map((k) => [k.kind, k]));
    }
    return kinds.get(kind);
  }

  const hosted = (j: string) => o.jurisdictions.includes(j);

  /** Audits refusals in their own transaction: an event each, nothing else. */
  async function auditRefusals(refusals: Refusal[]): Promise<void> {
    if (refusals.length === 0) {
      return;
    }
    await db.transaction((tx) =>
      recordAuditMany(
        tx,
        null,
        refusals.map(({ err, context }) => ({
          action: 'federation_reject',
          subjectType: 'FederationMessage',
          subjectId: typeof context.jti === 'string' ? context.jti : null,
          subjectCountry: typeof context.to === 'string' ? context.to : null,
          details: { reason: err.reason, ...context },
        })),
      ),
    );
    for (const { err, context } of refusals) {
      log.warn('message rejected', { reason: err.reason, issuer: context.iss, kind: context.kind });
    }
  }

  /** Refuses a whole message or envelope: audited, then thrown as MESSAGE_REJECTED. */
  async function refuse(err: MessageRejected, context: Record<string, unknown>): Promise<never> {
    await auditRefusals([{ err, context }]);
    throw new AppError('MESSAGE_REJECTED', err.message, { reason: err.reason });
  }

  /** The registered peer (or this node) that signed with `kid`, and its verification key. */
  async function signer(iss: string, kid: string) {
    const peer = iss === o.nodeId ? ('self' as const) : await findPeerByNode(db, iss);
    if (!peer || (peer !== 'self' && !peer.active)) {
      throw new MessageRejected('UNKNOWN_PEER', 'The issuer is not a registered peer');
    }
    const key = await trust.verificationKey(peer, kid);
    if (!key) {
      throw new MessageRejected('UNKNOWN_KEY', 'The key is not pinned or endorsed for this peer');
    }
    return { peer, key };
  }

  /** Checks a verified message's kind, jurisdictions, agreement and content (no write). */
  async function admit(
    claims: MessageClaims,
    body: unknown,
    peer: PeerRow | 'self',
    agreements = new Map<string, Promise<AgreementRow | undefined>>(),
  ): Promise<ReceivedMessage> {
    const kind = await kindOf(db, claims.knd);
    const handler = kind && handlers.get(kind.kind);
    if (!kind || !handler) {
      throw new MessageRejected('UNKNOWN_KIND', `No message kind ${claims.knd} here`);
    }
    const senderHosts = peer === 'self' ? o.jurisdictions : peer.jurisdictions;
    if (!hosted(claims.to) || !senderHosts.includes(claims.frm) || claims.to === claims.frm) {
      throw new MessageRejected('NOT_HOSTED', 'The jurisdictions do not belong to these nodes');
    }
    const key = `${claims.to} ${claims.frm} ${kind.kind} ${claims.agr}`;
    if (!agreements.has(key)) {
      agreements.set(key, agreementAllowing(db, claims.to, claims.frm, kind, claims.agr));
    }
    const agreement = await agreements.get(key)!;
    if (!agreement) {
      throw new MessageRejected('NO_AGREEMENT', 'No agreement in force allows this message');
    }
    const msg: ReceivedMessage = { claims, body, peer, agreement, kind };
    handler.check?.(msg);
    return msg;
  }

  const inboxEntry = (m: ReceivedMessage) => ({
    jti: m.claims.jti,
    issuer: m.claims.iss,
    kind: m.kind.kind,
    from: m.claims.frm,
    to: m.claims.to,
    subjectKey: m.claims.sub,
    agreementRef: m.agreement.ref,
  });

  const receivedAudit = (m: ReceivedMessage) => ({
    action: 'federation_receive',
    subjectType: 'FederationMessage',
    subjectId: m.claims.jti,
    subjectCountry: m.claims.to,
    purpose: m.kind.purpose,
    details: {
      kind: m.kind.kind,
      from: m.claims.frm,
      issuer: m.claims.iss,
      agreement: m.agreement.ref,
    },
  });

  const contextOf = (c: Partial<MessageClaims>) => ({
    iss: c.iss,
    jti: c.jti,
    kind: c.knd,
    from: c.frm,
    to: c.to,
  });

  /** Verifies a message and applies it once; throws AppError MESSAGE_REJECTED otherwise. */
  async function receive(jws: string, now = new Date()): Promise<{ jti: string; kind: string }> {
    const context: Record<string, unknown> = {};
    try {
      const { iss, kid } = peekMessage(jws);
      context.iss = iss;
      const { peer, key } = await signer(iss, kid);
      const claims = await verifyMessage(jws, key, { issuer: iss, audience: o.nodeId }, now);
      Object.assign(context, contextOf(claims));
      let body = claims.body;
      const kind = await kindOf(db, claims.knd);
      if (kind?.encrypted) {
        const kid = claims.jwe ? payloadKid(claims.jwe) : undefined;
        const own = kid ? await keys.privateByKid(kid) : undefined;
        if (!claims.jwe || !own) {
          throw new MessageRejected('UNREADABLE', 'The payload is not encrypted to this node');
        }
        body = await decryptPayload(claims.jwe, own.key);
      }
      const msg = await admit(claims, body, peer);
      await db.transaction(async (tx) => {
        if (!(await insertInbox(tx, inboxEntry(msg)))) {
          throw new MessageRejected('REPLAYED', 'This message (jti) was received before');
        }
        await handlers.get(msg.kind.kind)!.one(tx, msg);
        await recordAudit(tx, null, receivedAudit(msg));
      });
      return { jti: claims.jti, kind: msg.kind.kind };
    } catch (err) {
      if (err instanceof MessageRejected) {
        return refuse(err, context);
      }
      throw err;
    }
  }

  /** Opens a batch envelope: verified, decrypted, split into messages (or refused whole). */
  async function openBatch(jws: string, now: Date) {
    const context: Record<string, unknown> = { kind: 'batch' };
    try {
      const { iss, kid } = peekMessage(jws, BATCH_TYP);
      context.iss = iss;
      const { peer, key } = await signer(iss, kid);
      const envelope = await verifyBatch(jws, key, { issuer: iss, audience: o.nodeId }, now);
      context.jti = envelope.jti;
      const kid2 = payloadKid(envelope.jwe);
      const own = kid2 ? await keys.privateByKid(kid2) : undefined;
      if (!own) {
        throw new MessageRejected('UNREADABLE', 'The batch is not encrypted to this node');
      }
      const { iat, exp } = decodeJwt(jws) as { iat: number; exp: number };
      return { iss, peer, iat, exp, ...parseBatch(await decryptPayload(envelope.jwe, own.key)) };
    } catch (err) {
      if (err instanceof MessageRejected) {
        return refuse(err, context);
      }
      throw err;
    }
  }

  /**
   * Verifies a batch envelope and applies each message in it once, in one transaction; each
   * message is admitted or refused on its own (audited either way). Throws MESSAGE_REJECTED
   * when the envelope itself is refused (then nothing of it is applied).
   */
  async function receiveBatch(jws: string, now = new Date()) {
    const { iss, peer, iat, exp, messages, malformed } = await openBatch(jws, now);
    const refusals: Refusal[] = malformed.map((jti) => ({
      err: new MessageRejected('MALFORMED', 'The message lacks a claim'),
      context: { iss, jti },
    }));
    const admitted: ReceivedMessage[] = [];
    const agreements = new Map<string, Promise<AgreementRow | undefined>>();
    for (const m of messages) {
      const claims: MessageClaims = { ...m, iss, aud: o.nodeId, iat, exp };
      try {
        admitted.push(await admit(claims, m.body, peer, agreements));
      } catch (err) {
        if (!(err instanceof MessageRejected)) {
          throw err;
        }
        refusals.push({ err, context: contextOf(claims) });
      }
    }
    const applied = await db.transaction(async (tx) => {
      const fresh = await insertInboxMany(tx, admitted.map(inboxEntry));
      const done: ReceivedMessage[] = [];
      for (const m of admitted.filter((a) => !fresh.has(a.claims.jti))) {
        const err = new MessageRejected('REPLAYED', 'This message (jti) was received before');
        refusals.push({ err, context: contextOf(m.claims) });
      }
      const todo = admitted.filter((a) => fresh.has(a.claims.jti));
      for (let i = 0; i < todo.length;) {
        const h = handlers.get(todo[i]!.kind.kind)!;
        let j = i + 1;
        while (h.many && j < todo.length && todo[j]!.kind.kind === todo[i]!.kind.kind) {
          j += 1;
        }
        if (h.many) {
          await h.many(tx, todo.slice(i, j));
          done.push(...todo.slice(i, j));
        } else {
          const m = todo[i]!;
          await tx.query(`SAVEPOINT ${SAVEPOINT}`);
          try {
            await h.one(tx, m);
            await tx.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
            done.push(m);
          } catch (err) {
            if (!(err instanceof MessageRejected)) {
              throw err;
            }
            await tx.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
            await deleteInbox(tx, m.claims.jti);
            refusals.push({ err, context: contextOf(m.claims) });
          }
        }
        i = j;
      }
      await recordAuditMany(tx, null, done.map(receivedAudit));
      return done;
    });
    await auditRefusals(refusals);
    const results: BatchItemResult[] = [
      ...applied.map((m) => ({ jti: m.claims.jti, ok: true as const, replayed: false })),
      ...refusals.map((r) => ({
        jti: String(r.context.jti),
        ok: false as const,
        reason: r.err.reason,
      })),
    ];
    return { results };
  }

  const dispatcher = createDispatcher({
    db,
    keys,
    trust,
    nodeId: o.nodeId,
    transport: o.transport,
    receiveBatch,
    options: o,
  });
  const dispatchOnce = dispatcher.dispatchOnce;

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
    receiveBatch,
    dispatchOnce,

    /**
     * Registers the handler of a message kind (the kind must be in federation_message_kinds),
     * with an optional pure check and a handler of many messages at once.
     */
    on(kind: string, handler: MessageHandler, options: HandlerOptions = {}): void {
      handlers.set(kind, { ...options, one: handler });
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
