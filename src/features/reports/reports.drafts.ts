// Drafts of reports written in steps: saved between steps, one per account (a family on the portal,
// a caseworker's intake in progress on the staff console).
import type { Database } from '../../platform/db/index.js';
import type { Actor } from '../../platform/authz/index.js';
import { AppError } from '../../platform/errors.js';

/** The answers given so far, by form field. */
export type DraftData = Record<string, string>;

/** Roles that keep a draft of their own (nobody reads another account's draft). */
const DRAFTING_ROLES = ['family', 'caseworker'];

/** Saving, reading and discarding the actor's own draft (families and caseworkers; nobody else reads it). */
export function createReportDrafts(db: Database) {
  function own(actor: Actor) {
    if (!DRAFTING_ROLES.includes(actor.role)) {
      throw new AppError('FORBIDDEN', 'Only families and caseworkers keep report drafts');
    }
    return actor.id;
  }
  return {
    /** The actor's draft (empty when none). */
    async get(actor: Actor): Promise<DraftData> {
      const rows = await db.query<{ data: DraftData }>(
        'SELECT data FROM report_drafts WHERE user_id = $1',
        [own(actor)],
      );
      return rows[0]?.data ?? {};
    },

    /** Merges a step's answers into the draft. */
    async save(actor: Actor, answers: DraftData): Promise<DraftData> {
      const rows = await db.query<{ data: DraftData }>(
        `INSERT INTO report_drafts (user_id, data) VALUES ($1, $2::jsonb)
         ON CONFLICT (user_id) DO UPDATE SET data = report_drafts.data || $2::jsonb, updated_at = now()
         RETURNING data`,
        [own(actor), JSON.stringify(answers)],
      );
      return rows[0]!.data;
    },

    /** Discards the draft (after filing, or when the family starts again). */
    async discard(actor: Actor): Promise<void> {
      await db.query('DELETE FROM report_drafts WHERE user_id = $1', [own(actor)]);
    },
  };
}

/** The drafts service. */
export type ReportDrafts = ReturnType<typeof createReportDrafts>;
