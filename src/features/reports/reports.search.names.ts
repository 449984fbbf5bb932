// Ranking reports by name, the selective part of a name search: near spellings of each query
// word from the node's vocabulary of name words, the reports holding them with an upper bound
// of the score each can reach, then the full alignment of those candidates best bound first,
// stopping as soon as no candidate left can reach the page asked for (ADR 0072).
import type { Queryable } from '../../platform/db/index.js';
import {
  alignNames,
  CLOSE_WORD_SIMILARITY,
  joinTokens,
  otherReadings,
  rarityWeight,
  SCORE_PARTS,
  similarityCredit,
  skeletonVariants,
  storedToken,
  tokenWith,
  tokenSimilarity,
  type NameMatch,
  type NameToken,
  type RecordToken,
  type WeightedToken,
} from '../../platform/names/index.js';
import {
  nameFrequencies,
  storedWords,
  storedWordsJson,
  type StoredWordRow,
} from './reports.names.repository.js';

/** Below this score a report is not returned for a name search. */
export const MIN_NAME_SCORE = 0.3;
/** Candidates fetched per query at most, beyond the page asked for. */
const CANDIDATES = 100;
/**
 * Candidates always aligned before the bound may stop the alignment: the bound counts only the
 * spellings the vocabulary lookup found, and the alignment may match one it missed (ثریا /
 * Thuraya: Persian ث is s, the Latin th is read z).
 */
const ALWAYS_ALIGNED = 60;
/** Reports holding the rare words of a query that are looked at before any common word. */
const RARE_HOLDERS = 1500;
/** Trigram similarity at which a vocabulary word is compared with a query word. */
const TRIGRAM_THRESHOLD = 0.2;

/** A candidate aligned in full (its score; the words matched are explained for the page only). */
export interface RankedName {
  id: string;
  priority: boolean;
  createdAt: Date;
  match: NameMatch;
  /** The query line that matched best, and the record's words: to explain the match. */
  line: WeightedToken[];
  record: RecordToken[];
}

/** The match of a ranked candidate with the words matched and why (ranking leaves them out). */
export function explainRanked(c: RankedName): NameMatch {
  return alignNames(c.line, c.record);
}

/** What ranking by name found: the ranked reports and the work it took. */
export interface NameRanking {
  ranked: RankedName[];
  /** Candidates not aligned whose bound still reaches the floor (counted in a total). */
  unaligned: number;
  /** Candidates aligned in full. */
  scored: number;
  /** Vocabulary words compared with the query's words. */
  words: number;
}

/** Query lines weighted by how rare each word is in this node's names, and how many hold each. */
async function weightLines(q: Queryable, lines: WeightedToken[][], kind: string) {
  const stats = await nameFrequencies(
    q,
    [...new Set(lines.flat().map((t) => t.skel))],
    kind === 'postgres' ? TRIGRAM_THRESHOLD : undefined,
  );
  const holding = (t: NameToken) => stats.holding.get(t.skel) ?? 0;
  const weighted = lines.map((l) =>
    l.map((t) => tokenWith(t, { weight: rarityWeight(holding(t), stats.records) })),
  );
  return { weighted, holding };
}

/**
 * The rare words of the query (line, position), rarest first, as long as the reports holding
 * them stay within RARE_HOLDERS (the rarest always); and the highest score a report holding
 * none of them could reach: every other word matched exactly, all the person's names covered.
 */
function rareWords(weighted: WeightedToken[][], holding: (t: NameToken) => number) {
  const words = weighted
    .flatMap((l, line) => l.map((t, pos) => ({ line, pos, n: holding(t) })))
    .sort((a, b) => a.n - b.n);
  const rare = new Set<string>();
  let held = 0;
  for (const w of words) {
    if (rare.size > 0 && held + w.n > RARE_HOLDERS) {
      break;
    }
    rare.add(`${w.line}:${w.pos}`);
    held += w.n;
  }
  const without = Math.max(
    ...weighted.map((l, line) => {
      const total = l.reduce((s, t) => s + t.weight, 0) || 1;
      const rest = l.reduce((s, t, pos) => s + (rare.has(`${line}:${pos}`) ? 0 : t.weight), 0);
      return (SCORE_PARTS.query + SCORE_PARTS.complete) * (rest / total) + SCORE_PARTS.record;
    }),
  );
  return { rare, without, all: rare.size === words.length };
}

