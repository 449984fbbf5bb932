// Aligns the words of a query with the words of a person's names and scores the result so a
// reviewer can follow it: each query word takes the closest record word (in either order,
// joined or split), rare words weigh more than common ones, and every match says why.
// No business rules.
import { joinTokens, tokenSimilarity, type NameToken } from './names.tokens.js';

/** A word of a person's names, with where it sits (line of names, entry, position in line). */
export interface RecordToken extends NameToken {
  /** Line: the names in one script/spelling, in order; nicknames sit on lines of their own. */
  line: number;
  /** Which name entry (given, family…) the word belongs to. */
  entry: number;
  /** Position of the word in its line (adjacent words may be written joined). */
  pos: number;
  /** Kind of the name entry (given, family, other, nickname, patronymic). */
  kind: string;
}

/** A query word with its weight (rarer words weigh more). */
export interface WeightedToken extends NameToken {
  weight: number;
}

/** One matched word pair and why it matched. */
export interface WordMatch {
  /** The query word(s), as normalised. */
  query: string;
  /** The record word(s), as normalised. */
  record: string;
  /** Kind of the record name entry. */
  kind: string;
  /** 0–1 similarity of the two spellings. */
  similarity: number;
  /** Share of the query's weight these query words carry. */
  weight: number;
  /** Plain-language reason. */
  how: string;
}

/** The result of aligning a query with a person's names. */
export interface NameMatch {
  /** 0–1: weighted share of the query matched, and a little for how much of the names it covers. */
  score: number;
  /** Weighted share of the query's words matched (0–1). */
  queryCoverage: number;
  /** Share of the person's name entries matched (0–1). */
  recordCoverage: number;
  words: WordMatch[];
}

/** Below this similarity two words are not taken as spellings of one another. */
export const MIN_WORD_SIMILARITY = 0.55;
/**
 * From this similarity on two words are taken as likely spellings of one another; words written
 * joined on one side only are compared from here (a pair holding a whole word is otherwise
 * always "distantly" like that word alone).
 */
export const CLOSE_WORD_SIMILARITY = 0.72;
const QUERY_SHARE = 0.85;

/**
 * How much a word similarity counts: nothing below the floor, a little for a distant spelling
 * (rising to 0.4 at 0.72), then up to 1 for the same word. No cliff: one more differing letter
 * lowers the credit, it does not drop the word.
 */
export function similarityCredit(sim: number): number {
  if (sim < MIN_WORD_SIMILARITY) {
    return 0;
  }
  return sim < CLOSE_WORD_SIMILARITY
    ? (0.4 * (sim - MIN_WORD_SIMILARITY)) / (CLOSE_WORD_SIMILARITY - MIN_WORD_SIMILARITY)
    : 0.4 + (0.6 * (sim - CLOSE_WORD_SIMILARITY)) / (1 - CLOSE_WORD_SIMILARITY);
}

function reason(sim: number, a: NameToken, b: NameToken, joined: string): string {
  const what =
    a.norm === b.norm
      ? 'same word'
      : a.key === b.key
        ? 'same sound'
        : a.skel === b.skel
          ? 'same consonants'
          : sim >= CLOSE_WORD_SIMILARITY
            ? `close spelling (${sim.toFixed(2)})`
            : `distant spelling (${sim.toFixed(2)})`;
  return joined ? `${what}, ${joined}` : what;
}

interface Edge {
  q: number[];
  r: RecordToken[];
  sim: number;
  how: string;
  qa: NameToken;
  rb: NameToken;
}

/**
 * Aligns query words with record words: every pair, each query pair written joined against
 * one record word, each query word against each record pair written joined; the closest
 * pairs are taken first, each word at most once.
 */
