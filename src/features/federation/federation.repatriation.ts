// Repatriation across borders (ADR 0083). Where the remains are, a forensic practitioner records
// the 'repatriated' custody event on a confirmed cross-border candidate; the node signs the head
// of the chain (a JWS by its node key) and sends the whole chain, encrypted, to the family's
// jurisdiction. The receiving node checks every hash and the signed head, then appends its own
// events after that head (same hashed form, same state machine) and forwards each one back, so
// the whole chain verifies on either side.
import { randomUUID } from 'node:crypto';
import {
  CompactSign,
  compactVerify,
  decodeProtectedHeader,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import type { Database, Queryable } from '../../platform/db/index.js';
import { authorize, authorizeType, type Actor } from '../../platform/authz/index.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import {
  allowedCustodyEvents,
  chainCustodyEvent,
  custodyContentOf,
  findCustodyHead,
  hashCustodyEvent,
  nextCustodyState,
  type CustodyContent,
  listCustodyEvents,
  verifyCustodyChain,
  type AppendCustodyInput,
  type CustodyService,
  type CustodyState,
  type CustodyVerification,
} from '../custody/index.js';
import { findRemains } from '../remains/index.js';
import type { Channel } from './federation.channel.js';
import { MessageRejected } from './federation.envelope.js';
import { NODE_SIG_ALG, type NodeKeys } from './federation.keys.js';
import { CROSS_BORDER_CANDIDATE, CROSS_BORDER_CUSTODY } from './federation.policy.js';
import { findCrossCandidate, findSubject } from './federation.profiles.repository.js';

/** `typ` of a signed custody head. */
export const CUSTODY_HEAD_TYP = 'ariadne-custody-head+jws';

/** One event as it travels: its hashed content and hash. */
type ChainEvent = CustodyContent & { hash: string };

interface TransferRow {
  id: string;
  transferId: string;
  direction: 'outgoing' | 'incoming';
  jurisdiction: string;
  foreignNode: string;
  foreignJurisdiction: string;
  candidateId: string | null;
  remainsId: string;
  remainsCode: string;
  sentEvents: ChainEvent[];
  signedHead: string;
  headPosition: number;
  headHash: string;
  continuation: ChainEvent[];
  createdAt: Date;
}

const COLUMNS = `id, transfer_id AS "transferId", direction, trim(jurisdiction) AS jurisdiction,
  foreign_node AS "foreignNode", trim(foreign_jurisdiction) AS "foreignJurisdiction",
  candidate_id AS "candidateId", remains_id AS "remainsId", remains_code AS "remainsCode",
  sent_events AS "sentEvents", signed_head AS "signedHead", head_position AS "headPosition",
  head_hash AS "headHash", continuation, created_at AS "createdAt"`;

/** The hashed form of an event and its hash, dates as ISO strings (as hashed); no local id. */
function travelling(e: ChainEvent): ChainEvent {
  return JSON.parse(JSON.stringify({ ...custodyContentOf(e), hash: e.hash })) as ChainEvent;
}

/** What the repatriation flows need. */
export interface RepatriationDeps {
  db: Database;
  channel: Channel;
  keys: NodeKeys;
  custody: () => CustodyService;
  /** Tells the other side that a record's status changed. */
  statusChanged(tx: Queryable, side: 'am' | 'pm', localId: string, status: string): Promise<number>;
}

