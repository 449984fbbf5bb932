// The batch scorer: one record against a compiled side, ranking exactly like the reference
// scorer. A cheap upper bound of every pair's score (matching.bounds.ts) decides which pairs are
// scored exactly with `evaluate`; a pair is skipped only when its bound is below both the
// threshold and the k-th best exact score so far, so it could neither be listed nor enter the
// top k (ADR 0035).
import { type ScoreContext, EXCLUDED } from './matching.context.js';
import { pairUb, tolerances } from './matching.bounds.js';
import { compileSide, type CompiledSide } from './matching.compile.js';
import { kindCompatibility } from './matching.features.js';
import type { PreparedAm, PreparedPm } from './matching.profile.js';
import { evaluate, explainPrepared } from './matching.scorer.js';
import type { PairScore } from './matching.types.js';

export type { CompiledSide } from './matching.compile.js';

/** Compiles prepared records of one side for batch scoring (once per record set). */
export function compile(side: 'am' | 'pm', records: readonly (PreparedAm | PreparedPm)[]) {
  return compileSide(side, records, kindCompatibility);
}

/** Options of a batch ranking. */
export interface RankOptions {
  /** Keep pairs scoring at least this (log10 LR); default: every pair that is not excluded. */
  threshold?: number;
  /** Keep at most this many, best first; default: all at or above the threshold. */
  topK?: number;
  /** Explain the kept pairs with `explainPrepared` (default true). */
  explain?: boolean;
}

/** A kept pair: the other record's index in the compiled side, its score and explanation. */
export interface RankedPair {
  index: number;
  id: string;
  score: number;
  explained?: PairScore;
}

/** What a ranking kept, and how many pairs it scored exactly. */
export interface Ranking {
  pairs: RankedPair[];
  evaluated: number;
}

/** Whether a pair ranks before another: higher score, then smaller id (as rankCandidates). */
function before(a: RankedPair, b: RankedPair): boolean {
  return a.score > b.score || (a.score === b.score && a.id.localeCompare(b.id) < 0);
}

/** Other records that must be scored exactly: named by a lab result or an override. */
function forcedIndices(
  subject: PreparedAm | PreparedPm,
  others: CompiledSide,
  ctx: ScoreContext,
): number[] | 'all' {
  const ids = new Set<string>();
  for (const o of ctx.overrides) {
    if (o.amId === undefined || o.pmId === undefined) {
      return 'all';
    }
    ids.add(
      subject.side === 'am'
        ? o.amId === subject.id
          ? o.pmId
          : ''
        : o.pmId === subject.id
          ? o.amId
          : '',
    );
  }
  if (subject.side === 'am') {
    for (const pmId of ctx.labs.get(subject.id)?.keys() ?? []) {
      ids.add(pmId);
    }
  } else {
    for (const [amId, byPm] of ctx.labs) {
      if (byPm.has(subject.id)) {
        ids.add(amId);
      }
    }
  }
  const out: number[] = [];
  for (const id of ids) {
    const i = others.index.get(id);
    if (i !== undefined) {
      out.push(i);
    }
  }
  return out;
}

let boundScratch = new Float64Array(0);

/**
 * Ranks the records of the other side for one subject (a prepared report or remains): the
 * pairs that are not excluded and score at least `threshold`, best first (score, then id), at
 * most `topK`, each explained unless `explain` is false. Ranks exactly like `rankCandidates`.
 */
export function rankSubject(
  subject: PreparedAm | PreparedPm,
  others: CompiledSide,
  ctx: ScoreContext,
  options: RankOptions = {},
): Ranking {
  const threshold = options.threshold ?? -Infinity;
  const topK = options.topK ?? Infinity;
  const n = others.records.length;
  const isAm = subject.side === 'am';
  const self = compile(subject.side, [subject]);
  const A = isAm ? self : others;
  const P = isAm ? others : self;
  const t = tolerances(ctx);
  const forced = forcedIndices(subject, others, ctx);
  if (boundScratch.length < n) {
    boundScratch = new Float64Array(n);
  }
  const bounds = boundScratch;
  // Pass 1: every pair's bound, and the indices of the topK best bounds (to seed the cutoff).
  const seed: number[] = [];
  const seedSize = Number.isFinite(topK) ? topK : 0;
  for (let j = 0; j < n; j++) {
    const b = forced === 'all' ? Infinity : pairUb(A, isAm ? 0 : j, P, isAm ? j : 0, t);
    bounds[j] = b;
    if (seedSize > 0 && (seed.length < seedSize || b > bounds[seed[seed.length - 1]!]!)) {
      let k = seed.length < seedSize ? seed.length : seed.length - 1;
      seed[k] = j;
      while (k > 0 && bounds[seed[k - 1]!]! < b) {
        seed[k] = seed[k - 1]!;
        seed[--k] = j;
      }
    }
  }
  if (forced !== 'all') {
    for (const j of forced) {
      bounds[j] = Infinity;
    }
  }
  const kept: RankedPair[] = [];
  let evaluated = 0;
  const score = (j: number) => {
    const other = others.records[j]!;
    evaluated++;
    const s = isAm
      ? evaluate(subject, other as PreparedPm, ctx, null)
      : evaluate(other as PreparedAm, subject, ctx, null);
    bounds[j] = NaN; // scored: NaN never reaches a cutoff
    if (s === EXCLUDED || s < threshold) {
      return;
    }
    const pair: RankedPair = { index: j, id: other.id, score: s };
    if (kept.length >= topK && !before(pair, kept[kept.length - 1]!)) {
      return;
    }
    let k = kept.length;
    kept.push(pair);
    while (k > 0 && before(pair, kept[k - 1]!)) {
      kept[k] = kept[k - 1]!;
      kept[--k] = pair;
    }
    if (kept.length > topK) {
      kept.pop();
    }
  };
  for (const j of seed) {
    score(j);
  }
  // Pass 2: the pairs whose bound reaches the cutoff, best bound first, scored exactly until the
  // bounds fall below the cutoff (ties are scored too).
  const cutoff = () =>
    kept.length >= topK ? Math.max(threshold, kept[kept.length - 1]!.score) : threshold;
  const first = cutoff();
  const queue: number[] = [];
  for (let j = 0; j < n; j++) {
    if (bounds[j]! >= first) {
      queue.push(j);
    }
  }
  queue.sort((x, y) => bounds[y]! - bounds[x]!);
  for (const j of queue) {
    if (bounds[j]! < cutoff()) {
      break;
    }
    score(j);
  }
  if (options.explain !== false) {
    for (const p of kept) {
      const other = others.records[p.index]!;
      p.explained = isAm
        ? explainPrepared(subject, other as PreparedPm, ctx)
        : explainPrepared(other as PreparedAm, subject, ctx);
    }
  }
  return { pairs: kept, evaluated };
}
