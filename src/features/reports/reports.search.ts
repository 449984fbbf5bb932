// Finding reports: filters and access in SQL; by name, the reports holding near spellings of
// the query's words (never a scan of every report), ranked by aligning the query's words with
// each candidate's names (reports.search.names.ts, platform/names).
import type { Database, Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';
import type { NameMatch, WeightedToken } from '../../platform/names/index.js';
import { explainRanked, rankByName } from './reports.search.names.js';
import type { ReportFilter } from './reports.repository.js';
import { permittedSql } from '../data-protection/purposes.js';

/** A page of search results: the hits, how many there are in all, and how many were ranked. */
export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** True when more reports match than were counted: `total` is then a lower bound. */
  totalCapped?: boolean;
  /** Candidates aligned in full for this query (0 without a name): work done, for benchmarks. */
  scored: number;
  /** Vocabulary words compared with the query's words (0 without a name). */
  words: number;
}

/** One search result: a report id, its name score and why (null when no name was searched). */
export interface SearchHit {
  id: string;
  score: number | null;
  match?: NameMatch;
}

/** Which database runs the query: the trigram lookup is written differently on each. */
export interface SearchBackend {
  kind: Database['kind'];
}

export { MIN_NAME_SCORE } from './reports.search.names.js';

/**
 * Reports counted past the end of a page: a list's total is exact up to there and a lower
 * bound beyond (counting every report of a national node costs a scan of a million rows on
 * each page; bench:load, ADR 0127).
 */
export const COUNT_AHEAD = 1000;

function whereClause(access: SqlCondition, f: ReportFilter) {
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
  if (f.use) {
    where.push(permittedSql(f.use, 'r'));
  }
  if (f.excludeId) {
    where.push(`r.id <> ${p(f.excludeId)}`);
  }
  return { clause: where.join(' AND '), params, p };
}

/**
 * Finds reports matching the filters and the access condition. Without a name: children
 * first, then the most recently reported. With query lines (one per script or spelling of
 * the name searched): ranked by the best line's alignment score, then children first, then
 * the most recent, then id — a stable order for paging.
 */
export async function searchReports(
  q: Queryable,
  access: SqlCondition,
  f: ReportFilter,
  lines: WeightedToken[][],
  page: { limit: number; offset: number },
  backend: SearchBackend,
): Promise<SearchResult> {
  const { clause, params, p } = whereClause(access, f);
  const query = lines.filter((l) => l.length > 0);
  if (query.length === 0) {
    const cap = page.offset + page.limit + COUNT_AHEAD;
    const [count] = await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM reports r WHERE ${clause} LIMIT ${cap}) x`,
      params,
    );
    const rows = await q.query<{ id: string }>(
      `SELECT r.id FROM reports r WHERE ${clause}
       ORDER BY r.priority DESC, r.created_at DESC, r.id
       LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`,
      params,
    );
    return {
      hits: rows.map((r) => ({ id: r.id, score: null })),
      total: Number(count?.n ?? 0),
      totalCapped: Number(count?.n ?? 0) >= cap,
      scored: 0,
      words: 0,
    };
  }

  const { ranked, unaligned, scored, words } = await rankByName(
    q,
    query,
    { clause, params, p },
    page.offset + page.limit,
    backend.kind,
  );
  ranked.sort(
    (a, b) =>
      b.match.score - a.match.score ||
      Number(b.priority) - Number(a.priority) ||
      new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime() ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return {
    hits: ranked
      .slice(page.offset, page.offset + page.limit)
      .map((c) => ({ id: c.id, score: c.match.score, match: explainRanked(c) })),
    // Candidates not aligned could still reach the floor: counted, so paging goes on to them.
    total: ranked.length + unaligned,
    scored,
    words,
  };
}
