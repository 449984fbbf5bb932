// SQL of the evidence a reviewer adds to a pair: laboratory and expert results, and overrides of
// hard exclusions. Both enter the pair's score at once.
import type { Queryable } from '../../platform/db/index.js';
import type { ExclusionRule, LabResult } from './matching.types.js';

/** A stored laboratory or expert result. */
export type StoredLabResult = LabResult & {
  id: string;
  laboratory: string;
  labReference: string | null;
  recordedBy: string;
  recordedAt: Date;
};

interface LabRow {
  id: string;
  reportId: string;
  remainsId: string;
  kind: 'dna' | 'fingerprint' | 'dental';
  method: 'direct' | 'kinship' | null;
  likelihoodRatio: number | null;
  referenceSample: string | null;
  outcome: 'match' | 'exclusion' | 'inconclusive' | null;
  laboratory: string;
  labReference: string | null;
  recordedBy: string;
  recordedAt: Date;
}

function toLab(r: LabRow): StoredLabResult {
  const common = {
    id: r.id,
    amId: r.reportId,
    pmId: r.remainsId,
    laboratory: r.laboratory,
    labReference: r.labReference,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt,
  };
  return r.kind === 'dna'
    ? {
        ...common,
        kind: 'dna',
        method: r.method!,
        likelihoodRatio: Number(r.likelihoodRatio),
        ...(r.referenceSample ? { referenceSample: r.referenceSample } : {}),
      }
    : { ...common, kind: r.kind, outcome: r.outcome! };
}

/** What recording a lab result writes. */
export interface LabInput {
  reportId: string;
  remainsId: string;
  kind: 'dna' | 'fingerprint' | 'dental';
  method?: 'direct' | 'kinship' | undefined;
  likelihoodRatio?: number | undefined;
  referenceSample?: string | undefined;
  outcome?: 'match' | 'exclusion' | 'inconclusive' | undefined;
  laboratory: string;
  labReference?: string | undefined;
}

/** Records a laboratory or expert result. */
export async function insertLabResult(q: Queryable, l: LabInput, by: string): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO lab_results (report_id, remains_id, kind, method, likelihood_ratio,
       reference_sample, outcome, laboratory, lab_reference, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      l.reportId,
      l.remainsId,
      l.kind,
      l.method ?? null,
      l.likelihoodRatio ?? null,
      l.referenceSample ?? null,
      l.outcome ?? null,
      l.laboratory,
      l.labReference ?? null,
      by,
    ],
  );
  return rows[0]!.id;
}

/** Lab results of every pair involving one report or one remains. */
export async function labResultsOf(
  q: Queryable,
  side: 'report' | 'remains',
  id: string,
): Promise<StoredLabResult[]> {
  const column = side === 'report' ? 'report_id' : 'remains_id';
  const rows = await q.query<LabRow>(
    `SELECT id, report_id AS "reportId", remains_id AS "remainsId", kind, method,
       likelihood_ratio AS "likelihoodRatio", reference_sample AS "referenceSample", outcome,
       laboratory, lab_reference AS "labReference", recorded_by AS "recordedBy",
       recorded_at AS "recordedAt"
     FROM lab_results WHERE ${column} = $1 ORDER BY recorded_at, id`,
    [id],
  );
  return rows.map(toLab);
}

/** A stored exclusion override. */
export interface OverrideRow {
  id: string;
  reportId: string;
  remainsId: string;
  rule: ExclusionRule;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

/** Records (or re-records with a new reason) the override of one rule for one pair. */
export async function upsertOverride(
  q: Queryable,
  o: { reportId: string; remainsId: string; rule: ExclusionRule; reason: string },
  by: string,
): Promise<void> {
  await q.query(
    `INSERT INTO exclusion_overrides (report_id, remains_id, rule, reason, created_by)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (report_id, remains_id, rule) DO UPDATE SET reason = EXCLUDED.reason,
       created_by = EXCLUDED.created_by, created_at = now()`,
    [o.reportId, o.remainsId, o.rule, o.reason, by],
  );
}

/** Overrides of every pair involving one report or one remains. */
export async function overridesOf(
  q: Queryable,
  side: 'report' | 'remains',
  id: string,
): Promise<OverrideRow[]> {
  const column = side === 'report' ? 'report_id' : 'remains_id';
  return q.query<OverrideRow>(
    `SELECT id, report_id AS "reportId", remains_id AS "remainsId", rule, reason,
       created_by AS "createdBy", created_at AS "createdAt"
     FROM exclusion_overrides WHERE ${column} = $1 ORDER BY created_at, id`,
    [id],
  );
}

/** Lab results and overrides of every pair involving any of these reports (two statements). */
export async function evidenceOfReports(
  q: Queryable,
  reportIds: readonly string[],
): Promise<{ labs: StoredLabResult[]; overrides: OverrideRow[] }> {
  if (reportIds.length === 0) {
    return { labs: [], overrides: [] };
  }
  const labs = await q.query<LabRow>(
    `SELECT id, report_id AS "reportId", remains_id AS "remainsId", kind, method,
       likelihood_ratio AS "likelihoodRatio", reference_sample AS "referenceSample", outcome,
       laboratory, lab_reference AS "labReference", recorded_by AS "recordedBy",
       recorded_at AS "recordedAt"
     FROM lab_results WHERE report_id = ANY($1::uuid[]) ORDER BY recorded_at, id`,
    [reportIds],
  );
  const overrides = await q.query<OverrideRow>(
    `SELECT id, report_id AS "reportId", remains_id AS "remainsId", rule, reason,
       created_by AS "createdBy", created_at AS "createdAt"
     FROM exclusion_overrides WHERE report_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [reportIds],
  );
  return { labs: labs.map(toLab), overrides };
}
