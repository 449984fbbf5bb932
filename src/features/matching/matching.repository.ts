// The only SQL of the matching feature besides the job queue: candidate pairs, laboratory
// results, exclusion overrides, and the ids of the records one side is matched against.
import type { Queryable } from '../../platform/db/index.js';
import type { PairScore } from './matching.types.js';
import { permittedSql } from '../data-protection/purposes.js';

/** Review states of a candidate pair. */
export const CANDIDATE_STATUSES = ['candidate', 'under_review', 'excluded', 'confirmed'] as const;
/** A candidate pair's review state. */
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

/** A stored candidate pair. */
export interface CandidateRow {
  id: string;
  reportId: string;
  remainsId: string;
  country: string;
  score: number;
  excluded: boolean;
  parts: PairScore['parts'];
  exclusions: PairScore['exclusions'];
  status: CandidateStatus;
  reviewStartedBy: string | null;
  reviewStartedAt: Date | null;
  excludedBy: string | null;
  excludedAt: Date | null;
  exclusionReason: string | null;
  proposedBy: string | null;
  proposedAt: Date | null;
  basis: string[] | null;
  proposalNote: string | null;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  identification: 'identified' | 'provisional' | null;
  scoredAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `c.id, c.report_id AS "reportId", c.remains_id AS "remainsId",
  trim(c.country) AS country, c.score, c.excluded, c.parts, c.exclusions, c.status,
  c.review_started_by AS "reviewStartedBy", c.review_started_at AS "reviewStartedAt",
  c.excluded_by AS "excludedBy", c.excluded_at AS "excludedAt",
  c.exclusion_reason AS "exclusionReason", c.proposed_by AS "proposedBy",
  c.proposed_at AS "proposedAt", c.basis, c.proposal_note AS "proposalNote",
  c.confirmed_by AS "confirmedBy", c.confirmed_at AS "confirmedAt", c.identification,
  c.scored_at AS "scoredAt", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

const toRow = (r: CandidateRow): CandidateRow => ({ ...r, score: Number(r.score) });

/** One candidate by id (`lock` holds its row until the transaction ends). */
export async function findCandidate(
  q: Queryable,
  id: string,
  lock = false,
): Promise<CandidateRow | undefined> {
  const rows = await q.query<CandidateRow>(
    `SELECT ${COLUMNS} FROM match_candidates c WHERE c.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toRow(rows[0]) : undefined;
}

/** The candidate of a pair. */
export async function findPair(
  q: Queryable,
  reportId: string,
  remainsId: string,
): Promise<CandidateRow | undefined> {
  const rows = await q.query<CandidateRow>(
    `SELECT ${COLUMNS} FROM match_candidates c WHERE c.report_id = $1 AND c.remains_id = $2`,
    [reportId, remainsId],
  );
  return rows[0] ? toRow(rows[0]) : undefined;
}

/** Candidates of one report or one remains, best first (excluded pairs last). */
export async function listCandidates(
  q: Queryable,
  side: 'report' | 'remains',
  id: string,
  opts: { includeExcluded: boolean; limit: number; offset: number },
): Promise<{ rows: CandidateRow[]; total: number }> {
  const column = side === 'report' ? 'c.report_id' : 'c.remains_id';
  const where = `${column} = $1${opts.includeExcluded ? '' : ` AND NOT c.excluded AND c.status <> 'excluded'`}`;
  const [count] = await q.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM match_candidates c WHERE ${where}`,
    [id],
  );
  const rows = await q.query<CandidateRow>(
    `SELECT ${COLUMNS} FROM match_candidates c WHERE ${where}
     ORDER BY c.excluded, c.score DESC, c.id LIMIT $2 OFFSET $3`,
    [id, opts.limit, opts.offset],
  );
  return { rows: rows.map(toRow), total: Number(count?.n ?? 0) };
}

/** Writes the score of a pair (inserting the candidate or rescoring it; review state is kept). */
export async function upsertScore(q: Queryable, country: string, s: PairScore): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO match_candidates (report_id, remains_id, country, score, excluded, parts, exclusions)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (report_id, remains_id) DO UPDATE SET score = EXCLUDED.score,
       excluded = EXCLUDED.excluded, parts = EXCLUDED.parts, exclusions = EXCLUDED.exclusions,
       scored_at = now(), updated_at = now()
     RETURNING id`,
    [
      s.amId,
      s.pmId,
      country,
      s.score,
      s.excluded,
      JSON.stringify(s.parts),
      JSON.stringify(s.exclusions),
    ],
  );
  return rows[0]!.id;
}

