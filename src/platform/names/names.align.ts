// Aligns the words of a query with the words of a person's names and scores the result so a
// reviewer can follow it: each query word takes the closest record word (in either order,
// joined or split), rare words weigh more than common ones, and every match says why.
// No business rules.
import { joinTokens, tokenSimilarity, tokenWith, type NameToken } from './names.tokens.js';

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
  /**
   * 0–1: 0.70 × the weighted share of the query matched (each word at its spelling's credit),
   * 0.15 × the weighted share of query words found at a close spelling or better, 0.15 × the
   * share of the person's name entries matched (each word at its credit).
   */
  score: number;
  /** Weighted share of the query's words matched, each at its spelling's credit (0–1). */
  queryCoverage: number;
  /** Weighted share of the query's words found at a close spelling or better (0–1). */
  queryComplete: number;
  /** Share of the person's name entries matched, each word at its credit (0–1). */
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
/** Parts of the score: credit-weighted query coverage, query words all found, person's names covered. */
export const SCORE_PARTS = { query: 0.7, complete: 0.15, record: 0.15 } as const;

/** Credit of a word found at a close spelling (similarity 0.72), rising to 1 for the same word. */
export const CLOSE_CREDIT = 0.6;

/**
 * How much a word similarity counts: nothing below the floor, a distant spelling rising to
 * 0.6 at 0.72, then up to 1 for the same word. No cliff: one more differing letter lowers the
 * credit, it does not drop the word; and a close spelling counts for most of a word, so a
 * person whose every name is spelled a little differently is not beaten by one who shares
 * two names exactly and lacks the third.
 */
export function similarityCredit(sim: number): number {
  if (sim < MIN_WORD_SIMILARITY) {
    return 0;
  }
  return sim < CLOSE_WORD_SIMILARITY
    ? (CLOSE_CREDIT * (sim - MIN_WORD_SIMILARITY)) / (CLOSE_WORD_SIMILARITY - MIN_WORD_SIMILARITY)
    : CLOSE_CREDIT +
        ((1 - CLOSE_CREDIT) * (sim - CLOSE_WORD_SIMILARITY)) / (1 - CLOSE_WORD_SIMILARITY);
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
  /** How the words were joined ('' when word for word); the reason is written for chosen edges only. */
  joined: string;
  qa: NameToken;
  rb: NameToken;
}

/** Each query's adjacent words written joined, made once per query (not once per record). */
const joinedQueries = new WeakMap<WeightedToken[], (NameToken | undefined)[]>();

function joinedQuery(query: WeightedToken[]): (NameToken | undefined)[] {
  let joined = joinedQueries.get(query);
  if (!joined) {
    joined = query.map((q, i) => (i + 1 < query.length ? joinTokens(q, query[i + 1]!) : undefined));
    joinedQueries.set(query, joined);
  }
  return joined;
}

/** A record word's name entry on its line, as one number. */
const entryOf = (r: RecordToken) => r.line * 65536 + r.entry;

/** A record word's place (line, position) as one number, for the words already taken. */
const place = (r: RecordToken) => r.line * 65536 + r.pos;

/**
 * Aligns query words with record words: every pair, each query pair written joined against
 * one record word, each query word against each record pair written joined; the closest
 * pairs are taken first, each word at most once. `explain: false` leaves out the words and
 * their reasons (the score is the same): for ranking many records, explaining the page only.
 */
