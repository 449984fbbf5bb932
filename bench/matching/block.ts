// Scores a block of reports against all remains and measures how the true remains rank. Used by
// each worker thread and, for the single-thread baseline, by the main thread.
import {
  createContext,
  evaluate,
  explainPrepared,
  prepareAm,
  preparePm,
  type PreparedAm,
  type PreparedPm,
  type ScoreContext,
} from '../../src/features/matching/index.js';
import { generate } from './generator.js';

/** A block of work: which data set (seed, sizes) and which reports [from, to). */
export interface BlockTask {
  seed: number;
  n: number;
  m: number;
  from: number;
  to: number;
  threshold: number;
}

/** What one block measured. */
export interface BlockResult {
  pairs: number;
  /** Reports in the block that have true remains. */
  withTruth: number;
  top1: number;
  top10: number;
  /** True pairs excluded, by exclusion rule. */
  falseExclusions: number;
  falseExclusionRules: Record<string, number>;
  /** Pairs at or above the threshold (candidates a reviewer would see). */
  candidates: number;
  /** Milliseconds: preparing profiles, then scoring all pairs. */
  prepareMs: number;
  scoreMs: number;
}

/** Runs one block: regenerates the data from the seed, prepares it, scores every pair. */
export function runBlock(task: BlockTask): BlockResult {
  const data = generate(task.seed, task.n, task.m);
  const t0 = performance.now();
  const ctx = createContext();
  const pms: PreparedPm[] = data.pm.map(preparePm);
  const ams = data.am.slice(task.from, task.to).map(prepareAm);
  const result: BlockResult = {
    pairs: 0,
    withTruth: 0,
    top1: 0,
    top10: 0,
    falseExclusions: 0,
    falseExclusionRules: {},
    candidates: 0,
    prepareMs: performance.now() - t0,
    scoreMs: 0,
  };
  // JIT warm-up (untimed): the first few hundred reports, so that timing sees optimised code.
  const counts = new Int32Array(2);
  for (let i = 0; i < Math.min(ams.length, 200); i++) {
    scoreRow(ams[i]!, pms, ctx, -1, task.threshold, counts);
  }
  const t1 = performance.now();
  const excludedTrue: number[] = [];
  for (let i = 0; i < ams.length; i++) {
    const am = ams[i]!;
    const t = data.truth[task.from + i]!;
    const trueScore = scoreRow(am, pms, ctx, t, task.threshold, counts);
    result.candidates += counts[0]!;
    const ahead = counts[1]!;
    result.pairs += pms.length;
    if (t < 0) {
      continue;
    }
    result.withTruth++;
    if (trueScore === -Infinity) {
      excludedTrue.push(i);
      continue;
    }
    if (ahead === 0) {
      result.top1++;
    }
    if (ahead < 10) {
      result.top10++;
    }
  }
  result.scoreMs = performance.now() - t1;
  // Explain the wrongly excluded true pairs after timing (explaining builds strings).
  result.falseExclusions = excludedTrue.length;
  for (const i of excludedTrue) {
    const t = data.truth[task.from + i]!;
    for (const e of explainPrepared(ams[i]!, pms[t]!, ctx).exclusions) {
      result.falseExclusionRules[e.rule] = (result.falseExclusionRules[e.rule] ?? 0) + 1;
    }
  }
  return result;
}

/**
 * Scores one report against all remains; writes the number of candidates at or above the
 * threshold and the number of remains scoring at least as high as the true one into `out`.
 */
function scoreRow(
  am: PreparedAm,
  pms: PreparedPm[],
  ctx: ScoreContext,
  t: number,
  threshold: number,
  out: Int32Array,
): number {
  const trueScore = t >= 0 ? evaluate(am, pms[t]!, ctx, null) : NaN;
  let candidates = 0;
  let ahead = 0;
  for (let j = 0; j < pms.length; j++) {
    const s = evaluate(am, pms[j]!, ctx, null);
    if (s >= threshold) {
      candidates++;
    }
    if (j !== t && s >= trueScore) {
      ahead++;
    }
  }
  out[0] = candidates;
  out[1] = ahead;
  return trueScore;
}
