// Linking two sets of encodings: exhaustively (every pair, for small sets) or through the LSH
// bands of linkage.blocking.ts, comparing each band's candidates with the wasm kernel and keeping
// each pair above the threshold once.
import { BandIndex, bandKeys, bandPositions, type LshParams } from './linkage.blocking.js';
import { DiceKernel, type DicePair, type PackedEncodings } from './linkage.dice.js';

/** Pairs above the threshold with the work done to find them. */
export interface LinkResult {
  pairs: DicePair[];
  /** Candidate pairs compared (with repeats across bands). */
  comparisons: number;
  skippedBuckets: number;
}

/** Every pair of A × B with Dice ≥ threshold, no blocking. */
export function linkAll(a: PackedEncodings, b: PackedEncodings, threshold: number): LinkResult {
  const k = new DiceKernel();
  k.load(a, b);
  const pairs: DicePair[] = [];
  const step = 256;
  for (let i = 0; i < a.n; i += step) {
    const r = k.block(threshold, i, Math.min(a.n, i + step), 0, b.n, step * b.n);
    pairs.push(...r.pairs);
  }
  return { pairs, comparisons: a.n * b.n, skippedBuckets: 0 };
}

/** Pairs with Dice ≥ threshold among the candidates of the given bands (all bands by default). */
export function linkBlocked(
  a: PackedEncodings,
  b: PackedEncodings,
  threshold: number,
  lsh: LshParams,
  bands?: readonly number[],
): LinkResult {
  const k = new DiceKernel();
  k.load(a, b);
  const positions = bandPositions(lsh);
  const index = new BandIndex(lsh.bitsPerBand);
  const seen = new Set<number>();
  const pairs: DicePair[] = [];
  const pass = (ia: number, ib: number, score: number): void => {
    const key = ia * b.n + ib;
    if (!seen.has(key)) {
      seen.add(key);
      pairs.push({ a: ia, b: ib, score });
    }
  };
  let comparisons = 0;
  let skippedBuckets = 0;
  for (const band of bands ?? positions.map((_, i) => i)) {
    const pos = positions[band]!;
    const maxBucket = Math.max(64, Math.ceil(a.n * (lsh.maxBucketShare ?? 1)));
    const r = index.candidates(
      bandKeys(a, pos),
      bandKeys(b, pos),
      (chunk) => k.eachPair(chunk, threshold, pass),
      1 << 16,
      maxBucket,
    );
    comparisons += r.candidates;
    skippedBuckets += r.skippedBuckets;
  }
  return { pairs, comparisons, skippedBuckets };
}
