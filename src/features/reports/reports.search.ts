import type { Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';
import type { NameToken } from './reports.names.js';
import type { ReportFilter } from './reports.repository.js';

/** One search result: a report id with its name score (null when no name was searched). */
export interface SearchHit {
  id: string;
  score: number | null;
}

/**
 * Finds reports matching the filters and the access condition. With name tokens, each query
 * token scores its best-matching stored token (same consonant skeleton: 0.5, plus 0.5 × the
 * better of trigram similarity of the normal forms and edit similarity of the sound keys); the report's score is the mean over query tokens. Without a
 * name, children come first, then the most recently reported.
 */
export async function searchReports(
  q: Queryable,
  access: SqlCondition,
  f: ReportFilter,
  tokens: NameToken[],
  page: { limit: number; offset: number },
): Promise<{ hits: SearchHit[]; total: number }> {
  const params = [...access.params];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [access.sql];
  if (f.status) {
    where.push(`r.status = ${p(f.status)}`);
  }
  if (f.child !== undefined) {
    where.push(`r.priority = ${p(f.child)}`);
  }
  if (f.lastSeenFrom) {
    where.push(`r.last_seen_latest >= ${p(f.lastSeenFrom)}::date`);
  }
  if (f.lastSeenTo) {
    where.push(`r.last_seen_earliest <= ${p(f.lastSeenTo)}::date`);
  }
  if (f.lastSeenCountry) {
    where.push(`r.last_seen_country = ${p(f.lastSeenCountry)}`);
  }
  if (f.place) {
    where.push(`r.last_seen_place ILIKE ${p(`%${f.place.replace(/[\\%_]/g, '\\$&')}%`)}`);
  }
  if (f.route) {
    where.push(`lower(r.route) = lower(${p(f.route)})`);
  }
  if (f.sex) {
    where.push(`r.sex = ${p(f.sex)}`);
  }
  if (f.requireConsent) {
    where.push(`r.${f.requireConsent}`);
  }
  if (f.excludeId) {
    where.push(`r.id <> ${p(f.excludeId)}`);
  }
  const clause = where.join(' AND ');

  if (tokens.length === 0) {
    const [count] = await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reports r WHERE ${clause}`,
      params,
    );
    const rows = await q.query<{ id: string }>(
      `SELECT r.id FROM reports r WHERE ${clause}
       ORDER BY r.priority DESC, r.created_at DESC, r.id
       LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`,
      params,
    );
    return { hits: rows.map((r) => ({ id: r.id, score: null })), total: Number(count?.n ?? 0) };
  }

  const norms = p(tokens.map((t) => t.norm));
  const skels = p(tokens.map((t) => t.skeleton));
  const sounds = p(tokens.map((t) => t.sound));
  const scored = `
    WITH q AS (
      SELECT * FROM unnest(${norms}::text[], ${skels}::text[], ${sounds}::text[])
        WITH ORDINALITY AS q(norm, skel, sound, i)
    ), best AS (
      SELECT t.report_id, q.i,
        max((CASE WHEN t.skeleton = q.skel THEN 0.5 ELSE 0 END) + 0.5 * greatest(
          similarity(t.norm, q.norm),
          1 - levenshtein(t.sound, q.sound)::float8 / greatest(length(t.sound), length(q.sound), 1)
        )) AS s
      FROM report_name_tokens t
      JOIN q ON t.skeleton = q.skel OR t.sound = q.sound OR similarity(t.norm, q.norm) >= 0.4
      GROUP BY t.report_id, q.i
    ), scores AS (
      SELECT report_id, sum(s) / ${tokens.length} AS score FROM best GROUP BY report_id
    )
    SELECT r.id, s.score::float8 AS score, count(*) OVER ()::int AS total
    FROM reports r JOIN scores s ON s.report_id = r.id
    WHERE ${clause} AND s.score >= 0.3`;
  const rows = await q.query<{ id: string; score: number; total: number }>(
    `${scored} ORDER BY s.score DESC, r.priority DESC, r.created_at DESC, r.id
     LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`,
    params,
  );
  const total = rows[0] ? Number(rows[0].total) : 0;
  return { hits: rows.map((r) => ({ id: r.id, score: Number(r.score) })), total };
}
