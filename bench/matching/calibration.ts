// Calibration of the combined score (`npm run bench:matching -- --calibrate`): scores every pair
// of a data set with the reference scorer, fits the slope b of log10 LR = b × raw score by
// maximum likelihood on noise profile A, and prints how well scores read as likelihood ratios
// on both profiles (empirical log10 LR per score band: true pairs' share over other pairs').
import {
  createContext,
  evaluate,
  prepareAm,
  preparePm,
} from '../../src/features/matching/index.js';
import { CALIBRATION } from '../../src/features/matching/matching.weights.js';
import { generate, type NoiseProfile } from './generator.js';

interface Scores {
  truePairs: Float64Array;
  otherPairs: Float64Array;
}

/** Raw (uncalibrated) scores of every pair that is not excluded. */
function rawScores(seed: number, size: number, profile: NoiseProfile): Scores {
  const data = generate(seed, size, size, profile);
  const ctx = createContext();
  const pms = data.pm.map(preparePm);
  const truePairs: number[] = [];
  const otherPairs: number[] = [];
  for (const [i, am] of data.am.map(prepareAm).entries()) {
    for (let j = 0; j < pms.length; j++) {
      const s = evaluate(am, pms[j]!, ctx, null) / CALIBRATION.slope;
      if (s !== -Infinity) {
        (data.truth[i] === j ? truePairs : otherPairs).push(s);
      }
    }
  }
  return { truePairs: Float64Array.from(truePairs), otherPairs: Float64Array.from(otherPairs) };
}

/** Log-likelihood of "is the true pair" under log10 posterior odds = log10(prior) + b × raw. */
function logLikelihood(s: Scores, b: number): number {
  const prior = Math.log10(s.truePairs.length / s.otherPairs.length);
  const logSig = (z: number) => -Math.log1p(Math.exp(-z)); // ln σ(z)
  let ll = 0;
  for (const x of s.truePairs) {
    ll += logSig(Math.LN10 * (prior + b * x));
  }
  for (const x of s.otherPairs) {
    ll += logSig(-Math.LN10 * (prior + b * x));
  }
  return ll;
}

function fit(s: Scores): number {
  let best = 1;
  let bestLl = -Infinity;
  for (let b = 0.2; b <= 1.6; b += 0.01) {
    const ll = logLikelihood(s, b);
    if (ll > bestLl) {
      bestLl = ll;
      best = b;
    }
  }
  return Math.round(best * 100) / 100;
}

/** Empirical log10 LR per band of calibrated score: P(band | same) / P(band | different). */
function reliability(s: Scores, b: number): string[] {
  const bands = [-Infinity, -2, 0, 1, 2, 3, 4, 6, Infinity];
  const lines: string[] = [];
  for (let k = 0; k + 1 < bands.length; k++) {
    const [lo, hi] = [bands[k]!, bands[k + 1]!];
    const inBand = (x: number) => b * x >= lo && b * x < hi;
    const t = s.truePairs.filter(inBand);
    const o = s.otherPairs.filter(inBand);
    const empirical = Math.log10(t.length / s.truePairs.length / (o.length / s.otherPairs.length));
    const mean =
      t.length + o.length > 0
        ? b * ([...t, ...o].reduce((x, y) => x + y, 0) / (t.length + o.length))
        : NaN;
    lines.push(
      `| ${lo} … ${hi} | ${t.length} | ${o.length} | ${mean.toFixed(2)} | ${Number.isFinite(empirical) ? empirical.toFixed(2) : '—'} |`,
    );
  }
  return lines;
}

/** Fits the slope on profile A and prints the reliability of scores on A and B. */
export function calibrate(seed: number, size: number): void {
  const a = rawScores(seed, size, 'A');
  const b = rawScores(seed, size, 'B');
  const slopeA = fit(a);
  console.log(
    `Calibration on ${size} × ${size} pairs: slope fitted on profile A ${slopeA} (profile B alone would give ${fit(b)}; in use: ${CALIBRATION.slope})`,
  );
  for (const [name, s] of [
    ['A', a],
    ['B', b],
  ] as const) {
    console.log(
      `\nProfile ${name}, slope ${slopeA}: score band | true pairs | other pairs | mean score | empirical log10 LR`,
    );
    console.log('|---|---|---|---|---|');
    for (const line of reliability(s, slopeA)) {
      console.log(line);
    }
  }
}
