// Continuous likelihood ratios of age, elapsed time and distance (docs/matching.md, "Time" and
// "Distance"): each is P(observation | same person) / P(observation | different persons), from a
// mixture of exponential error components under Hp and the spread of a node's records under Hd,
// with an "unrelated record" component that bounds how far the evidence can go against a pair.
import { AGE_MODEL, CONTRADICTION, DISTANCE_MODEL, TIME_MODEL } from './matching.weights.js';

const S = TIME_MODEL.spanDays;
const FLOOR = TIME_MODEL.hdFloor;
/** Elapsed time from which the Hd density stays at its floor. */
const FLAT_FROM = S * (1 - FLOOR);
const COMPONENTS = TIME_MODEL.components;

/** Density of the elapsed time (days, either sign) between unrelated records: triangular, floored. */
export function timeHdDensity(t: number): number {
  return Math.max(1 - Math.abs(t) / S, FLOOR) / S;
}

/** Integral of the Hd density from 0 to t ≥ 0. */
function timeHdMass(t: number): number {
  if (t <= FLAT_FROM) {
    return (t - (t * t) / (2 * S)) / S;
  }
  return (FLAT_FROM - (FLAT_FROM * FLAT_FROM) / (2 * S) + FLOOR * (t - FLAT_FROM)) / S;
}

/** Hp density of an elapsed time t ≥ 0 without the unrelated-record share (decreasing in t). */
export function timeHpDensity(t: number): number {
  let f = 0;
  for (const c of COMPONENTS) {
    f += (c.weight * Math.exp(-t / c.meanDays)) / c.meanDays;
  }
  return f;
}

/**
 * Log10 LR of a recovery between lo and hi days after the last sighting (0 ≤ lo ≤ hi): the Hp
 * mass of the interval over its Hd mass, plus the share of unrelated records.
 */
export function elapsedLog10Lr(lo: number, hi: number): number {
  if (hi <= lo) {
    return Math.log10(TIME_MODEL.wrongDate + timeHpDensity(lo) / timeHdDensity(lo));
  }
  let hp = 0;
  for (const c of COMPONENTS) {
    hp += c.weight * (Math.exp(-lo / c.meanDays) - Math.exp(-hi / c.meanDays));
  }
  return Math.log10(TIME_MODEL.wrongDate + hp / (timeHdMass(hi) - timeHdMass(lo)));
}

/**
 * Log10 LR of a recovery `days` (≥ 0) before the family's last-seen date: a family gives a date
 * a little too late in some reports (decaying over weeks), or a wrong one altogether. Never
 * positive: a recovery before the last sighting does not count for a pair.
 */
export function earlyLog10Lr(days: number): number {
  const hp = (LATE_WEIGHT * Math.exp(-days / LATE_MEAN_DAYS)) / LATE_MEAN_DAYS;
  return Math.min(0, Math.log10(EARLY_WRONG_DATE + hp / timeHdDensity(days)));
}
const LATE_WEIGHT = TIME_MODEL.lateDate.weight;
const LATE_MEAN_DAYS = TIME_MODEL.lateDate.meanDays;
const EARLY_WRONG_DATE = TIME_MODEL.earlyWrongDate;

/**
 * Log10 LR of a recovery `km` from the last-seen place: under Hp a mixture of 2-D displacements
 * (each component's density per km² is e^(−r/s)/(2πs²)), under Hd records spread evenly over the
 * node's area (density 1/area); decreasing in km, at least log10 of the wrong-place share.
 */
export function distanceLog10Lr(km: number): number {
  let lr = DISTANCE_MODEL.wrongPlace;
  for (const c of DISTANCE_MODEL.components) {
    lr +=
      (DISTANCE_MODEL.areaKm2 * c.weight * Math.exp(-km / c.scaleKm)) /
      (2 * Math.PI * c.scaleKm * c.scaleKm);
  }
  return Math.log10(lr);
}

/**
 * Upper bounds of the elapsed-time log10 LR for every time from `edges[b-1]` on (from 0 for
 * b = 0): both densities decrease, so on a step [g, g+h] the ratio is at most Hp(g) / Hd(g+h);
 * the maximum over fine steps from the edge to where Hd is flat (then the ratio only decreases).
 */
