// Ranking reports by name, the selective part of a name search: near spellings of each query
// word from the node's vocabulary of name words, the reports holding them with an upper bound
// of the score each can reach, then the full alignment of those candidates best bound first,
// stopping as soon as no candidate left can reach the page asked for (ADR 0072).
import type { Queryable } from '../../platform/db/index.js';
import {
  alignNames,
  rarityWeight,
  SCORE_PARTS,
  tokenWith,
  type NameMatch,
  type NameToken,
  type RecordToken,
  type WeightedToken,
} from '../../platform/names/index.js';
import { nameFrequencies, storedWords } from './reports.names.repository.js';
import { fetchCandidates, MIN_NAME_SCORE } from './reports.search.candidates.js';
import { lookupUnits, nearSpellings, TRIGRAM_THRESHOLD } from './reports.search.lookup.js';

export { MIN_NAME_SCORE };

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
