// Repatriation across borders (ADR 0083). Where the remains are, a forensic practitioner records
// the 'repatriated' custody event on a confirmed cross-border candidate; the node signs the head
// of the chain (a JWS by its node key) and sends the whole chain, encrypted, to the family's
// jurisdiction. The receiving node checks every hash and the signed head, then appends its own
// events after that head (same hashed form, same state machine) and forwards each one back, so
// the whole chain verifies on either side.
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../platform/db/index.js';
import { authorize, authorizeType, type Actor } from '../../platform/authz/index.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import {
  allowedCustodyEvents,
  chainCustodyEvent,
  findCustodyHead,
  listCustodyEvents,
  nextCustodyState,
  type AppendCustodyInput,
  type CustodyService,
  type CustodyState,
} from '../custody/index.js';
import { findRemains } from '../remains/index.js';
import type { Channel } from './federation.channel.js';
import type { NodeKeys } from './federation.keys.js';
import { CROSS_BORDER_CANDIDATE, CROSS_BORDER_CUSTODY } from './federation.policy.js';
import { findCrossCandidate } from './federation.candidates.repository.js';
import {
  findTransfer,
  findTransfers,
  sideOf,
  signHead,
  travelling,
  verifyCrossedChain,
  type TransferRow,
} from './federation.repatriation.chain.js';
import { crossedCertificate } from './federation.repatriation.certificate.js';
import { receiveCustodyTransfers } from './federation.repatriation.receive.js';

export { CUSTODY_HEAD_TYP } from './federation.repatriation.chain.js';

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

  receiveCustodyTransfers(channel);

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
        const signedHead = await signHead(channel.nodeId, key, {
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
        return present((await findTransfer(tx, 'id = $1', [rows[0]!.id]))!);
      });
    },

    /** Transfers of the actor's jurisdiction, newest first. */
    async list(actor: Actor) {
      authorizeType(actor, 'read', CROSS_BORDER_CUSTODY);
      const rows = await findTransfers(
        db,
        'jurisdiction = $1',
        [actor.country],
        'ORDER BY created_at DESC LIMIT 200',
      );
      return { items: rows.map(present) };
    },

    /** Appends an event after the received head (receiving side) and forwards it. */
    async append(actor: Actor, id: string, input: AppendCustodyInput) {
      return db.transaction(async (tx) => {
        await tx.query(`SELECT 1 FROM federation_custody_transfers WHERE id = $1 FOR UPDATE`, [id]);
        const t = await findTransfer(tx, 'id = $1', [id]);
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
      const t = await findTransfer(db, 'id = $1', [id]);
      authorize(actor, 'read', CROSS_BORDER_CUSTODY, subjectOf(t));
      const v = await verifyCrossedChain(db, channel.nodeId, t!);
      await db.transaction((tx) =>
        recordAudit(tx, auditActor(actor), {
          action: 'verify',
          subjectType: CROSS_BORDER_CUSTODY,
          subjectId: t!.transferId,
          subjectCountry: t!.jurisdiction,
          details: { ok: v.ok },
        }),
      );
      return {
        ok: v.ok,
        checked: v.check.checked,
        headHash: v.check.headHash,
        ...(v.check.firstBroken ? { firstBroken: v.check.firstBroken } : {}),
        crossing: {
          position: v.crossing.position,
          hash: v.crossing.hash,
          signedBy: v.crossing.signedBy,
          signatureValid: v.crossing.signatureValid,
        },
        events: v.chain.map((e) => ({
          position: e.position,
          kind: e.kind,
          state: e.stateAfter,
          occurredAt: e.occurredAt,
          side: sideOf(t!, e.position),
        })),
      };
    },

    /**
     * The custody certificate of a chain that crossed a border (PDF), on either side: the
     * sending jurisdiction's events as received and verified, with the node and key that signed
     * the head, then the receiving jurisdiction's, and the verification status. Audited.
     */
    async certificate(actor: Actor, id: string) {
      const t = await findTransfer(db, 'id = $1', [id]);
      authorize(actor, 'read', CROSS_BORDER_CUSTODY, subjectOf(t));
      const v = await verifyCrossedChain(db, channel.nodeId, t!);
      await db.transaction((tx) =>
        recordAudit(tx, auditActor(actor), {
          action: 'custody-certificate',
          subjectType: CROSS_BORDER_CUSTODY,
          subjectId: t!.transferId,
          subjectCountry: t!.jurisdiction,
          fields: ['code', 'custody'],
          details: { ok: v.ok, headHash: v.check.headHash, events: v.chain.length },
        }),
      );
      return {
        filename: `custody-certificate-${t!.remainsCode}-${t!.direction}.pdf`,
        pdf: await crossedCertificate(t!, v, channel.nodeId),
      };
    },
  };
}

/** The repatriation flows. */
export type Repatriation = ReturnType<typeof createRepatriation>;