export function elapsedBounds(edges: readonly number[]): Float64Array {
  const out = new Float64Array(edges.length);
  let best: number;
  const step = 0.25;
  let g = FLAT_FROM;
  best = timeHpDensity(g) / timeHdDensity(g);
  // Walk down from the flat part, recording the running maximum at each edge.
  for (let b = edges.length - 1; b >= 0; b--) {
    const from = b === 0 ? 0 : edges[b - 1]!;
    for (; g > from; g -= step) {
      const lo = Math.max(from, g - step);
      best = Math.max(best, timeHpDensity(lo) / timeHdDensity(g));
    }
    out[b] = Math.log10(TIME_MODEL.wrongDate + best);
  }
  return out;
}

// The age model's constants, read once (an imported binding is a getter under tsx; ADR 0177).
const AGE_BAND_UP_TO = AGE_MODEL.population.map((band) => band.upTo);
const AGE_BAND_DENSITY = AGE_MODEL.population.map((band) =>
  Math.max(AGE_MODEL.minDensity, band.share / (band.upTo - band.from)),
);
const AGE_MIN_DENSITY = AGE_MODEL.minDensity;
const AGE_RESIDUAL_VARIANCE = AGE_MODEL.residualSd ** 2;
const AGE_GROSS_FACTOR = AGE_MODEL.grossFactor;
const AGE_GROSS_SHARE = AGE_MODEL.grossShare;
const AGE_FINE_SHARE = 1 - AGE_MODEL.grossShare;
const AGE_FLOOR = CONTRADICTION.floor;

/** Population age density (per year) at an age, from AGE_MODEL.population (floored). */
function ageDensity(age: number): number {
  for (let b = 0; b < AGE_BAND_UP_TO.length; b++) {
    if (age < AGE_BAND_UP_TO[b]!) {
      return AGE_BAND_DENSITY[b]!;
    }
  }
  return AGE_MIN_DENSITY;
}

/**
 * Log10 LR of an estimated age range [pMin, pMax] against a reported one [aMin, aMax] (already
 * aged to the recovery): under Hp the centres differ by a normal error whose variance adds the
 * ranges' own (a reported range as a uniform, an examiner's as ±2 sd) to a residual error, with a
 * wider component for gross errors; under Hd the estimate is any person's age (population density
 * at the estimate). Floored at CONTRADICTION.floor.
 */
export function ageLog10Lr(aMin: number, aMax: number, pMin: number, pMax: number): number {
  const d = (pMin + pMax) / 2 - (aMin + aMax) / 2;
  const wa = aMax - aMin;
  const wp = (pMax - pMin) / 4;
  const s2 = AGE_RESIDUAL_VARIANCE + (wa * wa) / 12 + wp * wp;
  const s = Math.sqrt(s2);
  const wide = s * AGE_GROSS_FACTOR;
  const hp =
    (AGE_FINE_SHARE * Math.exp((-0.5 * d * d) / s2)) / s +
    (AGE_GROSS_SHARE * Math.exp((-0.5 * d * d) / (wide * wide))) / wide;
  const lr = Math.log10(hp / SQRT_2PI / ageDensity((pMin + pMax) / 2));
  return Math.max(AGE_FLOOR, lr);
}
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** e^(−i/EXP_STEPS) for i = 0 … EXP_STEPS·EXP_TOP: e^(−x) ≤ EXP_DOWN[floor(x·EXP_STEPS)] for x ≥ 0. */
const EXP_STEPS = 64;
const EXP_TOP = 60;
const EXP_DOWN = Float64Array.from({ length: EXP_STEPS * EXP_TOP + 1 }, (_, i) =>
  Math.exp(-i / EXP_STEPS),
);
const EXP_LAST = EXP_DOWN.length - 1;

/** An upper bound of e^(−x) for x ≥ 0 from the table (no exponential computed). */
function expDown(x: number): number {
  const i = Math.floor(x * EXP_STEPS);
  return EXP_DOWN[i < EXP_LAST ? i : EXP_LAST]!;
}

