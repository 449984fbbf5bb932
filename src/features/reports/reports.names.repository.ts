// SQL of the name index: the stored words of each report, word frequencies (for weights),
// the words of candidate reports (for ranking) and the start-up rebuild.
import type { Queryable } from '../../platform/db/index.js';
import { storedToken, tokenWith, type RecordToken } from '../../platform/names/index.js';
import type { StoredNameToken } from './reports.names.js';
import type { Report } from './reports.repository.js';

/** The SQL columns of a stored name word after `report_id`, in table order. */
export const NAME_TOKEN_COLUMNS = 'kind, norm, skeleton, sound, raw, abjad, line, entry, pos, span';

const NAME_TOKEN_TYPES = [
  ...['text', 'text', 'text', 'text', 'text', 'boolean'],
  ...['smallint', 'smallint', 'smallint', 'smallint'],
];

/**
 * The ten column arrays of `nameTokenArrays` as typed parameters `$first` to `$first + 9`, for
 * an `unnest(…)` giving the columns of NAME_TOKEN_COLUMNS in order.
 */
export function nameTokenParams(first: number): string {
  return NAME_TOKEN_TYPES.map((t, i) => `$${first + i}::${t}[]`).join(', ');
}

/** The column arrays of stored name words, in the order of NAME_TOKEN_COLUMNS. */
export function nameTokenArrays(rows: readonly StoredNameToken[]): unknown[][] {
  const col = <K extends keyof StoredNameToken>(k: K) => rows.map((r) => r[k]);
  return [
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
  ];
}

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
  await q.query(
    `INSERT INTO report_name_tokens (report_id, ${NAME_TOKEN_COLUMNS})
     SELECT $1, * FROM unnest(${nameTokenParams(2)})`,
    [reportId, ...nameTokenArrays(rows)],
  );
}

/**
 * How many reports hold each consonant skeleton (kept by triggers in name_skeleton_counts), and
 * about how many reports there are. `trigramThreshold`: pg_trgm's similarity threshold is set
 * for the transaction in the same statement (the lookup's `%` that follows uses it).
 */
export async function nameFrequencies(
  q: Queryable,
  skeletons: string[],
  trigramThreshold?: number,
): Promise<{ records: number; holding: Map<string, number> }> {
  const setThreshold =
    trigramThreshold === undefined
      ? ''
      : `CROSS JOIN (SELECT set_config('pg_trgm.similarity_threshold', $2, true)) s`;
  const rows = await q.query<{ skeleton: string | null; n: number }>(
    `SELECT skeleton, reports AS n FROM name_skeleton_counts WHERE skeleton = ANY($1::text[])
     UNION ALL
     SELECT NULL, CASE WHEN c.reltuples > 0 THEN c.reltuples::int
       ELSE (SELECT count(*)::int FROM reports) END
     FROM pg_class c ${setThreshold} WHERE c.oid = 'reports'::regclass`,
    trigramThreshold === undefined ? [skeletons] : [skeletons, String(trigramThreshold)],
    { prepared: true },
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

/** One stored word (span 1) of a report as the candidate statement returns it (JSON array). */
export type StoredWordRow = [
  line: number,
  entry: number,
  pos: number,
  kind: string,
  norm: string,
  raw: string,
  abjad: boolean,
];

/**
 * SQL of a report's stored words (span 1) as a JSON array of `StoredWordRow`, for the report
 * whose id is `reportId` (a column of the outer statement): candidates come with their words,
 * so ranking needs no statement of its own to load them.
 */
export const storedWordsJson = (reportId: string) =>
  `(SELECT json_agg(json_build_array(t.line, t.entry, t.pos, t.kind, t.norm, t.raw, t.abjad))
     FROM report_name_tokens t WHERE t.report_id = ${reportId} AND t.span = 1)`;

/** The record tokens of stored words, keys derived again from the canonical forms. */
export function storedWords(rows: StoredWordRow[] | null): RecordToken[] {
  return (rows ?? []).map(([line, entry, pos, kind, norm, raw, abjad]) =>
    tokenWith(storedToken(norm, raw || norm, abjad), {
      line: Number(line),
      entry: Number(entry),
      pos: Number(pos),
      kind,
    }),
  );
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