export function alignNames(
  query: WeightedToken[],
  record: RecordToken[],
  explain = true,
): NameMatch {
  const edges: Edge[] = [];
  const byLine = new Map<number, RecordToken[]>();
  for (const r of record) {
    const line = byLine.get(r.line);
    if (line) {
      line.push(r);
    } else {
      byLine.set(r.line, [r]);
    }
  }
  // The word lists of an edge are made only for the pairs close enough to keep.
  const add = (
    q: number,
    qNext: boolean,
    r: RecordToken | RecordToken[],
    qa: NameToken,
    rb: NameToken,
    joined: string,
  ) => {
    const sim = tokenSimilarity(qa, rb);
    if (sim >= (joined ? CLOSE_WORD_SIMILARITY : MIN_WORD_SIMILARITY)) {
      const qs = qNext ? [q, q + 1] : [q];
      edges.push({ q: qs, r: Array.isArray(r) ? r : [r], sim, qa, rb, joined });
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
  const joinedQ = joinedQuery(query);
  for (let i = 0; i < query.length; i++) {
    const qi = query[i]!;
    const joined = joinedQ[i];
    for (const r of record) {
      add(i, false, r, qi, r, '');
      if (joined) {
        add(i, true, r, joined, r, 'written as one word');
      }
    }
    for (const pair of pairs) {
      add(i, false, pair.r, qi, pair.t, 'written as two words');
    }
  }
  // Closest first; a pair written joined before two loose words of the same similarity.
  edges.sort((a, b) => b.sim - a.sim || b.q.length - a.q.length);
  const usedQ = new Set<number>();
  const usedR = new Set<number>();
  const chosen: Edge[] = [];
  for (const e of edges) {
    if (e.q.some((i) => usedQ.has(i)) || e.r.some((r) => usedR.has(place(r)))) {
      continue;
    }
    e.q.forEach((i) => usedQ.add(i));
    e.r.forEach((r) => usedR.add(place(r)));
    chosen.push(e);
  }
  return summarise(query, record, chosen, explain);
}

function summarise(
  query: WeightedToken[],
  record: RecordToken[],
  chosen: Edge[],
  explain: boolean,
): NameMatch {
  const total = query.reduce((s, q) => s + q.weight, 0) || 1;
  let matched = 0;
  let found = 0;
  const words: WordMatch[] = [];
  const covered = new Map<number, number>();
  for (const e of chosen) {
    const w = e.q.reduce((s, i) => s + query[i]!.weight, 0);
    const credit = similarityCredit(e.sim);
    matched += w * credit;
    found += e.sim >= CLOSE_WORD_SIMILARITY ? w : 0;
    // A record word counts as covered at its credit: a distant spelling barely covers it.
    for (const r of e.r) {
      const k = entryOf(r);
      covered.set(k, (covered.get(k) ?? 0) + credit);
    }
    if (!explain) {
      continue;
    }
    words.push({
      query: e.q.map((i) => query[i]!.norm).join(' '),
      record: e.r.map((r) => r.norm).join(' '),
      kind: e.r[0]!.kind,
      similarity: Number(e.sim.toFixed(3)),
      weight: Number((w / total).toFixed(3)),
      how: reason(e.sim, e.qa, e.rb, e.joined),
    });
  }
  // Each name entry (nicknames aside) counts as covered by its best-matched line.
  const entries = new Map<number, number>();
  const sizes = new Map<number, number>();
  for (const r of record) {
    const k = entryOf(r);
    sizes.set(k, (sizes.get(k) ?? 0) + 1);
  }
  for (const r of record) {
    if (r.kind === 'nickname') {
      continue;
    }
    const k = entryOf(r);
    const share = (covered.get(k) ?? 0) / (sizes.get(k) ?? 1);
    entries.set(r.entry, Math.max(entries.get(r.entry) ?? 0, share));
  }
  const queryCoverage = matched / total;
  const queryComplete = found / total;
  const recordCoverage =
    entries.size === 0 ? 0 : [...entries.values()].reduce((s, v) => s + v, 0) / entries.size;
  const score =
    SCORE_PARTS.query * queryCoverage +
    SCORE_PARTS.complete * queryComplete +
    SCORE_PARTS.record * recordCoverage;
  return {
    score: Number(score.toFixed(4)),
    queryCoverage: Number(queryCoverage.toFixed(4)),
    queryComplete: Number(queryComplete.toFixed(4)),
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
        out.push(tokenWith(t, { line, entry: p.entry, pos: pos++, kind: p.kind }));
      }
    }
  });
  return out;
}
