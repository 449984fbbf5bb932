// SQL of cross-border candidates: a local record beside a profile received from another
// jurisdiction, with its score and review state.
import type { Queryable } from '../../platform/db/index.js';
import type { PairScore } from '../matching/index.js';
import type { Side } from './federation.profiles.repository.js';

/** A cross-border candidate as stored. */
export interface CrossCandidateRow {
  id: string;
  jurisdiction: string;
  localSide: Side;
  localId: string;
  localRef: string;
  foreignNode: string;
  foreignJurisdiction: string;
  foreignRef: string;
  scoredHere: boolean;
  score: number;
  excluded: boolean;
  parts: PairScore['parts'];
  exclusions: PairScore['exclusions'];
  status: string;
  agreementRef: string;
  /** The review where the remains are (two forensic practitioners). */
  proposedBy: string | null;
  basis: string[] | null;
  identification: 'identified' | 'provisional' | null;
  confirmedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const CANDIDATE = `c.id, trim(c.jurisdiction) AS jurisdiction, c.local_side AS "localSide",
  c.local_id AS "localId", c.local_ref AS "localRef", c.foreign_node AS "foreignNode",
  trim(c.foreign_jurisdiction) AS "foreignJurisdiction", c.foreign_ref AS "foreignRef",
  c.scored_here AS "scoredHere", c.score, c.excluded, c.parts, c.exclusions, c.status,
  c.agreement_ref AS "agreementRef", c.proposed_by AS "proposedBy", c.basis,
  c.identification, c.confirmed_at AS "confirmedAt", c.created_at AS "createdAt",
  c.updated_at AS "updatedAt"`;

/** Writes a candidate (a rescoring keeps its review state; `scoredHere` only ever turns on). */
export async function upsertCandidate(
  q: Queryable,
  c: Omit<
    CrossCandidateRow,
    | 'id'
    | 'status'
    | 'createdAt'
    | 'updatedAt'
    | 'proposedBy'
    | 'basis'
    | 'identification'
    | 'confirmedAt'
  >,
): Promise<void> {
  await q.query(
    `INSERT INTO federation_candidates (jurisdiction, local_side, local_id, local_ref, foreign_node,
       foreign_jurisdiction, foreign_ref, scored_here, score, excluded, parts, exclusions, agreement_ref)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (local_side, local_id, foreign_node, foreign_ref) DO UPDATE SET
       score = EXCLUDED.score, excluded = EXCLUDED.excluded, parts = EXCLUDED.parts,
       exclusions = EXCLUDED.exclusions, agreement_ref = EXCLUDED.agreement_ref,
       scored_here = federation_candidates.scored_here OR EXCLUDED.scored_here, updated_at = now()`,
    [
      c.jurisdiction,
      c.localSide,
      c.localId,
      c.localRef,
      c.foreignNode,
      c.foreignJurisdiction,
      c.foreignRef,
      c.scoredHere,
      c.score,
      c.excluded,
      JSON.stringify(c.parts),
      JSON.stringify(c.exclusions),
      c.agreementRef,
    ],
  );
}

/** Unreviewed candidates scored here, by a condition on local or foreign record. */
export async function scoredCandidates(
  q: Queryable,
  by:
    | { localSide: Side; localId: string }
    | { foreignNode: string; foreignRef: string; jurisdiction: string },
): Promise<CrossCandidateRow[]> {
  const [where, params] =
    'localId' in by
      ? ['c.local_side = $1 AND c.local_id = $2', [by.localSide, by.localId]]
      : [
          'c.foreign_node = $1 AND c.foreign_ref = $2 AND c.jurisdiction = $3',
          [by.foreignNode, by.foreignRef, by.jurisdiction],
        ];
  return q.query<CrossCandidateRow>(
    `SELECT ${CANDIDATE} FROM federation_candidates c
     WHERE ${where} AND c.scored_here AND c.status = 'candidate'`,
    params,
  );
}

/** Unreviewed candidates scored here for any of `refs` of one origin node, held by `holder`. */
export async function scoredForForeign(
  q: Queryable,
  foreignNode: string,
  holder: string,
  refs: string[],
): Promise<CrossCandidateRow[]> {
  return q.query<CrossCandidateRow>(
    `SELECT ${CANDIDATE} FROM federation_candidates c
     WHERE c.foreign_node = $1 AND c.jurisdiction = $2 AND c.foreign_ref = ANY($3::text[])
       AND c.scored_here AND c.status = 'candidate'`,
    [foreignNode, holder, refs],
  );
}

/** Deletes candidates by id. */
export async function deleteCandidates(q: Queryable, ids: string[]): Promise<void> {
  if (ids.length > 0) {
    await q.query(`DELETE FROM federation_candidates WHERE id = ANY($1::uuid[])`, [ids]);
  }
}

/** Deletes every candidate of a local record (its profile was withdrawn); a confirmed one stays. */
export async function deleteLocalCandidates(
  q: Queryable,
  side: Side,
  localId: string,
): Promise<number> {
  const rows = await q.query(
    `DELETE FROM federation_candidates WHERE local_side = $1 AND local_id = $2
       AND status <> 'confirmed' RETURNING id`,
    [side, localId],
  );
  return rows.length;
}

/** Deletes an unreviewed candidate the other side withdrew. */
export async function deleteNotified(
  q: Queryable,
  localRef: string,
  foreignNode: string,
  foreignRef: string,
): Promise<void> {
  await q.query(
    `DELETE FROM federation_candidates WHERE local_ref = $1 AND foreign_node = $2
       AND foreign_ref = $3 AND status = 'candidate' AND NOT scored_here`,
    [localRef, foreignNode, foreignRef],
  );
}

/** Candidates visible under a SQL condition (from CASL), best first. */
export async function listCrossCandidates(
  q: Queryable,
  where: { sql: string; params: unknown[] },
  filter: { localId?: string; limit: number; offset: number },
): Promise<{ rows: CrossCandidateRow[]; total: number }> {
  const params = [...where.params];
  const p = (v: unknown) => `$${params.push(v)}`;
  const extra = filter.localId ? ` AND c.local_id = ${p(filter.localId)}` : '';
  const [count] = await q.query<{ n: string }>(
    `SELECT count(*) AS n FROM federation_candidates c WHERE (${where.sql})${extra}`,
    params,
  );
  const rows = await q.query<CrossCandidateRow>(
    `SELECT ${CANDIDATE} FROM federation_candidates c WHERE (${where.sql})${extra}
     ORDER BY c.score DESC, c.id LIMIT ${p(filter.limit)} OFFSET ${p(filter.offset)}`,
    params,
  );
  return {
    rows: rows.map((r) => ({ ...r, score: Number(r.score) })),
    total: Number(count?.n ?? 0),
  };
}

/** One candidate by id. */
export async function findCrossCandidate(
  q: Queryable,
  id: string,
): Promise<CrossCandidateRow | undefined> {
  const rows = await q.query<CrossCandidateRow>(
    `SELECT ${CANDIDATE} FROM federation_candidates c WHERE c.id = $1`,
    [id],
  );
  return rows[0] ? { ...rows[0], score: Number(rows[0].score) } : undefined;
}
