// SQL of the name index: the stored words of each report, word frequencies (for weights),
// the words of candidate reports (for ranking) and the start-up rebuild.
import type { Queryable } from '../../platform/db/index.js';
import { storedToken, type RecordToken } from '../../platform/names/index.js';
import type { StoredNameToken } from './reports.names.js';
import type { Report } from './reports.repository.js';

/** Replaces the stored name words of a report. */
export async function replaceNameTokens(
  q: Queryable,
  reportId: string,
  rows: StoredNameToken[],
): Promise<void> {
  await q.query(`DELETE FROM report_name_tokens WHERE report_id = $1`, [reportId]);
  if (rows.length === 0) {
    return;
  }
  const col = <K extends keyof StoredNameToken>(k: K) => rows.map((r) => r[k]);
  await q.query(
    `INSERT INTO report_name_tokens
       (report_id, kind, norm, skeleton, sound, raw, abjad, line, entry, pos, span)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
       $7::boolean[], $8::smallint[], $9::smallint[], $10::smallint[], $11::smallint[])`,
    [
      reportId,
      col('kind'),
      col('norm'),
      col('skel'),
      col('key'),
      col('raw'),
      col('abjad'),
      col('line'),
      col('entry'),
      col('pos'),
      col('span'),
    ],
  );
}

/**
 * How many reports hold each consonant skeleton (kept by triggers in name_skeleton_counts), and
 * about how many reports there are.
 */
export async function nameFrequencies(
  q: Queryable,
  skeletons: string[],
): Promise<{ records: number; holding: Map<string, number> }> {
  const rows = await q.query<{ skeleton: string | null; n: number }>(
    `SELECT skeleton, reports AS n FROM name_skeleton_counts WHERE skeleton = ANY($1::text[])
     UNION ALL
     SELECT NULL, CASE WHEN c.reltuples > 0 THEN c.reltuples::int
       ELSE (SELECT count(*)::int FROM reports) END
     FROM pg_class c WHERE c.oid = 'reports'::regclass`,
    [skeletons],
  );
  const holding = new Map<string, number>();
  let records = 0;
  for (const r of rows) {
    if (r.skeleton === null) {
      records = Number(r.n);
    } else {
      holding.set(r.skeleton, Number(r.n));
    }
  }
  return { records, holding };
}

/** The stored words (span 1) of some reports, keys derived again from the canonical forms. */
export async function loadNameTokens(
  q: Queryable,
  reportIds: string[],
): Promise<Map<string, RecordToken[]>> {
  const rows = await q.query<{
    reportId: string;
    line: number;
    entry: number;
    pos: number;
    kind: string;
    norm: string;
    raw: string;
    abjad: boolean;
  }>(
    `SELECT report_id AS "reportId", line, entry, pos, kind, norm, raw, abjad
     FROM report_name_tokens WHERE report_id = ANY($1::uuid[]) AND span = 1`,
    [reportIds],
  );
  const out = new Map<string, RecordToken[]>();
  for (const r of rows) {
    const t: RecordToken = {
      ...storedToken(r.norm, r.raw || r.norm, r.abjad),
      line: Number(r.line),
      entry: Number(r.entry),
      pos: Number(r.pos),
      kind: r.kind,
    };
    out.set(r.reportId, [...(out.get(r.reportId) ?? []), t]);
  }
  return out;
}

/** The normaliser version that built the name index (0 when never recorded). */
export async function nameIndexVersion(q: Queryable): Promise<number> {
  const rows = await q.query<{ version: number }>(
    `SELECT version FROM name_index_versions WHERE index_name = 'report_name_tokens'`,
  );
  return rows[0] ? Number(rows[0].version) : 0;
}

/** Records the normaliser version that built the name index. */
export async function setNameIndexVersion(q: Queryable, version: number): Promise<void> {
  await q.query(
    `INSERT INTO name_index_versions (index_name, version) VALUES ('report_name_tokens', $1)
     ON CONFLICT (index_name) DO UPDATE SET version = $1, rebuilt_at = now()`,
    [version],
  );
}

/** A page of reports' names in id order, for the rebuild. */
export async function reportNamesAfter(q: Queryable, afterId: string | null, limit: number) {
  return q.query<{ id: string; person: Pick<Report['person'], 'names'> }>(
    `SELECT id, person FROM reports WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
    [afterId, limit],
  );
}
