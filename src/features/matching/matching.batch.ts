// The batch scorer: one record against a compiled side, ranking exactly like the reference
// scorer. A cheap upper bound of every pair's score (matching.bounds.ts) decides which pairs are
// scored exactly with `evaluate`; a pair is skipped only when its bound is below both the
// threshold and the k-th best exact score so far, so it could neither be listed nor enter the
// top k (ADR 0035).
import { type ScoreContext, EXCLUDED } from './matching.context.js';
import { tolerances } from './matching.bounds.js';
import { chosenSweep } from './matching.sweep.native.js';
import { heapify, popBest } from './matching.heap.js';
import {
  compileSide,
  removeCompiled,
  upsertCompiled,
  type CompiledSide,
} from './matching.compile.js';
import { kindCompatibility, locationCompatibility } from './matching.features.js';
import type { PreparedAm, PreparedPm } from './matching.profile.js';
import { evaluate, explainPrepared } from './matching.scorer.js';
import type { PairScore } from './matching.types.js';

export type { CompiledSide } from './matching.compile.js';

/** The marks scorer's compatibility of kinds and locations, for the compiled signatures. */
const MARK_COMPAT = { kind: kindCompatibility, location: locationCompatibility };

/** Compiles prepared records of one side for batch scoring (once per record set). */
export function compile(side: 'am' | 'pm', records: readonly (PreparedAm | PreparedPm)[]) {
  return compileSide(side, records, MARK_COMPAT);
}

/** Adds or replaces one record of a compiled side; returns the side (new when its arrays grew). */
export function upsert(side: CompiledSide, record: PreparedAm | PreparedPm): CompiledSide {
  return upsertCompiled(side, record, MARK_COMPAT);
}

/** Removes one record (by id) from a compiled side; false when it was not there. */
export function remove(side: CompiledSide, id: string): boolean {
  return removeCompiled(side, id, MARK_COMPAT);
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
let refinedScratch = new Float64Array(0);
let bandScratch = new Int32Array(0);
/**
 * A first pass computed by the caller (matching.batch.group.ts): the subject compiled, the
 * capped bound of every record of the other side (a gate of +Infinity), and the largest.
 */
export interface FirstPass {
  own: CompiledSide;
  bounds: Float64Array;
  best: number;
}

/** Width (log10) of the first band of bounds below the best one; later bands double it. */
const FIRST_BAND = 1;

/**
 * Ranks the records of the other side for one subject (a prepared report or remains): the
 * pairs that are not excluded and score at least `threshold`, best first (score, then id), at
 * most `topK`, each explained unless `explain` is false. Ranks exactly like `rankCandidates`:
 * every pair's upper bound is computed with the age term capped (sweepBounds, native when
 * built; or given as `first`), then pairs are scored exactly band by band of decreasing bound,
 * each band's bounds first refined without the cap (best first within a band); a pair is
 * skipped only when its
 * bound is below the threshold or below the k-th best exact score so far, and the bands stop as
 * soon as the k-th best score reaches the band's lower edge (ADR 0175, 0178).
 */
export function rankSubject(
  subject: PreparedAm | PreparedPm,
  others: CompiledSide,
  ctx: ScoreContext,
  options: RankOptions = {},
  first?: FirstPass,
): Ranking {
  const threshold = options.threshold ?? -Infinity;
  const topK = options.topK ?? Infinity;
  const n = others.records.length;
  const isAm = subject.side === 'am';
  const forced = forcedIndices(subject, others, ctx);
  if (boundScratch.length < n) {
    boundScratch = new Float64Array(n);
    refinedScratch = new Float64Array(n);
    bandScratch = new Int32Array(n);
  }
  let bounds: Float64Array = boundScratch;
  let best = Infinity;
  const sweep = chosenSweep().sweep;
  const own = forced === 'all' ? null : (first?.own ?? compile(subject.side, [subject]));
  const t = tolerances(ctx);
  if (own && first) {
    bounds = first.bounds;
    best = first.best;
  } else if (own) {
    // Every bound with the age term capped (a gate of +Infinity): no logarithm. A band's pairs
    // get their age terms when the band is reached (ADR 0178).
    best = sweep(own, others, bounds, t, 0, 0, n, Infinity, Infinity);
  }
  const kept: RankedPair[] = [];
  let evaluated = 0;
  // The score a pair must reach to be kept: the threshold, then the k-th best score so far.
  let cutoff = threshold;
  const score = (j: number) => {
    const other = others.records[j]!;
    evaluated++;
    const s = isAm
      ? evaluate(subject, other as PreparedPm, ctx, null)
      : evaluate(other as PreparedAm, subject, ctx, null);
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
    if (kept.length >= topK) {
      cutoff = Math.max(threshold, kept[kept.length - 1]!.score);
    }
  };
  // Pairs the bounds do not know (laboratory results, overrides) are scored first, whatever.
  if (forced === 'all') {
    for (let j = 0; j < n; j++) {
      score(j);
    }
    return finish(subject, others, ctx, kept, evaluated, options);
  }
  for (const j of forced) {
    score(j);
    bounds[j] = -Infinity;
  }
  if (best !== best) {
    best = Infinity; // a NaN bound (never expected): the band below scores every pair
  }
  // Bands [lower, upper) of bound, from the best bound down, until the cutoff reaches a band's
  // lower edge (every pair left is then below it) or the threshold ends the bands. Each band is
  // a heap popped best first; it stops at the first bound below the cutoff.
  const band = bandScratch;
  const refined = refinedScratch;
  let upper = Infinity;
  let width = FIRST_BAND;
  // Pairs of the band before whose refined bound fell below its lower edge: carried into this
  // band (already refined), at the start of `band`.
  let carried = 0;
  while (upper > -Infinity && upper >= cutoff) {
    let lower = Number.isFinite(best) ? Math.min(upper, best) - width : -Infinity;
    if (lower < threshold || !(lower > -Infinity)) {
      lower = threshold === -Infinity ? -Infinity : threshold;
    }
    let m = carried;
    // Pairs of the band already below the cutoff are left out: it only rises.
    const from = lower > cutoff ? lower : cutoff;
    for (let j = 0; j < n; j++) {
      const b = bounds[j]!;
      // NaN compares false both ways: scored in the last band (lower = -Infinity) at the latest.
      if ((b >= from && b < upper) || (b !== b && lower === -Infinity)) {
        band[m++] = j;
      }
    }
    // The band's bounds without the caps (except for pairs already below the cutoff), kept apart
    // so that each pair belongs to the band of its capped bound only.
    sweep(own!, others, refined, t, 0, carried, m, cutoff, Infinity, band);
    heapify(band, m, refined);
    carried = 0;
    for (; m > 0; m--) {
      const j = popBest(band, m, refined);
      const b = refined[j]!;
      if (b === b && b < cutoff) {
        break; // best first: every pair left in the band is below the cutoff too
      }
      if (b < lower) {
        band[m - 1] = j; // this pair and the rest go with the next band
        carried = m;
        break;
      }
      score(j);
    }
    if (lower <= threshold || lower === -Infinity) {
      break; // the band reached the threshold: nothing below it can be listed
    }
    upper = lower;
    width *= 2;
  }
  return finish(subject, others, ctx, kept, evaluated, options);
}

/** Explains the kept pairs (unless told not to) and returns the ranking. */
function finish(
  subject: PreparedAm | PreparedPm,
  others: CompiledSide,
  ctx: ScoreContext,
  kept: RankedPair[],
  evaluated: number,
  options: RankOptions,
): Ranking {
  const isAm = subject.side === 'am';
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
