// Duplicate reports ("is the same person as"): reports a caseworker linked as one case
// (report_links, reports feature). An identification confirmed for one report is the
// identification of every linked report, and candidates of linked reports against the same
// remains are one candidate shown twice, not competitors.
import type { Queryable } from '../../platform/db/index.js';
import type { CandidateStatus } from './matching.repository.js';

/** Ids of every report linked to a report, directly or through other links (itself excluded). */
export async function linkedReportIds(q: Queryable, reportId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `WITH RECURSIVE linked(id) AS (
       SELECT $1::uuid
       UNION
       SELECT l.linked_report_id FROM report_links l JOIN linked ON l.report_id = linked.id
     )
     SELECT id FROM linked WHERE id <> $1::uuid ORDER BY id`,
    [reportId],
  );
  return rows.map((r) => r.id);
}

/** A candidate of a linked report (the same person) against the same remains. */
export interface SameCaseCandidate {
  candidateId: string;
  reportId: string;
  caseNumber: string;
  status: CandidateStatus;
  score: number;
}

/** Candidates of the reports linked to `reportId` against the same remains, best first. */
export async function sameCaseCandidates(
  q: Queryable,
  reportId: string,
  remainsId: string,
): Promise<SameCaseCandidate[]> {
  const linked = await linkedReportIds(q, reportId);
  if (linked.length === 0) {
    return [];
  }
  const rows = await q.query<SameCaseCandidate>(
    `SELECT c.id AS "candidateId", c.report_id AS "reportId", r.case_number AS "caseNumber",
       c.status, c.score
     FROM match_candidates c JOIN reports r ON r.id = c.report_id
     WHERE c.remains_id = $1 AND c.report_id = ANY($2::uuid[])
     ORDER BY c.score DESC, c.id`,
    [remainsId, linked],
  );
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

/**
 * `sameCaseCandidates` of several pairs in two statements: the linked reports of every report
 * (one recursive walk from all of them), then the candidates of those against the pairs' remains.
 * Keyed by `${reportId}:${remainsId}`.
 */
export async function sameCaseCandidatesOfPairs(
  q: Queryable,
  pairs: readonly { reportId: string; remainsId: string }[],
): Promise<Map<string, SameCaseCandidate[]>> {
  const out = new Map<string, SameCaseCandidate[]>();
  const roots = [...new Set(pairs.map((p) => p.reportId))];
  if (roots.length === 0) {
    return out;
  }
  const links = await q.query<{ root: string; id: string }>(
    `WITH RECURSIVE linked(root, id) AS (
       SELECT r, r FROM unnest($1::uuid[]) AS r
       UNION
       SELECT linked.root, l.linked_report_id FROM report_links l JOIN linked ON l.report_id = linked.id
     )
     SELECT root, id FROM linked WHERE id <> root`,
    [roots],
  );
  if (links.length === 0) {
    return out;
  }
  const linkedOf = new Map<string, string[]>();
  for (const l of links) {
    linkedOf.set(l.root, [...(linkedOf.get(l.root) ?? []), l.id]);
  }
  const remainsIds = [...new Set(pairs.map((p) => p.remainsId))];
  const rows = await q.query<SameCaseCandidate & { remainsId: string }>(
    `SELECT c.id AS "candidateId", c.report_id AS "reportId", r.case_number AS "caseNumber",
       c.status, c.score, c.remains_id AS "remainsId"
     FROM match_candidates c JOIN reports r ON r.id = c.report_id
     WHERE c.remains_id = ANY($1::uuid[]) AND c.report_id = ANY($2::uuid[])
     ORDER BY c.score DESC, c.id`,
    [remainsIds, [...new Set(links.map((l) => l.id))]],
  );
  for (const p of pairs) {
    const linked = new Set(linkedOf.get(p.reportId) ?? []);
    out.set(
      `${p.reportId}:${p.remainsId}`,
      rows
        .filter((r) => r.remainsId === p.remainsId && linked.has(r.reportId))
        .map(({ remainsId: _r, ...c }) => ({ ...c, score: Number(c.score) })),
    );
  }
  return out;
}

const WEIGHT: Record<CandidateStatus, number> = {
  confirmed: 3,
  under_review: 2,
  candidate: 1,
  excluded: 0,
};

/**
 * The candidate that stands for a group of same-case candidates: the confirmed one, else the
 * one under review, else the best score (then the smallest id, so every member agrees).
 */
export function primaryOf(
  group: { candidateId: string; status: CandidateStatus; score: number }[],
): string | undefined {
  return [...group].sort(
    (a, b) =>
      WEIGHT[b.status] - WEIGHT[a.status] ||
      b.score - a.score ||
      a.candidateId.localeCompare(b.candidateId),
  )[0]?.candidateId;
}
