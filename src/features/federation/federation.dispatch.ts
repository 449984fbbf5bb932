// The sending end of the channel: claims due outbox messages, packs those for one recipient node
// into batch envelopes (signed once, encrypted once: ADR 0085), hands each to the transport (or
// to this node's own receiving end for a jurisdiction hosted here) and records each message's
// outcome: sent, or retried with exponential back-off, or failed for good.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/db/index.js';
import type { AppError } from '../../platform/errors.js';
import {
  chunkBatches,
  signBatch,
  type BatchedMessage,
  type BatchItemResult,
} from './federation.batch.js';
import { encryptPayload } from './federation.envelope.js';
import type { NodeKeys } from './federation.keys.js';
import {
  claimDue,
  markFailed,
  markSentMany,
  releaseStale,
  type ClaimedMessage,
} from './federation.outbox.repository.js';
import { findPeer, type PeerRow } from './federation.repository.js';
import type { Trust } from './federation.trust.js';

/** What a delivery of one envelope returned: a result per message, or one failure for all. */
export type DeliveryOutcome =
  { ok: true; results: BatchItemResult[] } | { ok: false; retry: boolean; error: string };

/** Sends a signed batch envelope to a peer (HTTP in production). */
export type Transport = (peer: PeerRow, jws: string) => Promise<DeliveryOutcome>;

/** Rejections worth retrying: the receiver may learn our new key, or come back. */
export const RETRYABLE = new Set(['UNKNOWN_KEY', 'UNKNOWN_PEER']);

/** POSTs to <base>/federation/v1/batches. */
export const httpTransport: Transport = async (peer, jws) => {
  try {
    const res = await fetch(new URL('/federation/v1/batches', peer.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: jws }),
      signal: AbortSignal.timeout(60_000),
    });
    if (res.ok) {
      const body = (await res.json()) as { results?: BatchItemResult[] };
      return { ok: true, results: Array.isArray(body.results) ? body.results : [] };
    }
    const body = (await res.json().catch(() => ({}))) as {
      error?: { code?: string; details?: { reason?: string } };
    };
    const reason = body.error?.details?.reason ?? body.error?.code ?? String(res.status);
    const retry = res.status >= 500 || res.status === 429 || RETRYABLE.has(reason);
    return { ok: false, retry, error: `${res.status} ${reason}` };
  } catch (err) {
    return { ok: false, retry: true, error: (err as Error).message };
  }
};

/** What the dispatcher needs of its channel. */
export interface DispatchDeps {
  db: Database;
  keys: NodeKeys;
  trust: Trust;
  nodeId: string;
  transport: Transport;
  /** This node's receiving end (for jurisdictions hosted here). */
  receiveBatch(jws: string, now: Date): Promise<{ results: BatchItemResult[] }>;
  options: { baseDelayMs?: number; maxDelayMs?: number; maxAttempts?: number; batchSize?: number };
}

/** The dispatcher of a channel. */
export function createDispatcher(d: DispatchDeps) {
  /** Signs, encrypts and delivers one envelope of messages for one recipient node. */
  async function deliver(chunk: ClaimedMessage[], now: Date): Promise<DeliveryOutcome> {
    const peerId = chunk[0]!.peerId;
    const peer = peerId ? await findPeer(d.db, peerId) : 'self';
    if (!peer) {
      return { ok: false, retry: false, error: 'peer removed' };
    }
    const to = await d.trust.encryptionKey(peer);
    if (!to) {
      return { ok: false, retry: true, error: 'no trusted encryption key' };
    }
    const messages: BatchedMessage[] = chunk.map((m) => ({
      jti: m.jti,
      knd: m.kind,
      frm: m.from,
      to: m.to,
      sub: m.subjectKey,
      agr: m.agreementRef,
      body: m.body,
    }));
    const jws = await signBatch(
      {
        iss: d.nodeId,
        aud: peer === 'self' ? d.nodeId : peer.nodeId,
        jti: randomUUID(),
        jwe: await encryptPayload({ messages }, to),
      },
      await d.keys.active('sig'),
      300,
      now,
    );
    if (peer !== 'self') {
      return d.transport(peer, jws);
    }
    try {
      return { ok: true, results: (await d.receiveBatch(jws, now)).results };
    } catch (err) {
      const reason = ((err as AppError).details as { reason?: string } | undefined)?.reason;
      return {
        ok: false,
        retry: !reason || RETRYABLE.has(reason),
        error: reason ?? (err as Error).message,
      };
    }
  }

  /** Sends every due message once; returns how many were claimed. */
  async function dispatchOnce(now = new Date()): Promise<number> {
    const o = d.options;
    await releaseStale(d.db, new Date(now.getTime() - 5 * 60_000));
    const claimed = await d.db.transaction((tx) => claimDue(tx, now, o.batchSize ?? 500));
    const byPeer = new Map<string, ClaimedMessage[]>();
    for (const m of claimed) {
      const key = m.peerId ?? 'self';
      byPeer.set(key, [...(byPeer.get(key) ?? []), m]);
    }
    const sent: string[] = [];
    const failed: { m: ClaimedMessage; error: string; retry: boolean }[] = [];
    const chunks = [...byPeer.values()].flatMap((msgs) => chunkBatches(msgs));
    await Promise.all(
      chunks.map(async (chunk) => {
        let outcome: DeliveryOutcome;
        try {
          outcome = await deliver(chunk, now);
        } catch (err) {
          outcome = { ok: false, retry: true, error: (err as Error).message };
        }
        if (!outcome.ok) {
          for (const m of chunk) {
            failed.push({ m, error: outcome.error, retry: outcome.retry });
          }
          return;
        }
        const byJti = new Map(outcome.results.map((r) => [r.jti, r]));
        for (const m of chunk) {
          const r = byJti.get(m.jti);
          if (r?.ok || (r && r.reason === 'REPLAYED')) {
            sent.push(m.seq);
          } else {
            const reason = r ? r.reason : 'NO_RESULT';
            failed.push({ m, error: reason, retry: !r || RETRYABLE.has(reason) });
          }
        }
      }),
    );
    await markSentMany(d.db, sent, now);
    for (const { m, error, retry } of failed) {
      const again = retry && m.attempts < (o.maxAttempts ?? 50);
      const base = o.baseDelayMs ?? 1000;
      const delay = Math.min(o.maxDelayMs ?? 15 * 60_000, base * 2 ** (m.attempts - 1));
      await markFailed(d.db, m.seq, error, again ? new Date(now.getTime() + delay) : null);
    }
    return claimed.length;
  }

  return { dispatchOnce };
}
