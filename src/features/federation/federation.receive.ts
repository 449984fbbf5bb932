// The receive side of the transnational channel: verify a message or a batch envelope, check
// its peer, kind, jurisdictions and agreement, record its jti and apply its effect in one
// transaction, a batch's messages together (ADR 0085). Every refusal is audited and nothing else.
import { decodeJwt } from 'jose';
import type { Database, Queryable } from '../../platform/db/index.js';
import { recordAudit, recordAuditMany } from '../audit/index.js';
import { parseBatch, verifyBatch, type BatchItemResult } from './federation.batch.js';
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
import { deleteInbox, insertInbox, insertInboxMany } from './federation.outbox.repository.js';
import {
  auditRefusals,
  contextOf,
  inboxEntry,
  receivedAudit,
  refuse,
  type ReceivedMessage,
  type Refusal,
  type RegisteredHandler,
} from './federation.received.js';
import {
  agreementAllowing,
  findPeerByNode,
  type AgreementRow,
  type MessageKind,
  type PeerRow,
} from './federation.repository.js';
import type { Trust } from './federation.trust.js';

const SAVEPOINT = 'federation_message';

/** What the receive side shares with its channel. */
export interface ReceiverDeps {
  db: Database;
  keys: NodeKeys;
  trust: Trust;
  nodeId: string;
  /** Jurisdictions hosted on this node. */
  jurisdictions: readonly string[];
  /** The message kind by name (the channel's cache of federation_message_kinds). */
  kindOf: (q: Queryable, kind: string) => Promise<MessageKind | undefined>;
  /** The handlers registered so far by kind (read at each message). */
  handlers: ReadonlyMap<string, RegisteredHandler>;
}

/** The receive side of a node's channel: one message, or a batch envelope. */
export function createReceiver(d: ReceiverDeps) {
  const { db, keys, trust, kindOf, handlers } = d;
  const hosted = (j: string) => d.jurisdictions.includes(j);

  /** The registered peer (or this node) that signed with `kid`, and its verification key. */
  async function signer(iss: string, kid: string) {
    const peer = iss === d.nodeId ? ('self' as const) : await findPeerByNode(db, iss);
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
    const senderHosts = peer === 'self' ? d.jurisdictions : peer.jurisdictions;
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

  /** Verifies a message and applies it once; throws AppError MESSAGE_REJECTED otherwise. */
  async function receive(jws: string, now = new Date()): Promise<{ jti: string; kind: string }> {
    const context: Record<string, unknown> = {};
    try {
      const { iss, kid } = peekMessage(jws);
      context.iss = iss;
      const { peer, key } = await signer(iss, kid);
      const claims = await verifyMessage(jws, key, { issuer: iss, audience: d.nodeId }, now);
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
        return refuse(db, err, context);
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
      const envelope = await verifyBatch(jws, key, { issuer: iss, audience: d.nodeId }, now);
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
        return refuse(db, err, context);
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
      const claims: MessageClaims = { ...m, iss, aud: d.nodeId, iat, exp };
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
    await auditRefusals(db, refusals);
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

  return { receive, receiveBatch };
}
