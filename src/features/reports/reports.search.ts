// Finding reports: filters and access in SQL; by name, candidates from indexed keys (sound
// key, consonant skeleton, trigrams of the canonical word; never a scan of every report),
// then ranked by aligning the query's words with each candidate's names (platform/names).
import type { Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';
import {
  alignNames,
  joinTokens,
  rarityWeight,
  type NameMatch,
  type WeightedToken,
} from '../../platform/names/index.js';
import { loadNameTokens, nameFrequencies } from './reports.names.repository.js';
import type { ReportFilter } from './reports.repository.js';
import { permittedSql } from '../data-protection/purposes.js';

/** One search result: a report id, its name score and why (null when no name was searched). */
export interface SearchHit {
  id: string;
  score: number | null;
  match?: NameMatch;
}

/** Below this score a report is not returned for a name search. */
export const MIN_NAME_SCORE = 0.3;
/** Candidates ranked in full per query, beyond the page asked for. */
const CANDIDATES = 150;
/** Words held by fewer reports than this are also looked up by trigrams. */
const FUZZY_LOOKUP_BELOW = 200;

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
): Promise<{ hits: SearchHit[]; total: number }> {
  const { clause, params, p } = whereClause(access, f);
  const query = lines.filter((l) => l.length > 0);
  if (query.length === 0) {
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

  // Weights: how rare each word is in this node's own names.
  const stats = await nameFrequencies(q, [...new Set(query.flat().map((t) => t.skel))]);
  const weighted = query.map((l) =>
    l.map((t) => ({ ...t, weight: rarityWeight(stats.holding.get(t.skel) ?? 0, stats.records) })),
  );
  // Lookup units: each word, and each adjacent pair written joined.
  const units = weighted.flatMap((l) => [
    ...l,
    ...l.slice(1).map((t, i) => ({ ...joinTokens(l[i]!, t), weight: l[i]!.weight + t.weight })),
  ]);
  const u = (k: 'norm' | 'key' | 'skel') => p(units.map((x) => x[k]));
  const norms = u('norm');
  const keys = u('key');
  const skels = u('skel');
  const weights = p(units.map((x) => x.weight));
  // Trigram lookups (near spellings) only for words rarer than this; common words are found by key.
  // similarity() >= 0.3 rather than the `%` operator: on PGlite a `%` join leaves the engine hung.
  const fuzzy = p(units.map((x) => (stats.holding.get(x.skel) ?? 0) < FUZZY_LOOKUP_BELOW));
  const limit = p(Math.max(CANDIDATES, page.offset + page.limit + 50));
  const candidates = await q.query<{ id: string; priority: boolean; createdAt: Date }>(
    `WITH q AS (
       SELECT * FROM unnest(${norms}::text[], ${keys}::text[], ${skels}::text[], ${weights}::float8[],
         ${fuzzy}::boolean[]) WITH ORDINALITY AS q(norm, key, skel, w, fuzzy, i)
     ), m AS (
       SELECT t.report_id, q.i, q.w AS s FROM q JOIN report_name_tokens t ON t.sound = q.key
       UNION ALL
       SELECT t.report_id, q.i, 0.8 * q.w FROM q JOIN report_name_tokens t ON t.skeleton = q.skel
       UNION ALL
       SELECT t.report_id, q.i, q.w * similarity(t.norm, q.norm)
       FROM q JOIN report_name_tokens t ON q.fuzzy AND similarity(t.norm, q.norm) >= 0.3
     ), best AS (
       SELECT report_id, i, max(s) AS s FROM m GROUP BY report_id, i
     ), rough AS (
       SELECT report_id, sum(s) AS s FROM best GROUP BY report_id
     )
     SELECT r.id, r.priority, r.created_at AS "createdAt"
     FROM rough JOIN reports r ON r.id = rough.report_id
     WHERE ${clause}
     ORDER BY rough.s DESC, r.id LIMIT ${limit}`,
    params,
  );
  if (candidates.length === 0) {
    return { hits: [], total: 0 };
  }
  const names = await loadNameTokens(
    q,
    candidates.map((c) => c.id),
  );
  const ranked = candidates
    .map((c) => {
      const words = names.get(c.id) ?? [];
      let best: NameMatch | undefined;
      for (const line of weighted) {
        const m = alignNames(line, words);
        if (!best || m.score > best.score) {
          best = m;
        }
      }
      return { ...c, match: best! };
    })
    .filter((c) => c.match.score >= MIN_NAME_SCORE)
    .sort(
      (a, b) =>
        b.match.score - a.match.score ||
        Number(b.priority) - Number(a.priority) ||
        new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime() ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  return {
    hits: ranked
      .slice(page.offset, page.offset + page.limit)
      .map((c) => ({ id: c.id, score: c.match.score, match: c.match })),
    total: ranked.length,
  };
}
