// The transnational channel: one protocol for every exchange between jurisdictions, whether the
// recipient is hosted on this node (loop back) or on a peer. Senders write to the outbox in the
// transaction of the change; a dispatcher (federation.dispatch.ts) signs and encrypts batches at
// sending time and retries with exponential back-off; receivers verify, check the agreement,
// record the jti and apply the message's effect in one transaction, a batch's messages together
// (ADR 0085; federation.receive.ts). Every refusal leaves an audit event and nothing else.
import type { Database, Queryable } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { getLogger } from '../../platform/logger.js';
import { recordAudit } from '../audit/index.js';
import { createDispatcher, type Transport } from './federation.dispatch.js';
import type { NodeKeys } from './federation.keys.js';
import { insertOutgoing } from './federation.outbox.repository.js';
import { createReceiver } from './federation.receive.js';
import type { HandlerOptions, MessageHandler, RegisteredHandler } from './federation.received.js';
import {
  agreementAllowing,
  messageKinds,
  peerForJurisdiction,
  type MessageKind,
} from './federation.repository.js';
import type { Trust } from './federation.trust.js';

export { httpTransport, type DeliveryOutcome, type Transport } from './federation.dispatch.js';
export type { HandlerOptions, MessageHandler, ReceivedMessage } from './federation.received.js';

const log = getLogger('federation');

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

/** The channel of a node. */
export function createChannel(db: Database, keys: NodeKeys, trust: Trust, o: ChannelOptions) {
  const handlers = new Map<string, RegisteredHandler>();
  let kinds: Map<string, MessageKind> | undefined;

  async function kindOf(q: Queryable, kind: string): Promise<MessageKind | undefined> {
    if (!kinds?.has(kind)) {
      kinds = new Map((await messageKinds(q)).map((k) => [k.kind, k]));
    }
    return kinds.get(kind);
  }

  const hosted = (j: string) => o.jurisdictions.includes(j);

  const { receive, receiveBatch } = createReceiver({
    db,
    keys,
    trust,
    nodeId: o.nodeId,
    jurisdictions: o.jurisdictions,
    kindOf,
    handlers,
  });

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
