// Finding reports: filters and access in SQL; by name, near spellings of each query word from
// the node's vocabulary of name words (sound key, consonant skeleton, trigrams; scored by the
// ranking's word similarity), the reports holding them ordered by rarity-weighted coverage
// (never a scan of every report), then ranked by aligning the query's words with each
// candidate's names (platform/names).
import type { Database, Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';
import {
  alignNames,
  CLOSE_WORD_SIMILARITY,
  joinTokens,
  rarityWeight,
  otherReadings,
  similarityCredit,
  storedToken,
  tokenSimilarity,
  type NameMatch,
  type NameToken,
  type WeightedToken,
} from '../../platform/names/index.js';
import { loadNameTokens, nameFrequencies } from './reports.names.repository.js';
import type { ReportFilter } from './reports.repository.js';
import { permittedSql } from '../data-protection/purposes.js';

/** A page of search results: the hits, how many there are in all, and how many were ranked. */
export interface SearchResult {
  hits: SearchHit[];
  total: number;
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

/**
 * Trigram similarity at which a vocabulary word is compared with a query word (then scored by
 * the word similarity of the ranking, which decides).
 */
const TRIGRAM_THRESHOLD = 0.2;

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
    return {
      hits: rows.map((r) => ({ id: r.id, score: null })),
      total: Number(count?.n ?? 0),
      scored: 0,
      words: 0,
    };
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
        parts: [] as NameToken[],
      })),
      ...l.slice(1).map((t, i) => ({
        ...joinTokens(l[i]!, t),
        line,
        first: i,
        last: i + 1,
        share: l[i]!.weight / total,
        nextShare: t.weight / total,
        parts: [l[i]!, t] as NameToken[],
      })),
    ];
  });
  const col = <K extends keyof (typeof units)[number]>(k: K) => units.map((x) => x[k]);
  // 1. Near spellings of each unit in the node's vocabulary of name words: same sound key or
  // consonant skeleton (single words and pairs written joined), or close by trigrams (single
  // words: pairs are about one per report, too many to search this way), each then scored by the ranking's own word
  // similarity. On PostgreSQL the `%` operator, so the GIN trigram index is used (threshold
  // set for this transaction); on PGlite similarity() >= x, since `%` hangs PGlite.
  const near =
    backend.kind === 'postgres'
      ? `w.norm % q.norm`
      : `similarity(w.norm, q.norm) >= ${TRIGRAM_THRESHOLD}`;
  if (backend.kind === 'postgres') {
    await q.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [
      String(TRIGRAM_THRESHOLD),
    ]);
  }
  // Each unit under each reading of its spelling (Italian ch = k, Kurmanji c = j…).
  // A joined pair is compared with single words only (as the alignment does): two pairs
  // written joined look alike for a shared long first word alone.
  const readings = units.flatMap((u, i) =>
    [u, ...otherReadings(u)].map((r) => ({
      i: i + 1,
      norm: r.norm,
      key: r.key,
      skel: r.skel,
      span: u.last > u.first ? 1 : 2,
    })),
  );
  const vocabulary = await q.query<{
    i: number;
    norm: string;
    raw: string;
    abjad: boolean;
    span: number;
  }>(
    `WITH q AS (
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[])
         AS q(i, norm, key, skel, span)
     )
     SELECT q.i, w.norm, w.raw, w.abjad, w.span FROM q JOIN name_words w
       ON w.sound = q.key AND w.span <= q.span
     UNION
     SELECT q.i, w.norm, w.raw, w.abjad, w.span FROM q JOIN name_words w
       ON w.skeleton = q.skel AND w.span <= q.span
     UNION
     SELECT q.i, w.norm, w.raw, w.abjad, w.span FROM q JOIN name_words w
       ON w.span = 1 AND ${near}`,
    [
      readings.map((r) => r.i),
      readings.map((r) => r.norm),
      readings.map((r) => r.key),
      readings.map((r) => r.skel),
      readings.map((r) => r.span),
    ],
  );
  const found = new Map<string, { i: number; norm: string; credit: number }>();
  for (const v of vocabulary) {
    const unit = units[v.i - 1]!;
    const word = storedToken(v.norm, v.raw, v.abjad);
    const sim = tokenSimilarity(unit, word);
    // Written joined on one side only: a close spelling or nothing (as in the alignment), and
    // for a query pair only when joining explains the word better than either word alone
    // (Ibrahima Sow joined is close to Ibrahima by Ibrahima alone).
    const joined = unit.last > unit.first || v.span > 1;
    const better = unit.parts.every((part) => tokenSimilarity(part, word) < sim);
    const credit = joined && (sim < CLOSE_WORD_SIMILARITY || !better) ? 0 : similarityCredit(sim);
    const k = `${v.i}\u0000${v.norm}`;
    if (credit > (found.get(k)?.credit ?? 0)) {
      found.set(k, { i: v.i, norm: v.norm, credit });
    }
  }
  if (found.size === 0) {
    return { hits: [], total: 0, scored: 0, words: vocabulary.length };
  }
  const words = [...found.values()];
  // 2. Reports holding those words. Rough score: per query line, the rarity-weighted share of
  // its words found, each at its word's credit (a joined pair counts for both its words), best
  // line first; the full alignment below ranks what it returns.
  const limit = p(Math.max(CANDIDATES, page.offset + page.limit + 50));
  const candidates = await q.query<{ id: string; priority: boolean; createdAt: Date }>(
    `WITH q AS (
       SELECT * FROM unnest(${p(col('line'))}::int[], ${p(col('first'))}::int[],
         ${p(col('last'))}::int[], ${p(col('share'))}::float8[], ${p(col('nextShare'))}::float8[])
         WITH ORDINALITY AS q(line, first, last, share, next_share, i)
     ), v AS (
       SELECT * FROM unnest(${p(words.map((w) => w.i))}::int[], ${p(words.map((w) => w.norm))}::text[],
         ${p(words.map((w) => w.credit))}::float8[]) AS v(i, norm, credit)
     ), m AS (
       SELECT t.report_id, v.i, max(v.credit) AS credit
       FROM v JOIN report_name_tokens t ON t.norm = v.norm GROUP BY t.report_id, v.i
     ), per_word AS (
       SELECT m.report_id, q.line, q.first AS word, m.credit * q.share AS s FROM m JOIN q ON q.i = m.i
       UNION ALL
       SELECT m.report_id, q.line, q.last, m.credit * q.next_share
       FROM m JOIN q ON q.i = m.i WHERE q.last > q.first
     ), per_line AS (
       SELECT report_id, line, sum(s) AS s FROM (
         SELECT report_id, line, word, max(s) AS s FROM per_word GROUP BY report_id, line, word
       ) best GROUP BY report_id, line
     ), rough AS (
       SELECT report_id, max(s) AS s FROM per_line GROUP BY report_id
     )
     SELECT r.id, r.priority, r.created_at AS "createdAt"
     FROM rough JOIN reports r ON r.id = rough.report_id
     WHERE ${clause}
     ORDER BY rough.s DESC, r.id LIMIT ${limit}`,
    params,
  );
  if (candidates.length === 0) {
    return { hits: [], total: 0, scored: 0, words: vocabulary.length };
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
    scored: candidates.length,
    words: vocabulary.length,
  };
}
