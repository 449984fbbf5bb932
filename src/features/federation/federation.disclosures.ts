// Disclosure across borders (ADR 0082). A forensic practitioner or contact point asks for the
// record behind a cross-border candidate (purpose, justification); the holding jurisdiction's
// authorised user (caseworker for a report, forensic practitioner for remains) approves or
// refuses; an approved record travels JWE-encrypted, is kept sealed under the node secret and is
// readable only by the requesting role of the requesting jurisdiction until its retention ends.
// Every step is audited on both sides.
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../platform/db/index.js';
import { asSubject, authorize, type Actor } from '../../platform/authz/index.js';
import { SecretBox } from '../../platform/crypto/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import type { Channel } from './federation.channel.js';
import { MessageRejected } from './federation.envelope.js';
import { CROSS_BORDER_CANDIDATE, FEDERATION_DISCLOSURE } from './federation.policy.js';
import { findSubject } from './federation.profiles.repository.js';
import { findCrossCandidate } from './federation.candidates.repository.js';
import {
  COLUMNS,
  present,
  recordOf,
  subjectOf,
  type DisclosureRow,
} from './federation.disclosures.records.js';

/** Days an approved record stays readable at the requesting side, unless the node sets its own. */
export const DISCLOSURE_RETENTION_DAYS = 90;

