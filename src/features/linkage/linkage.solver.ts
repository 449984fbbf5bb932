// One-to-one assignment of pairs above the threshold (greedy, best score first, as anonlink's
// solver does): a record is paired at most once per side.
import type { DicePair } from './linkage.dice.js';

/** The greedy one-to-one subset of scored pairs. */
export function greedyOneToOne(pairs: readonly DicePair[]): DicePair[] {
  const sorted = [...pairs].sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: DicePair[] = [];
  for (const p of sorted) {
    if (usedA.has(p.a) || usedB.has(p.b)) {
      continue;
    }
    usedA.add(p.a);
    usedB.add(p.b);
    out.push(p);
  }
  return out;
}