export function alignNames(query: WeightedToken[], record: RecordToken[]): NameMatch {
  const edges: Edge[] = [];
  const byLine = new Map<number, RecordToken[]>();
  for (const r of record) {
    byLine.set(r.line, [...(byLine.get(r.line) ?? []), r]);
  }
  const add = (q: number[], r: RecordToken[], qa: NameToken, rb: NameToken, joined: string) => {
    const sim = tokenSimilarity(qa, rb);
    if (sim >= (joined ? CLOSE_WORD_SIMILARITY : MIN_WORD_SIMILARITY)) {
      edges.push({ q, r, sim, qa, rb, how: reason(sim, qa, rb, joined) });
    }
  };
  // Each line's adjacent pairs written joined, made once.
  const pairs: { r: RecordToken[]; t: NameToken }[] = [];
  for (const line of byLine.values()) {
    line.sort((a, b) => a.pos - b.pos);
    for (let p = 0; p + 1 < line.length; p++) {
      const [a, b] = [line[p]!, line[p + 1]!];
      if (b.pos === a.pos + 1) {
        pairs.push({ r: [a, b], t: joinTokens(a, b) });
      }
    }
  }
  for (let i = 0; i < query.length; i++) {
    const qi = query[i]!;
    const qj = query[i + 1];
    const joinedQuery = qj ? joinTokens(qi, qj) : undefined;
    for (const r of record) {
      add([i], [r], qi, r, '');
      if (joinedQuery) {
        add([i, i + 1], [r], joinedQuery, r, 'written as one word');
      }
    }
    for (const pair of pairs) {
      add([i], pair.r, qi, pair.t, 'written as two words');
    }
  }
  // Closest first; a pair written joined before two loose words of the same similarity.
  edges.sort((a, b) => b.sim - a.sim || b.q.length - a.q.length);
  const usedQ = new Set<number>();
  const usedR = new Set<string>();
  const id = (r: RecordToken) => `${r.line}:${r.pos}`;
  const chosen: Edge[] = [];
  for (const e of edges) {
    if (e.q.some((i) => usedQ.has(i)) || e.r.some((r) => usedR.has(id(r)))) {
      continue;
    }
    e.q.forEach((i) => usedQ.add(i));
    e.r.forEach((r) => usedR.add(id(r)));
    chosen.push(e);
  }
  return summarise(query, record, chosen);
}

function summarise(query: WeightedToken[], record: RecordToken[], chosen: Edge[]): NameMatch {
  const total = query.reduce((s, q) => s + q.weight, 0) || 1;
  let matched = 0;
  const words: WordMatch[] = [];
  const covered = new Map<string, number>();
  for (const e of chosen) {
    const w = e.q.reduce((s, i) => s + query[i]!.weight, 0);
    matched += w * similarityCredit(e.sim);
    for (const r of e.r) {
      const k = `${r.line}:${r.entry}`;
      covered.set(k, (covered.get(k) ?? 0) + 1);
    }
    words.push({
      query: e.q.map((i) => query[i]!.norm).join(' '),
      record: e.r.map((r) => r.norm).join(' '),
      kind: e.r[0]!.kind,
      similarity: Number(e.sim.toFixed(3)),
      weight: Number((w / total).toFixed(3)),
      how: e.how,
    });
  }
  // Each name entry (nicknames aside) counts as covered by its best-matched line.
  const entries = new Map<number, number>();
  const sizes = new Map<string, number>();
  for (const r of record) {
    const k = `${r.line}:${r.entry}`;
    sizes.set(k, (sizes.get(k) ?? 0) + 1);
  }
  for (const r of record) {
    if (r.kind === 'nickname') {
      continue;
    }
    const k = `${r.line}:${r.entry}`;
    const share = (covered.get(k) ?? 0) / (sizes.get(k) ?? 1);
    entries.set(r.entry, Math.max(entries.get(r.entry) ?? 0, share));
  }
  const queryCoverage = matched / total;
  const recordCoverage =
    entries.size === 0 ? 0 : [...entries.values()].reduce((s, v) => s + v, 0) / entries.size;
  const score = QUERY_SHARE * queryCoverage + (1 - QUERY_SHARE) * recordCoverage;
  return {
    score: Number(score.toFixed(4)),
    queryCoverage: Number(queryCoverage.toFixed(4)),
    recordCoverage: Number(recordCoverage.toFixed(4)),
    words,
  };
}

/** Weight of a word from how many of N records hold it (inverse document frequency). */
export function rarityWeight(recordsWithWord: number, records: number): number {
  return Math.log(1 + (records + 1) / (recordsWithWord + 1));
}

/** The record words of a person's names: one line per script/spelling, nicknames apart. */
export function recordTokens(
  names: { kind: string; value: string; latin?: string }[],
  tokenize: (name: string) => NameToken[],
): RecordToken[] {
  const out: RecordToken[] = [];
  const lines: { entry: number; kind: string; text: string }[][] = [[], []];
  names.forEach((n, entry) => {
    if (n.kind === 'nickname') {
      lines.push([{ entry, kind: n.kind, text: n.value }]);
      if (n.latin) {
        lines.push([{ entry, kind: n.kind, text: n.latin }]);
      }
      return;
    }
    lines[0]!.push({ entry, kind: n.kind, text: n.value });
    lines[1]!.push({ entry, kind: n.kind, text: n.latin ?? n.value });
  });
  const seen = new Set<string>();
  lines.forEach((parts, line) => {
    const signature = parts.map((p) => p.text).join('\u0000');
    if (parts.length === 0 || seen.has(signature)) {
      return;
    }
    seen.add(signature);
    let pos = 0;
    for (const p of parts) {
      for (const t of tokenize(p.text)) {
        out.push({ ...t, line, entry: p.entry, pos: pos++, kind: p.kind });
      }
    }
  });
  return out;
}