/** The disclosure flows of a node. */
export function createDisclosures(
  db: Database,
  channel: Channel,
  secret: string,
  options: { retentionDays?: number } = {},
) {
  const retentionDays = options.retentionDays ?? DISCLOSURE_RETENTION_DAYS;
  const box = new SecretBox(secret, 'federation-disclosures');
  const nodeOf = (peer: 'self' | { nodeId: string }) =>
    peer === 'self' ? channel.nodeId : peer.nodeId;

  async function find(q: Queryable, where: string, params: unknown[]) {
    return (
      await q.query<DisclosureRow>(
        `SELECT ${COLUMNS} FROM federation_disclosures WHERE ${where}`,
        params,
      )
    )[0];
  }

  const audit = (
    actor: Actor | null,
    action: string,
    d: { id: string; jurisdiction: string },
    details: object,
  ) => ({
    actor: actor
      ? { id: actor.id, role: actor.role, country: actor.country, requestId: actor.requestId }
      : null,
    entry: {
      action,
      subjectType: FEDERATION_DISCLOSURE,
      subjectId: d.id,
      subjectCountry: d.jurisdiction,
      purpose: 'identification',
      details: details as Record<string, unknown>,
    },
  });

  channel.on('disclosure.request', async (tx, msg) => {
    const b = msg.body as Record<string, unknown>;
    const subject = typeof b?.ref === 'string' ? await findSubject(tx, b.ref) : undefined;
    if (!subject || subject.jurisdiction !== msg.claims.to || typeof b.exchangeId !== 'string') {
      throw new MessageRejected('MALFORMED', 'The request names no record of this jurisdiction');
    }
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO federation_disclosures (exchange_id, direction, jurisdiction, local_side, local_id,
         local_ref, foreign_node, foreign_jurisdiction, foreign_ref, requester_role, purpose, justification)
       VALUES ($1, 'incoming', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        b.exchangeId,
        subject.jurisdiction,
        subject.side,
        subject.localId,
        b.ref,
        nodeOf(msg.peer),
        msg.claims.frm,
        String(b.counterpartRef),
        String(b.requesterRole),
        String(b.purpose),
        String(b.justification),
      ],
    );
    const a = audit(
      null,
      'disclosure_requested',
      { id: rows[0]!.id, jurisdiction: subject.jurisdiction },
      {
        from: msg.claims.frm,
        agreement: msg.agreement.ref,
      },
    );
    await recordAudit(tx, a.actor, a.entry);
  });

  channel.on('disclosure.decision', async (tx, msg) => {
    const b = msg.body as {
      exchangeId?: string;
      approved?: boolean;
      reason?: string;
      record?: unknown;
    };
    const d =
      typeof b?.exchangeId === 'string'
        ? await find(tx, `exchange_id = $1 AND direction = 'outgoing' AND jurisdiction = $2`, [
            b.exchangeId,
            msg.claims.to,
          ])
        : undefined;
    if (!d || d.foreignJurisdiction !== msg.claims.frm || d.status !== 'requested') {
      throw new MessageRejected('MALFORMED', 'The decision answers no open request');
    }
    const sealed = b.approved ? box.seal(JSON.stringify(b.record ?? null)) : null;
    await tx.query(
      `UPDATE federation_disclosures SET status = $2, decided_at = now(), decision_reason = $3,
         record_sealed = $4, expires_at = CASE WHEN $4::text IS NULL THEN NULL
           ELSE now() + make_interval(days => $5) END
       WHERE id = $1`,
      [d.id, b.approved ? 'approved' : 'refused', b.reason ?? null, sealed, retentionDays],
    );
    const a = audit(null, b.approved ? 'disclosure_received' : 'disclosure_refused', d, {
      from: msg.claims.frm,
      agreement: msg.agreement.ref,
    });
    await recordAudit(tx, a.actor, a.entry);
  });

  /** Erases the sealed records of received disclosures and audits each erasure once. */
  async function eraseReceived(
    tx: Queryable,
    ids: string[],
    now: Date,
    reason: 'expired' | 'retention',
  ): Promise<number> {
    const rows = await tx.query<{ id: string; jurisdiction: string }>(
      `UPDATE federation_disclosures SET record_sealed = NULL, purged_at = $2
       WHERE id = ANY($1::uuid[]) AND direction = 'outgoing' AND record_sealed IS NOT NULL
       RETURNING id, trim(jurisdiction) AS jurisdiction`,
      [ids, now],
    );
    for (const d of rows) {
      const a = audit(null, 'purge', d, { reason, retentionDays });
      await recordAudit(tx, a.actor, { ...a.entry, fields: ['record'] });
    }
    return rows.length;
  }

  return {
    /**
     * Purges the records other states disclosed once their retention ended (`now` for tests):
     * the sealed record is erased, the request and its audit trail stay. Returns how many.
     */
    async purgeExpired(now = new Date()): Promise<number> {
      return db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string }>(
          `SELECT id FROM federation_disclosures
           WHERE direction = 'outgoing' AND record_sealed IS NOT NULL AND expires_at <= $1`,
          [now],
        );
        return eraseReceived(
          tx,
          rows.map((r) => r.id),
          now,
          'expired',
        );
      });
    },

    /**
     * Erases records other states disclosed, in the caller's transaction (the retention job's,
     * ADR 0142): the sealed record goes, the request and its audit trail stay. Returns how many.
     */
    eraseReceived(tx: Queryable, ids: string[], now = new Date()): Promise<number> {
      return eraseReceived(tx, ids, now, 'retention');
    },

    /** Asks the other side of a cross-border candidate for its record. */
    async request(
      actor: Actor,
      candidateId: string,
      input: { purpose: string; justification: string },
    ) {
      return db.transaction(async (tx) => {
        const c = await findCrossCandidate(tx, candidateId);
        authorize(
          actor,
          'read',
          CROSS_BORDER_CANDIDATE,
          c ? { ...c, country: c.jurisdiction } : undefined,
        );
        const exchangeId = randomUUID();
        const rows = await tx.query<{ id: string }>(
          `INSERT INTO federation_disclosures (exchange_id, direction, jurisdiction, local_side, local_id,
             local_ref, foreign_node, foreign_jurisdiction, foreign_ref, requester_role, requested_by,
             purpose, justification)
           VALUES ($1, 'outgoing', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
          [
            exchangeId,
            c!.jurisdiction,
            c!.localSide,
            c!.localId,
            c!.localRef,
            c!.foreignNode,
            c!.foreignJurisdiction,
            c!.foreignRef,
            actor.role,
            actor.id,
            input.purpose,
            input.justification,
          ],
        );
        await channel.send(tx, {
          kind: 'disclosure.request',
          from: c!.jurisdiction,
          to: c!.foreignJurisdiction,
          subjectKey: `disclosure:${exchangeId}`,
          body: {
            exchangeId,
            ref: c!.foreignRef,
            counterpartRef: c!.localRef,
            requesterRole: actor.role,
            purpose: input.purpose,
            justification: input.justification,
          },
        });
        const d = (await find(tx, 'id = $1', [rows[0]!.id]))!;
        const a = audit(actor, 'disclosure_request', d, { to: d.foreignJurisdiction });
        await recordAudit(tx, a.actor, a.entry);
        return present(d);
      });
    },

    /** Disclosures of the actor's jurisdiction the actor's role is entitled to (no records). */
    async list(actor: Actor) {
      const rows = await db.query<DisclosureRow>(
        `SELECT ${COLUMNS} FROM federation_disclosures WHERE jurisdiction = $1 ORDER BY created_at DESC LIMIT 200`,
        [actor.country],
      );
      const visible = rows.filter((d) =>
        actor.ability.can('read', asSubject(FEDERATION_DISCLOSURE, subjectOf(d))),
      );
      return { items: visible.map((d) => present(d)) };
    },

    /** The holder approves (sending the record encrypted) or refuses a request. */
    async decide(
      actor: Actor,
      id: string,
      input: { decision: 'approve' | 'refuse'; reason: string },
    ) {
      return db.transaction(async (tx) => {
        const d = await find(tx, `id = $1 AND direction = 'incoming'`, [id]);
        const s = d ? subjectOf(d) : undefined;
        authorize(actor, 'read', FEDERATION_DISCLOSURE, s);
        if (!actor.ability.can('decide', asSubject(FEDERATION_DISCLOSURE, s!))) {
          throw notFound(FEDERATION_DISCLOSURE);
        }
        if (d!.status !== 'requested') {
          throw new AppError('INVALID_TRANSITION', `This request is already ${d!.status}`);
        }
        const approved = input.decision === 'approve';
        const record = approved ? await recordOf(tx, d!.localSide, d!.localId) : undefined;
        await tx.query(
          `UPDATE federation_disclosures SET status = $2, decided_by = $3, decided_at = now(),
             decision_reason = $4 WHERE id = $1`,
          [id, approved ? 'approved' : 'refused', actor.id, input.reason],
        );
        await channel.send(tx, {
          kind: 'disclosure.decision',
          from: d!.jurisdiction,
          to: d!.foreignJurisdiction,
          subjectKey: `disclosure:${d!.exchangeId}`,
          body: {
            exchangeId: d!.exchangeId,
            approved,
            reason: input.reason,
            ...(record ? { record } : {}),
          },
        });
        const a = audit(actor, approved ? 'disclose' : 'disclosure_refuse', d!, {
          to: d!.foreignJurisdiction,
        });
        await recordAudit(tx, a.actor, a.entry);
        return present((await find(tx, 'id = $1', [id]))!);
      });
    },

    /** One disclosure; an approved outgoing one shows the record to the requesting role until it expires. */
    async get(actor: Actor, id: string) {
      const d = await find(db, 'id = $1', [id]);
      authorize(actor, 'read', FEDERATION_DISCLOSURE, d ? subjectOf(d) : undefined);
      const readable =
        d!.direction === 'outgoing' && d!.recordSealed && d!.expiresAt && d!.expiresAt > new Date();
      if (!readable) {
        return present(d!);
      }
      const record = JSON.parse(box.open(d!.recordSealed!)) as unknown;
      await db.transaction(async (tx) => {
        const a = audit(actor, 'read', d!, { disclosed: true });
        await recordAudit(tx, a.actor, { ...a.entry, fields: ['record'] });
      });
      return present(d!, record);
    },
  };
}
