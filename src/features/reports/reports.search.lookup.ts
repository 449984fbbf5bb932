// The vocabulary lookup of a name search: each query word and adjacent pair (a lookup unit)
// against the node's vocabulary of name words, by sound key, skeletons and trigrams, each word
// found scored by the ranking's own similarity (ADR 0071, 0073, 0075, 0076).
import type { Queryable } from '../../platform/db/index.js';
import {
  CLOSE_WORD_SIMILARITY,
  joinTokens,
  otherReadings,
  similarityCredit,
  skeletonVariants,
  storedToken,
  tokenSimilarity,
  type NameToken,
  type WeightedToken,
} from '../../platform/names/index.js';

/** Trigram similarity at which a vocabulary word is compared with a query word. */
export const TRIGRAM_THRESHOLD = 0.2;

/** A vocabulary word found for a lookup unit (1-based `i`), with its credit. */
export interface FoundWord {
  i: number;
  norm: string;
  credit: number;
  close: boolean;
}

/** Lookup units: each word, and each adjacent pair written joined (standing for both words). */
export function lookupUnits(weighted: WeightedToken[][]) {
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
/** A lookup unit: a query word, or two adjacent ones written joined. */
export type Unit = ReturnType<typeof lookupUnits>[number];

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
export async function nearSpellings(q: Queryable, units: Unit[], kind: string) {
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
  const found = new Map<string, FoundWord>();
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