/** Lookup units: each word, and each adjacent pair written joined (standing for both words). */
function lookupUnits(weighted: WeightedToken[][]) {
  return weighted.flatMap((l, line) => {
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
}
type Unit = ReturnType<typeof lookupUnits>[number];

/**
 * A word stripped of what looked like a joined article, as written (Alioune, read al + ioune):
 * looked up too, since the article may not be one (Aliou, Aliyu are near the written form only).
 */
function asWritten(u: Unit): NameToken[] {
  return u.raw !== u.norm && u.last === u.first ? [storedToken(u.raw, u.raw, u.abjad)] : [];
}

/**
 * Near spellings of each unit in the vocabulary: same sound key, same consonant skeleton
 * (the initial vowel aside), same skeleton without weak consonants h and w (ADR 0075), or close
 * by trigrams (single words only; a stored word stripped of an article also by its written
 * form), each scored by the
 * ranking's own word similarity. On PostgreSQL `%` (the GIN trigram index; threshold set for
 * this transaction by the frequencies statement before); on PGlite similarity() >= x, since `%`
 * hangs PGlite.
 */
async function nearSpellings(q: Queryable, units: Unit[], kind: string) {
  const near =
    kind === 'postgres' ? `w.norm % q.norm` : `similarity(w.norm, q.norm) >= ${TRIGRAM_THRESHOLD}`;
  const nearAsWritten = near.replace('w.norm', 'w.raw');
  // Each unit under each reading of its spelling (Italian ch = k, Kurmanji c = j…); a joined
  // pair is compared with single words only, as the alignment does.
  // A single word also by skeletons one confusable consonant away (no sound key or trigram
  // row: an empty norm and key match nothing there).
  const readings = units.flatMap((u, i) => [
    ...[u, ...otherReadings(u), ...asWritten(u)].map((r) => ({
      i: i + 1,
      norm: r.norm,
      key: r.key,
      skel: r.skel,
      span: u.last > u.first ? 1 : 2,
    })),
    ...(u.last > u.first ? [] : skeletonVariants(u.skel.replace(/^a+/, ''))).map((skel) => ({
      i: i + 1,
      norm: '',
      key: '',
      skel,
      span: 2,
    })),
  ]);
  const rows = await q.query<{
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
       ON ltrim(w.skeleton, 'a') = ltrim(q.skel, 'a') AND w.span <= q.span
     UNION
     SELECT q.i, w.norm, w.raw, w.abjad, w.span FROM q JOIN name_words w
       ON q.norm <> '' AND name_weak_skeleton(w.skeleton) = name_weak_skeleton(q.skel)
         AND w.span <= q.span
     UNION
     SELECT q.i, w.norm, w.raw, w.abjad, w.span FROM q JOIN name_words w
       ON w.span = 1 AND ${near}
     UNION
     SELECT q.i, w.norm, w.raw, w.abjad, w.span FROM q JOIN name_words w
       ON w.span = 1 AND w.raw <> w.norm AND ${nearAsWritten}`,
    (['i', 'norm', 'key', 'skel', 'span'] as const).map((k) => readings.map((r) => r[k])),
    { prepared: true },
  );
  const found = new Map<string, { i: number; norm: string; credit: number; close: boolean }>();
  for (const v of rows) {
    const unit = units[v.i - 1]!;
    const word = storedToken(v.norm, v.raw, v.abjad);
    const sim = tokenSimilarity(unit, word);
    // Written joined on one side only: a close spelling or nothing, and for a query pair only
    // when joining explains the word better than either word alone.
    const joined = unit.last > unit.first || v.span > 1;
    const better = unit.parts.every((part) => tokenSimilarity(part, word) < sim);
    const credit = joined && (sim < CLOSE_WORD_SIMILARITY || !better) ? 0 : similarityCredit(sim);
    const k = `${v.i}\u0000${v.norm}`;
    if (credit > (found.get(k)?.credit ?? 0)) {
      found.set(k, { i: v.i, norm: v.norm, credit, close: sim >= CLOSE_WORD_SIMILARITY });
    }
  }
  return { words: [...found.values()], compared: rows.length };
}

/**
 * Ranks the reports (among those `where` admits) whose names come near the query lines:
 * candidates by an upper bound of their score, aligned best bound first until the page
 * (`wanted` results) is settled.
 */
export async function rankByName(
  q: Queryable,
  lines: WeightedToken[][],
  where: { clause: string; params: unknown[]; p: (v: unknown) => string },
  wanted: number,
  kind: string,
): Promise<NameRanking> {
  const { weighted, holding } = await weightLines(q, lines, kind);
  const units = lookupUnits(weighted);
  const { words, compared } = await nearSpellings(q, units, kind);
  if (words.length === 0) {
    return { ranked: [], unaligned: 0, scored: 0, words: compared };
  }
  const limit = Math.max(CANDIDATES, wanted + 50);
  const { rare, without, all } = rareWords(weighted, holding);
  const rareNorms = words
    .filter((w) => {
      const u = units[w.i - 1]!;
      return rare.has(`${u.line}:${u.first}`) || rare.has(`${u.line}:${u.last}`);
    })
    .map((w) => w.norm);
  // Rare words first: when no report holding only common words can reach the page, the
  // reports holding common words are never read.
  const phases = all ? [null] : [rareNorms, null];
  const ranked: RankedName[] = [];
  // Scores so far, best first: the page's last one is what a candidate must still reach.
  const scores: number[] = [];
  const threshold = () => (scores.length < wanted ? MIN_NAME_SCORE : scores[wanted - 1]!);
  const aligned = new Set<string>();
  let unaligned = 0;
  for (const restrict of phases) {
    if (restrict === null && phases.length > 1 && without < threshold()) {
      break;
    }
    const candidates = await fetchCandidates(q, where, units, words, restrict, limit);
    let next = 0;
    for (; next < candidates.length; next++) {
      const c = candidates[next]!;
      if (aligned.size >= ALWAYS_ALIGNED && Number(c.bound) < threshold()) {
        break;
      }
      if (aligned.has(c.id)) {
        continue;
      }
      aligned.add(c.id);
      const record = storedWords(c.words);
      let best: NameMatch | undefined;
      let bestLine = weighted[0]!;
      for (const line of weighted) {
        const m = alignNames(line, record, false);
        if (!best || m.score > best.score) {
          best = m;
          bestLine = line;
        }
      }
      if (best!.score >= MIN_NAME_SCORE) {
        ranked.push({
          id: c.id,
          priority: c.priority,
          createdAt: c.createdAt,
          match: best!,
          line: bestLine,
          record,
        });
        const at = scores.findIndex((x) => x < best!.score);
        scores.splice(at < 0 ? scores.length : at, 0, best!.score);
      }
    }
    unaligned = candidates.slice(next).filter((c) => !aligned.has(c.id)).length;
  }
  return {
    ranked,
    unaligned,
    scored: aligned.size,
    words: compared,
  };
}

/**
 * Reports holding the words found (or only those holding one of `restrict`, rare words), each
 * with the bound of its score: per query line, the rarity-weighted share of its words found at
 * each word's credit and the share found at a close spelling; the best line. The alignment can
 * only match what was found here, one to one, so it never scores higher. The holders are ranked
 * by bound from the name index alone and their reports read in that order until `limit` pass
 * `where` (a common word is held by 10^4 reports of a national node: not each read; ADR 0139).
 */
async function fetchCandidates(
  q: Queryable,
  where: { clause: string; params: unknown[] },
  units: Unit[],
  words: { i: number; norm: string; credit: number; close: boolean }[],
  restrict: string[] | null,
  limit: number,
) {
  const params = [...where.params];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  // What each word found is worth to the query words it stands for: its credit times each
  // word's share of the line, and that share again when the spelling is close (a joined pair
  // stands for two words; the second is null for a single word).
  const worth = words.map((w) => {
    const u = units[w.i - 1]!;
    const pair = u.last > u.first;
    return {
      norm: w.norm,
      line: u.line,
      w1: u.first,
      s1: w.credit * u.share,
      f1: w.close ? u.share : 0,
      w2: pair ? u.last : null,
      s2: pair ? w.credit * u.nextShare : null,
      f2: pair && w.close ? u.nextShare : pair ? 0 : null,
    };
  });
  const col = <K extends keyof (typeof worth)[number]>(k: K, type: string) =>
    `${p(worth.map((x) => x[k]))}::${type}[]`;
  const holders =
    restrict === null
      ? `FROM v JOIN report_name_tokens t ON t.norm = v.norm`
      : `FROM (SELECT DISTINCT t.report_id FROM report_name_tokens t
           WHERE t.norm = ANY(${p(restrict)}::text[])) rare
         JOIN report_name_tokens t ON t.report_id = rare.report_id
         JOIN v ON v.norm = t.norm`;
  return q.query<{
    id: string;
    priority: boolean;
    createdAt: Date;
    bound: number;
    words: StoredWordRow[] | null;
  }>(
    `WITH v AS (
       SELECT * FROM unnest(${col('norm', 'text')}, ${col('line', 'int')}, ${col('w1', 'int')},
         ${col('s1', 'float8')}, ${col('f1', 'float8')}, ${col('w2', 'int')},
         ${col('s2', 'float8')}, ${col('f2', 'float8')}) AS v(norm, line, w1, s1, f1, w2, s2, f2)
     ), per_word AS (
       SELECT t.report_id, v.line, x.word, max(x.s) AS s, max(x.f) AS f
       ${holders}
       CROSS JOIN LATERAL (VALUES (v.w1, v.s1, v.f1), (v.w2, v.s2, v.f2)) AS x(word, s, f)
       WHERE x.word IS NOT NULL
       GROUP BY t.report_id, v.line, x.word
     ), rough AS (
       SELECT report_id, max(s) AS bound FROM (
         SELECT report_id, ${SCORE_PARTS.query} * sum(s) + ${SCORE_PARTS.complete} * sum(f)
           + ${SCORE_PARTS.record} AS s
         FROM per_word GROUP BY report_id, line
       ) l GROUP BY report_id
     )
     SELECT c.*, ${storedWordsJson('c.id')} AS words FROM (
       SELECT r.id, r.priority, r.created_at AS "createdAt", ranked.bound
       FROM (
         SELECT report_id, bound FROM rough WHERE bound >= ${p(MIN_NAME_SCORE)}
         ORDER BY bound DESC, report_id
       ) ranked
       CROSS JOIN LATERAL (
         SELECT r.id, r.priority, r.created_at FROM reports r
         WHERE r.id = ranked.report_id AND ${where.clause}
       ) r
       ORDER BY ranked.bound DESC, ranked.report_id LIMIT ${p(limit)}
     ) c ORDER BY c.bound DESC, c.id`,
    params,
  );
}