/**
 * Upper bound of `ageLog10Lr` for the matching bounds (matching.bounds.ts, ADR 0177): the same
 * formula with each exponential taken from a table rounded down in its argument (at most 1/64
 * too high in the exponent, ~0.007 in log10), so it costs one logarithm and no exponential.
 */
export function ageLog10Ub(aMin: number, aMax: number, pMin: number, pMax: number): number {
  const d = (pMin + pMax) / 2 - (aMin + aMax) / 2;
  if (d !== d) {
    return d; // a missing bound of a range: NaN, as ageLog10Lr gives
  }
  const wa = aMax - aMin;
  const wp = (pMax - pMin) / 4;
  const s2 = AGE_RESIDUAL_VARIANCE + (wa * wa) / 12 + wp * wp;
  const s = Math.sqrt(s2);
  const wide = s * AGE_GROSS_FACTOR;
  const half = 0.5 * d * d;
  const hp =
    (AGE_FINE_SHARE * expDown(half / s2)) / s +
    (AGE_GROSS_SHARE * expDown(half / (wide * wide))) / wide;
  const lr = Math.log10(hp / SQRT_2PI / ageDensity((pMin + pMax) / 2));
  return Math.max(AGE_FLOOR, lr);
}

/**
 * Upper bound of `ageLog10Ub(aMin, aMax, pMin, pMax)` over every reported range [aMin, aMax]
 * (centres equal, reported width 0): the most an age estimate [pMin, pMax] can add. Used to skip
 * the age term of pairs that cannot reach a band anyway (matching.sweep.ts).
 */
export function ageLog10Cap(pMin: number, pMax: number): number {
  const wp = (pMax - pMin) / 4;
  const s = Math.sqrt(AGE_RESIDUAL_VARIANCE + wp * wp);
  const hp = (AGE_FINE_SHARE + AGE_GROSS_SHARE / AGE_GROSS_FACTOR) / s;
  // The margin covers the rounding of the different order of operations.
  return Math.max(AGE_FLOOR, Math.log10(hp / SQRT_2PI / ageDensity((pMin + pMax) / 2))) + 1e-9;
}

/** earlyLog10Lr by whole days up to EARLY_DAYS (the same values, computed once). */
const EARLY_DAYS = 4096;
const EARLY_BY_DAY = Float64Array.from({ length: EARLY_DAYS }, (_, d) => earlyLog10Lr(d));

/**
 * `earlyLog10Lr(days)`, from a table for whole days (bit for bit the same value; dates are whole
 * days) and computed otherwise.
 */
export function earlyLog10LrFast(days: number): number {
  return days >= 0 && days < EARLY_DAYS && days === Math.floor(days)
    ? EARLY_BY_DAY[days]!
    : earlyLog10Lr(days);
}

/**
 * The constants and tables of `ageLog10Ub` and `earlyLog10LrFast`, for the native sweep
 * (matching.sweep.native.ts, ADR 0178), which computes the same values from them.
 */
export const DENSITY_TABLES = {
  ageResidualVariance: AGE_RESIDUAL_VARIANCE,
  ageGrossFactor: AGE_GROSS_FACTOR,
  ageGrossShare: AGE_GROSS_SHARE,
  ageFineShare: AGE_FINE_SHARE,
  ageFloor: AGE_FLOOR,
  sqrt2Pi: SQRT_2PI,
  ageMinDensity: AGE_MIN_DENSITY,
  ageBandUpTo: Float64Array.from(AGE_BAND_UP_TO),
  ageBandDensity: Float64Array.from(AGE_BAND_DENSITY),
  expSteps: EXP_STEPS,
  expDown: EXP_DOWN,
  earlyByDay: EARLY_BY_DAY,
  lateWeight: LATE_WEIGHT,
  lateMeanDays: LATE_MEAN_DAYS,
  earlyWrongDate: EARLY_WRONG_DATE,
  timeSpanDays: S,
  timeHdFloor: FLOOR,
};
