// Ranking many subjects against one compiled side (regional runs: matching.parallel.worker.ts,
// the benchmark's blocks): the first pass of the batch scorer (every bound with the age term
// capped, ADR 0178) runs for a group of subjects together, chunk by chunk of the other side, so
// that a chunk's arrays come from cache for every subject of the group instead of from memory
// for each (at 100k records a side, one pass reads ~18 MB). Each subject is then ranked by
// rankSubject on its own bounds, so the rankings are exactly rankSubject's.
import { tolerances } from './matching.bounds.js';
import { compile, rankSubject, type Ranking, type RankOptions } from './matching.batch.js';
import type { CompiledSide } from './matching.compile.js';
import type { ScoreContext } from './matching.context.js';
import type { PreparedAm, PreparedPm } from './matching.profile.js';
import { chosenSweep } from './matching.sweep.native.js';

/** Subjects whose first passes share each chunk of the other side. */
const GROUP = 8;
/** Records of the other side in a chunk (~180 bytes each in the swept arrays: ~0.7 MB). */
const CHUNK = 4096;

let scratch: Float64Array[] = [];

/**
 * Ranks every subject against `others` as rankSubject does (same options, same rankings, in
 * subject order), the first passes computed GROUP subjects at a time; `each` receives every
 * ranking as it is made (so a caller can measure or keep only what it needs).
 */
export function rankGroup(
  subjects: readonly (PreparedAm | PreparedPm)[],
  others: CompiledSide,
  ctx: ScoreContext,
  options: RankOptions,
  each: (ranking: Ranking, index: number) => void,
): void {
  const n = others.records.length;
  if (scratch.length < GROUP || scratch[0]!.length < n) {
    scratch = Array.from({ length: GROUP }, () => new Float64Array(n));
  }
  const sweep = chosenSweep().sweep;
  const t = tolerances(ctx);
  for (let g = 0; g < subjects.length; g += GROUP) {
    const group = subjects.slice(g, g + GROUP);
    const owns = group.map((s) => compile(s.side, [s]));
    const best = group.map(() => -Infinity);
    for (let from = 0; from < n; from += CHUNK) {
      const to = Math.min(n, from + CHUNK);
      for (let k = 0; k < group.length; k++) {
        const b = sweep(owns[k]!, others, scratch[k]!, t, 0, from, to, Infinity, Infinity);
        if (b > best[k]!) {
          best[k] = b;
        }
      }
    }
    for (let k = 0; k < group.length; k++) {
      const first = { own: owns[k]!, bounds: scratch[k]!, best: best[k]! };
      each(rankSubject(group[k]!, others, ctx, options, first), g + k);
    }
  }
}
