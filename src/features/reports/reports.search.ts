// Finding reports: filters and access in SQL; by name, candidates from indexed keys (sound
// key, consonant skeleton, trigrams of the canonical word; never a scan of every report),
// then ranked by aligning the query's words with each candidate's names (platform/names).
import type { Database, Queryable } from '../../platform/db/index.js';
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

/** Trigram similarity at which a stored word is looked up as a near spelling. */
const TRIGRAM_THRESHOLD = 0.3;

/** Below this score a report is not returned for a name search. */
export const MIN_NAME_SCORE = 0.3;
/** Candidates ranked in full per query, beyond the page asked for. */
const CANDIDATES = 150;

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
  if (f.requireConsent) {
    where.push(`r.${f.requireConsent}`);
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

  // Weights: how rare each word is in this node's own names. They order candidates; no word
  // is left out of the lookup for being common.
  const stats = await nameFrequencies(q, [...new Set(query.flat().map((t) => t.skel))]);
  const weighted = query.map((l) =>
    l.map((t) => ({ ...t, weight: rarityWeight(stats.holding.get(t.skel) ?? 0, stats.records) })),
  );
  // Lookup units: each word, and each adjacent pair written joined (standing for both words).
  const units = weighted.flatMap((l, line) => {
    const total = l.reduce((s, t) => s + t.weight, 0) || 1;
    return [
      ...l.map((t, i) => ({
        ...t,
        line,
        first: i,
        last: i,
        share: t.weight / total,
        nextShare: 0,
      })),
      ...l.slice(1).map((t, i) => ({
        ...joinTokens(l[i]!, t),
        line,
        first: i,
        last: i + 1,
        share: l[i]!.weight / total,
        nextShare: t.weight / total,
      })),
    ];
  });
  const col = <K extends keyof (typeof units)[number]>(k: K) => p(units.map((x) => x[k]));
  const [norms, keys, skels, lineIds, firsts, lasts] = [
    col('norm'),
    col('key'),
    col('skel'),
    col('line'),
    col('first'),
    col('last'),
  ];
  const shares = col('share');
  const nextShares = col('nextShare');
  const limit = p(Math.max(CANDIDATES, page.offset + page.limit + 50));
  // Near spellings by trigrams. On PostgreSQL the `%` operator, so the GIN trigram index is
  // used (threshold set for this transaction); on PGlite similarity() >= x, since a `%` join
  // leaves PGlite hung mid-transaction.
  const near =
    backend.kind === 'postgres'
      ? `t.norm % q.norm`
      : `similarity(t.norm, q.norm) >= ${TRIGRAM_THRESHOLD}`;
  if (backend.kind === 'postgres') {
    await q.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [
      String(TRIGRAM_THRESHOLD),
    ]);
  }
  // Rough score: per query line, the weighted share of its words found (a joined pair counts
  // for both its words), best line first; the full alignment below ranks what it returns.
  const candidates = await q.query<{ id: string; priority: boolean; createdAt: Date }>(
    `WITH q AS (
       SELECT * FROM unnest(${norms}::text[], ${keys}::text[], ${skels}::text[], ${lineIds}::int[],
         ${firsts}::int[], ${lasts}::int[], ${shares}::float8[], ${nextShares}::float8[])
         WITH ORDINALITY AS q(norm, key, skel, line, first, last, share, next_share, i)
     ), m AS (
       SELECT t.report_id, q.i, 1.0::float8 AS sim FROM q JOIN report_name_tokens t ON t.sound = q.key
       UNION ALL
       SELECT t.report_id, q.i, 0.8 FROM q JOIN report_name_tokens t ON t.skeleton = q.skel
       UNION ALL
       SELECT t.report_id, q.i, similarity(t.norm, q.norm) FROM q JOIN report_name_tokens t ON ${near}
     ), words AS (
       SELECT m.report_id, q.line, q.first AS word, max(m.sim) * max(q.share) AS s
       FROM m JOIN q ON q.i = m.i GROUP BY m.report_id, q.line, q.first
       UNION ALL
       SELECT m.report_id, q.line, q.last, max(m.sim) * max(q.next_share)
       FROM m JOIN q ON q.i = m.i WHERE q.last > q.first GROUP BY m.report_id, q.line, q.last
     ), best AS (
       SELECT report_id, line, word, max(s) AS s FROM words GROUP BY report_id, line, word
     ), rough AS (
       SELECT report_id, max(s) AS s FROM (
         SELECT report_id, line, sum(s) AS s FROM best GROUP BY report_id, line
       ) per_line GROUP BY report_id
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
