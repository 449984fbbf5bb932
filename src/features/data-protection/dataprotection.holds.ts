// Legal holds (ADR 0142): a hold keeps one report or remains record, and its files, past its
// retention period until it is lifted (court proceedings, an open investigation). Placing and
// lifting are audited; lifted holds stay as history.
import type { Database, Queryable } from '../../platform/db/index.js';
import {
  accessibleWhere,
  authorize,
  authorizeType,
  type Actor,
} from '../../platform/authz/index.js';
import { notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { findRemains } from '../remains/index.js';
import { findReport } from '../reports/index.js';
import { LEGAL_HOLD } from './dataprotection.policy.js';

/** A legal hold as stored and shown. */
export interface LegalHold {
  id: string;
  subjectType: 'report' | 'remains';
  subjectId: string;
  country: string;
  reason: string;
  placedBy: string;
  placedAt: Date;
  liftedBy: string | null;
  liftedAt: Date | null;
  liftReason: string | null;
}

const COLUMNS = `id, subject_type AS "subjectType", subject_id AS "subjectId", trim(country) AS country,
  reason, placed_by AS "placedBy", placed_at AS "placedAt", lifted_by AS "liftedBy",
  lifted_at AS "liftedAt", lift_reason AS "liftReason"`;

async function subjectCountry(
  q: Queryable,
  type: 'report' | 'remains',
  id: string,
): Promise<string | undefined> {
  const record = type === 'report' ? await findReport(q, id) : await findRemains(q, id);
  return record?.country.trim();
}

/** Legal holds: place, lift, list. */
export function createLegalHolds(db: Database) {
  return {
    /** Places a hold on a record of the actor's country (404 for a record out of reach). */
    async place(
      actor: Actor,
      input: { subjectType: 'report' | 'remains'; subjectId: string; reason: string },
    ): Promise<LegalHold> {
      return db.transaction(async (t) => {
        const country = await subjectCountry(t, input.subjectType, input.subjectId);
        // Another jurisdiction's record answers like a missing one.
        if (!country || country !== actor.country) {
          throw notFound(input.subjectType === 'report' ? 'Report' : 'Remains');
        }
        authorizeType(actor, 'place', LEGAL_HOLD, { country, subjectType: input.subjectType });
        const [hold] = await t.query<LegalHold>(
          `INSERT INTO legal_holds (subject_type, subject_id, country, reason, placed_by)
           VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
          [input.subjectType, input.subjectId, country, input.reason, actor.id],
        );
        await recordAudit(t, actor, {
          action: 'placeLegalHold',
          subjectType: input.subjectType === 'report' ? 'Report' : 'Remains',
          subjectId: input.subjectId,
          subjectCountry: country,
          details: { holdId: hold!.id },
        });
        return hold!;
      });
    },

    /** Lifts an active hold, with a reason. */
    async lift(actor: Actor, id: string, reason: string): Promise<LegalHold> {
      return db.transaction(async (t) => {
        const [found] = await t.query<LegalHold>(
          `SELECT ${COLUMNS} FROM legal_holds WHERE id = $1 FOR UPDATE`,
          [id],
        );
        const hold = authorize(actor, 'lift', LEGAL_HOLD, found);
        if (hold.liftedAt) {
          return hold;
        }
        const [lifted] = await t.query<LegalHold>(
          `UPDATE legal_holds SET lifted_by = $2, lifted_at = now(), lift_reason = $3
           WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, actor.id, reason],
        );
        await recordAudit(t, actor, {
          action: 'liftLegalHold',
          subjectType: hold.subjectType === 'report' ? 'Report' : 'Remains',
          subjectId: hold.subjectId,
          subjectCountry: hold.country,
          details: { holdId: hold.id },
        });
        return lifted!;
      });
    },

    /** Holds the actor may read (active first, newest first). */
    async list(actor: Actor, page: { limit: number; offset: number; active?: boolean }) {
      authorizeType(actor, 'read', LEGAL_HOLD);
      const access = accessibleWhere(actor.ability, 'read', LEGAL_HOLD, {
        country: 'country',
        subjectType: 'subject_type',
      });
      const active = page.active ? ' AND lifted_at IS NULL' : '';
      const n = access.params.length;
      const items = await db.query<LegalHold>(
        `SELECT ${COLUMNS} FROM legal_holds WHERE ${access.sql}${active}
         ORDER BY (lifted_at IS NULL) DESC, placed_at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...access.params, page.limit, page.offset],
      );
      const [{ total }] = (await db.query<{ total: number }>(
        `SELECT count(*)::int AS total FROM legal_holds WHERE ${access.sql}${active}`,
        access.params,
      )) as [{ total: number }];
      return { items: items.map(presentHold), total, limit: page.limit, offset: page.offset };
    },
  };
}

/** A hold as the API shows it. */
export function presentHold(h: LegalHold) {
  return {
    id: h.id,
    subjectType: h.subjectType,
    subjectId: h.subjectId,
    country: h.country,
    reason: h.reason,
    placedBy: h.placedBy,
    placedAt: new Date(h.placedAt).toISOString(),
    active: h.liftedAt === null,
    liftedBy: h.liftedBy,
    liftedAt: h.liftedAt ? new Date(h.liftedAt).toISOString() : null,
    liftReason: h.liftReason,
  };
}

/** The legal holds' interface. */
export type LegalHolds = ReturnType<typeof createLegalHolds>;
