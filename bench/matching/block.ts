// One block of the matching benchmark: regenerates the data from the seed, prepares and compiles
// the remains once, ranks a slice of the reports with the batch scorer (top 10 each), and
// measures how the true remains rank. After timing it checks a few reports against the
// reference scorer (every pair scored) to prove that pruning dropped nothing from the top ten.
import {
  createContext,
  evaluate,
  explainPrepared,
  prepareAm,
  preparePm,
} from '../../src/features/matching/index.js';
import { compile } from '../../src/features/matching/matching.batch.js';
import { rankGroup } from '../../src/features/matching/matching.batch.group.js';
import { readFileSync } from 'node:fs';
import { generate, type NoiseProfile } from './generator.js';

/**
 * CPU time of the calling thread in ms (Linux /proc, 10 ms ticks; NaN elsewhere). On a shared
 * machine a worker's wall time includes waiting for a core; its CPU time does not.
 */
export function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** A block of work: which data set (seed, sizes, noise profile) and which reports [from, to). */
export interface BlockTask {
  seed: number;
  n: number;
  m: number;
  profile: NoiseProfile;
  from: number;
  to: number;
  /** Every stride-th report of [from, to) is ranked (1: all; more to sample at large sizes). */
  stride: number;
  /** Reports of the block checked against the reference scorer after timing. */
  verify: number;
}

/** What one block measured. */
export interface BlockResult {
  subjects: number;
  /** Reports in the block that have true remains. */
  withTruth: number;
  top1: number;
  top10: number;
  /** True pairs excluded (by rule). */
  falseExclusions: number;
  falseExclusionRules: Record<string, number>;
  /** True pairs carrying strong evidence against them (a contradiction part). */
  contradicted: number;
  /** Pairs scored exactly (the rest were pruned by their bound). */
  evaluated: number;
  /** Milliseconds: preparing and compiling the remains, then ranking the slice. */
  compileMs: number;
  rankMs: number;
  /** The same two phases in CPU time of the worker's thread. */
  compileCpuMs: number;
  rankCpuMs: number;
  /** Reports checked against the reference, and how many ranked differently (must be 0). */
  verified: number;
  mismatches: number;
}

/** Runs one block. */
export function runBlock(task: BlockTask): BlockResult {
  const data = generate(task.seed, task.n, task.m, task.profile);
  const ctx = createContext();
  const c0 = threadCpuMs();
  const t0 = performance.now();
  const pms = data.pm.map(preparePm);
  const compiled = compile('pm', pms);
  const order: number[] = [];
  for (let i = task.from; i < task.to; i += task.stride) {
    order.push(i);
  }
  const ams = order.map((i) => prepareAm(data.am[i]!));
  const t1 = performance.now();
  const c1 = threadCpuMs();
  const result: BlockResult = {
    subjects: ams.length,
    withTruth: 0,
    top1: 0,
    top10: 0,
    falseExclusions: 0,
    falseExclusionRules: {},
    contradicted: 0,
    evaluated: 0,
    compileMs: t1 - t0,
    rankMs: 0,
    compileCpuMs: c1 - c0,
    rankCpuMs: 0,
    verified: 0,
    mismatches: 0,
  };
  const top: string[][] = [];
  // The reports are ranked as a regional run ranks them: first passes in groups (rankGroup).
  rankGroup(ams, compiled, ctx, { topK: 10, explain: false }, (ranking, i) => {
    result.evaluated += ranking.evaluated;
    const t = data.truth[order[i]!]!;
    if (i < task.verify) {
      top.push(ranking.pairs.map((p) => `${p.id} ${p.score}`));
    }
    if (t < 0) {
      return;
    }
    result.withTruth++;
    const rank = ranking.pairs.findIndex((p) => p.index === t);
    result.top1 += rank === 0 ? 1 : 0;
    result.top10 += rank >= 0 ? 1 : 0;
  });
  result.rankMs = performance.now() - t1;
  result.rankCpuMs = threadCpuMs() - c1;
  // After timing: why true pairs were excluded or contradicted (explaining builds strings).
  for (let i = 0; i < ams.length; i++) {
    const t = data.truth[order[i]!]!;
    if (t < 0) {
      continue;
    }
    const explained = explainPrepared(ams[i]!, pms[t]!, ctx);
    if (explained.excluded) {
      result.falseExclusions++;
      for (const e of explained.exclusions) {
        result.falseExclusionRules[e.rule] = (result.falseExclusionRules[e.rule] ?? 0) + 1;
      }
    }
    if (explained.parts.some((p) => p.explanation.endsWith('strong evidence against'))) {
      result.contradicted++;
    }
  }
  // The proof: the reference scorer over every pair gives the same top ten, scores included.
  for (let i = 0; i < top.length; i++) {
    const all = pms
      .map((p) => ({ id: p.id, score: evaluate(ams[i]!, p, ctx, null) }))
      .filter((x) => x.score !== -Infinity)
      .sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
    const reference = all.slice(0, 10).map((p) => `${p.id} ${p.score}`);
    result.verified++;
    result.mismatches += reference.join('|') === top[i]!.join('|') ? 0 : 1;
  }
  return result;
}