/** The repatriation flows of a node. */
export function createRepatriation(deps: RepatriationDeps) {
  const { db, channel, keys } = deps;

  async function find(q: Queryable, where: string, params: unknown[]) {
    const rows = await q.query<TransferRow>(
      `SELECT ${COLUMNS} FROM federation_custody_transfers WHERE ${where}`,
      params,
    );
    return rows[0]
      ? { ...rows[0], headPosition: Number(rows[0].headPosition) }
      : (undefined as TransferRow | undefined);
  }

  /** Signs the head of a chain with the node's signing key. */
  async function signHead(
    key: { kid: string; key: CryptoKey | Uint8Array },
    h: { transfer: string; remains: string; position: number; hash: string },
  ) {
    return new CompactSign(new TextEncoder().encode(JSON.stringify({ iss: channel.nodeId, ...h })))
      .setProtectedHeader({ alg: NODE_SIG_ALG, typ: CUSTODY_HEAD_TYP, kid: key.kid })
      .sign(key.key);
  }

  /**
   * The public signing key `kid` of a node: this node's own, or one already trusted for the
   * peer (pinned or endorsed; the message carrying the head made the channel learn it).
   */
  async function signerKey(q: Queryable, signer: string, kid: string) {
    const rows =
      signer === channel.nodeId
        ? await q.query<{ jwk: JWK }>(
            `SELECT public_jwk AS jwk FROM federation_keys WHERE kid = $1 AND use = 'sig'`,
            [kid],
          )
        : await q.query<{ jwk: JWK }>(
            `SELECT k.public_jwk AS jwk FROM federation_peer_keys k
             JOIN federation_peers p ON p.id = k.peer_id
             WHERE p.node_id = $1 AND k.kid = $2 AND k.use = 'sig'`,
            [signer, kid],
          );
    const jwk = rows[0]?.jwk;
    return jwk ? importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, NODE_SIG_ALG) : undefined;
  }

  /** Verifies a signed head with the key of the node that signed it; returns its claims. */
  async function verifyHead(q: Queryable, jws: string, signer: string) {
    let header;
    try {
      header = decodeProtectedHeader(jws);
    } catch {
      return undefined;
    }
    const { kid, typ } = header;
    if (typ !== CUSTODY_HEAD_TYP || typeof kid !== 'string') {
      return undefined;
    }
    const key = await signerKey(q, signer, kid);
    if (!key) {
      return undefined;
    }
    try {
      const { payload } = await compactVerify(jws, key as CryptoKey, {
        algorithms: [NODE_SIG_ALG],
      });
      const claims = JSON.parse(new TextDecoder().decode(payload)) as {
        iss: string;
        transfer: string;
        remains: string;
        position: number;
        hash: string;
      };
      return claims.iss === signer ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  /** The whole chain of a transfer: the sending side's events, then the receiving side's. */
  async function wholeChain(q: Queryable, t: TransferRow): Promise<ChainEvent[]> {
    const before =
      t.direction === 'incoming'
        ? t.sentEvents
        : (await listCustodyEvents(q, t.remainsId))
            .filter((e) => e.position <= t.headPosition)
            .map((e) => travelling(e));
    return [...before, ...t.continuation];
  }

  channel.on('custody.transfer', async (tx, msg) => {
    const b = msg.body as {
      transferId?: string;
      ref?: string;
      counterpartRef?: string;
      remainsCode?: string;
      events?: ChainEvent[];
      signedHead?: string;
    };
    const subject = typeof b?.ref === 'string' ? await findSubject(tx, b.ref) : undefined;
    if (
      !subject ||
      subject.side !== 'am' ||
      subject.jurisdiction !== msg.claims.to ||
      typeof b.transferId !== 'string' ||
      typeof b.signedHead !== 'string' ||
      typeof b.remainsCode !== 'string' ||
      !Array.isArray(b.events) ||
      b.events.length === 0
    ) {
      throw new MessageRejected('MALFORMED', 'A transfer names a report here, its chain and head');
    }
    const signer = msg.peer === 'self' ? channel.nodeId : msg.peer.nodeId;
    const head = await verifyHead(tx, b.signedHead, signer);
    const last = b.events.at(-1)!;
    if (!head || head.transfer !== b.transferId || head.hash !== last.hash) {
      throw new MessageRejected('TAMPERED', 'The signed head does not match the chain');
    }
    const check = verifyCustodyChain(b.events, { position: head.position, hash: head.hash });
    if (!check.ok || last.stateAfter !== 'repatriated') {
      throw new MessageRejected('TAMPERED', 'The custody chain does not verify');
    }
    const candidate = await tx.query<{ id: string }>(
      `SELECT id FROM federation_candidates WHERE local_ref = $1 AND foreign_node = $2
         AND foreign_ref = $3 AND status = 'confirmed'`,
      [b.ref, signer, String(b.counterpartRef)],
    );
    if (!candidate[0]) {
      throw new MessageRejected('MALFORMED', 'No confirmed identification here for this transfer');
    }
    await tx.query(
      `INSERT INTO federation_custody_transfers (transfer_id, direction, jurisdiction, foreign_node,
         foreign_jurisdiction, candidate_id, remains_id, remains_code, sent_events, signed_head,
         head_position, head_hash)
       VALUES ($1, 'incoming', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        b.transferId,
        msg.claims.to,
        signer,
        msg.claims.frm,
        candidate[0].id,
        last.remainsId,
        b.remainsCode,
        JSON.stringify(b.events),
        b.signedHead,
        head.position,
        head.hash,
      ],
    );
    await recordAudit(tx, null, {
      action: 'custody_received',
      subjectType: CROSS_BORDER_CUSTODY,
      subjectId: b.transferId,
      subjectCountry: msg.claims.to,
      purpose: 'identification',
      details: { from: msg.claims.frm, agreement: msg.agreement.ref, head: head.hash },
    });
  });

  channel.on('custody.continue', async (tx, msg) => {
    const b = msg.body as { transferId?: string; event?: ChainEvent };
    const t =
      typeof b?.transferId === 'string'
        ? await find(tx, `transfer_id = $1 AND direction = 'outgoing' AND jurisdiction = $2`, [
            b.transferId,
            msg.claims.to,
          ])
        : undefined;
    const e = b?.event;
    if (!t || t.foreignJurisdiction !== msg.claims.frm || !e || typeof e.hash !== 'string') {
      throw new MessageRejected('MALFORMED', 'The event answers no transfer of this jurisdiction');
    }
    const prev = t.continuation.at(-1) ?? { position: t.headPosition, hash: t.headHash };
    const { hash, ...content } = e;
    if (
      e.position !== prev.position + 1 ||
      e.prevHash !== prev.hash ||
      hashCustodyEvent(content) !== hash ||
      e.remainsId !== t.remainsId
    ) {
      throw new MessageRejected('TAMPERED', 'The event does not continue the chain');
    }
    await tx.query(
      `UPDATE federation_custody_transfers SET continuation = continuation || $2::jsonb,
         updated_at = now() WHERE id = $1`,
      [t.id, JSON.stringify([e])],
    );
  });

  const auditActor = (actor: Actor) => ({
    id: actor.id,
    role: actor.role,
    country: actor.country,
    requestId: actor.requestId,
  });

  function present(t: TransferRow) {
    return {
      id: t.id,
      transferId: t.transferId,
      direction: t.direction,
      jurisdiction: t.jurisdiction,
      counterpart: { jurisdiction: t.foreignJurisdiction, node: t.foreignNode },
      candidateId: t.candidateId,
      remainsCode: t.remainsCode,
      head: { position: t.headPosition, hash: t.headHash, signed: t.signedHead },
      continued: t.continuation.length,
      createdAt: t.createdAt,
    };
  }

  const subjectOf = (t: TransferRow | undefined) =>
    t ? { ...t, country: t.jurisdiction } : undefined;

  return {
    /**
     * Repatriates identified remains to the family's jurisdiction: records the 'repatriated'
     * custody event here, signs the head and sends the chain.
     */
    async repatriate(actor: Actor, candidateId: string, input: AppendCustodyInput) {
      // The key is read before the transaction (the keys use their own connection).
      const key = await keys.active('sig');
      return db.transaction(async (tx) => {
        const c = await findCrossCandidate(tx, candidateId);
        authorize(actor, 'read', CROSS_BORDER_CANDIDATE, c ? { ...c, country: c.jurisdiction } : c);
        authorize(actor, 'create', CROSS_BORDER_CUSTODY, { country: c!.jurisdiction });
        if (c!.localSide !== 'pm' || c!.status !== 'confirmed') {
          throw new AppError(
            'CONFLICT',
            'Remains are repatriated on a confirmed identification, from where they are',
            { status: c!.status },
          );
        }
        await deps.custody().append(actor, c!.localId, { ...input, kind: 'repatriated' }, tx);
        const remains = (await findRemains(tx, c!.localId))!;
        const head = (await findCustodyHead(tx, remains.id))!;
        const events = (await listCustodyEvents(tx, remains.id)).map((e) => travelling(e));
        const transferId = randomUUID();
        const signedHead = await signHead(key, {
          transfer: transferId,
          remains: remains.id,
          position: head.position,
          hash: head.hash,
        });
        const rows = await tx.query<{ id: string }>(
          `INSERT INTO federation_custody_transfers (transfer_id, direction, jurisdiction, foreign_node,
             foreign_jurisdiction, candidate_id, remains_id, remains_code, signed_head,
             head_position, head_hash)
           VALUES ($1, 'outgoing', $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [
            transferId,
            c!.jurisdiction,
            c!.foreignNode,
            c!.foreignJurisdiction,
            c!.id,
            remains.id,
            remains.code,
            signedHead,
            head.position,
            head.hash,
          ],
        );
        await channel.send(tx, {
          kind: 'custody.transfer',
          from: c!.jurisdiction,
          to: c!.foreignJurisdiction,
          subjectKey: `custody:${transferId}`,
          body: {
            transferId,
            ref: c!.foreignRef,
            counterpartRef: c!.localRef,
            remainsCode: remains.code,
            events,
            signedHead,
          },
        });
        await deps.statusChanged(tx, 'pm', remains.id, 'repatriated');
        await recordAudit(tx, auditActor(actor), {
          action: 'repatriate',
          subjectType: CROSS_BORDER_CUSTODY,
          subjectId: transferId,
          subjectCountry: c!.jurisdiction,
          purpose: 'identification',
          details: { to: c!.foreignJurisdiction, head: head.hash, position: head.position },
        });
        return present((await find(tx, 'id = $1', [rows[0]!.id]))!);
      });
    },

    /** Transfers of the actor's jurisdiction, newest first. */
    async list(actor: Actor) {
      authorizeType(actor, 'read', CROSS_BORDER_CUSTODY);
      const rows = await db.query<TransferRow>(
        `SELECT ${COLUMNS} FROM federation_custody_transfers WHERE jurisdiction = $1
         ORDER BY created_at DESC LIMIT 200`,
        [actor.country],
      );
      return { items: rows.map((r) => present({ ...r, headPosition: Number(r.headPosition) })) };
    },

    /** Appends an event after the received head (receiving side) and forwards it. */
    async append(actor: Actor, id: string, input: AppendCustodyInput) {
      return db.transaction(async (tx) => {
        await tx.query(`SELECT 1 FROM federation_custody_transfers WHERE id = $1 FOR UPDATE`, [id]);
        const t = await find(tx, 'id = $1', [id]);
        authorize(actor, 'read', CROSS_BORDER_CUSTODY, subjectOf(t));
        authorize(actor, 'create', CROSS_BORDER_CUSTODY, subjectOf(t));
        if (t!.direction !== 'incoming') {
          throw new AppError(
            'CONFLICT',
            'The sending side records its events on the remains’ own chain',
          );
        }
        const chain = [...t!.sentEvents, ...t!.continuation];
        const last = chain.at(-1)!;
        const current = last.stateAfter as CustodyState;
        const next = nextCustodyState(current, input.kind);
        if (!next) {
          throw new AppError(
            'INVALID_TRANSITION',
            `A ${input.kind} event cannot follow the state ${current}`,
            { state: current, event: input.kind, allowed: allowedCustodyEvents(current) },
          );
        }
        if (input.occurredAt < new Date(last.occurredAt)) {
          throw validationFailed([
            { field: 'body.occurredAt', message: 'must not be before the previous event' },
          ]);
        }
        const event = travelling(chainCustodyEvent(t!.remainsId, last, input, next, actor.id));
        await tx.query(
          `UPDATE federation_custody_transfers SET continuation = continuation || $2::jsonb,
             updated_at = now() WHERE id = $1`,
          [id, JSON.stringify([event])],
        );
        await channel.send(tx, {
          kind: 'custody.continue',
          from: t!.jurisdiction,
          to: t!.foreignJurisdiction,
          subjectKey: `custody:${t!.transferId}`,
          body: { transferId: t!.transferId, event },
        });
        await recordAudit(tx, auditActor(actor), {
          action: 'append',
          subjectType: CROSS_BORDER_CUSTODY,
          subjectId: t!.transferId,
          subjectCountry: t!.jurisdiction,
          fields: Object.keys(input),
          details: { kind: input.kind, position: event.position, hash: event.hash },
        });
        return { position: event.position, kind: event.kind, hash: event.hash, state: next };
      });
    },

    /**
     * Verifies the whole chain of a transfer: every hash and link from the first event on the
     * sending side to the last on the receiving side, and the sending node's signature over the
     * head where the chain crossed the border.
     */
    async verify(actor: Actor, id: string) {
      const t = await find(db, 'id = $1', [id]);
      authorize(actor, 'read', CROSS_BORDER_CUSTODY, subjectOf(t));
      const chain = await wholeChain(db, t!);
      const signer = t!.direction === 'outgoing' ? channel.nodeId : t!.foreignNode;
      const head = await verifyHead(db, t!.signedHead, signer);
      const crossing = chain[t!.headPosition - 1];
      const headOk = Boolean(
        head &&
        head.transfer === t!.transferId &&
        head.position === t!.headPosition &&
        head.hash === t!.headHash &&
        crossing?.hash === head.hash,
      );
      const last = chain.at(-1);
      const chainCheck: CustodyVerification = verifyCustodyChain(
        chain,
        last ? { position: last.position, hash: last.hash } : undefined,
      );
      await db.transaction((tx) =>
        recordAudit(tx, auditActor(actor), {
          action: 'verify',
          subjectType: CROSS_BORDER_CUSTODY,
          subjectId: t!.transferId,
          subjectCountry: t!.jurisdiction,
          details: { ok: chainCheck.ok && headOk },
        }),
      );
      return {
        ok: chainCheck.ok && headOk,
        checked: chainCheck.checked,
        headHash: chainCheck.headHash,
        ...(chainCheck.firstBroken ? { firstBroken: chainCheck.firstBroken } : {}),
        crossing: {
          position: t!.headPosition,
          hash: t!.headHash,
          signedBy: signer,
          signatureValid: headOk,
        },
        events: chain.map((e) => ({
          position: e.position,
          kind: e.kind,
          state: e.stateAfter,
          occurredAt: e.occurredAt,
          side:
            e.position <= t!.headPosition === (t!.direction === 'outgoing')
              ? t!.jurisdiction
              : t!.foreignJurisdiction,
        })),
      };
    },
  };
}

/** The repatriation flows. */
export type Repatriation = ReturnType<typeof createRepatriation>;