/**
 * Removes unreviewed candidates of one record that are not in `keep` (they fell below the
 * threshold, or the report lost its consent). Pairs under review or decided stay.
 */
export async function pruneCandidates(
  q: Queryable,
  side: 'report' | 'remains',
  id: string,
  keep: string[],
): Promise<number> {
  const column = side === 'report' ? 'report_id' : 'remains_id';
  const other = side === 'report' ? 'remains_id' : 'report_id';
  const rows = await q.query<{ id: string }>(
    `DELETE FROM match_candidates WHERE ${column} = $1 AND status = 'candidate'
       AND NOT (${other} = ANY($2::uuid[])) RETURNING id`,
    [id, keep],
  );
  return rows.length;
}

/** Fields of a review step. */
export interface ReviewChange {
  status: CandidateStatus;
  by: string;
  reason?: string;
  basis?: string[];
  note?: string | null;
  identification?: 'identified' | 'provisional';
}

/** Moves a candidate along its review workflow, recording who and why. */
export async function setReview(q: Queryable, id: string, c: ReviewChange): Promise<void> {
  const params: unknown[] = [id, c.status, c.by];
  const p = (v: unknown) => `$${params.push(v)}`;
  const sets = {
    candidate: () => `proposed_by = NULL, proposed_at = NULL, basis = NULL, proposal_note = NULL`,
    under_review: () =>
      `review_started_by = COALESCE(review_started_by, $3::uuid),
       review_started_at = COALESCE(review_started_at, now())` +
      (c.basis
        ? `, proposed_by = $3::uuid, proposed_at = now(), basis = ${p(JSON.stringify(c.basis))}::jsonb,
           proposal_note = ${p(c.note ?? null)}::text`
        : ''),
    excluded: () =>
      `excluded_by = $3::uuid, excluded_at = now(), exclusion_reason = ${p(c.reason ?? null)}::text`,
    confirmed: () =>
      `confirmed_by = $3::uuid, confirmed_at = now(), identification = ${p(c.identification ?? null)}::text`,
  }[c.status]();
  await q.query(
    `UPDATE match_candidates SET status = $2::text, ${sets}, updated_at = now()
     WHERE id = $1 AND $3::uuid IS NOT NULL`,
    params,
  );
}

/**
 * Reports of a country a remains record is matched against: still searched for, with the
 * family's forensic-sharing consent flag set (each is then checked with assertConsent).
 */
export async function openReportIds(q: Queryable, country: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM reports r WHERE country = $1 AND ${permittedSql('forensicComparison')}
       AND status IN ('received', 'under_search', 'possible_match') ORDER BY id`,
    [country],
  );
  return rows.map((r) => r.id);
}

/** Principal remains of a country a report is matched against (parts come with them). */
export async function openRemainsIds(q: Queryable, country: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM remains WHERE country = $1 AND associated_with_id IS NULL
       AND status IN ('unidentified', 'provisionally_identified') ORDER BY id`,
    [country],
  );
  return rows.map((r) => r.id);
}

/** Parts and fragments re-associated with remains ("is a part of"). */
export async function partIds(q: Queryable, remainsId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM remains WHERE associated_with_id = $1 ORDER BY id`,
    [remainsId],
  );
  return rows.map((r) => r.id);
}

/**
 * Pairs of one record that are always rescored, whatever their score: those under review or
 * decided, and those with a laboratory result or an override (a reviewer is looking at them).
 */
export async function pinnedIds(
  q: Queryable,
  side: 'report' | 'remains',
  id: string,
): Promise<Set<string>> {
  const [column, other] =
    side === 'report' ? ['report_id', 'remains_id'] : ['remains_id', 'report_id'];
  const rows = await q.query<{ id: string }>(
    `SELECT ${other} AS id FROM match_candidates WHERE ${column} = $1 AND status <> 'candidate'
     UNION SELECT ${other} FROM lab_results WHERE ${column} = $1
     UNION SELECT ${other} FROM exclusion_overrides WHERE ${column} = $1`,
    [id],
  );
  return new Set(rows.map((r) => r.id));
}
