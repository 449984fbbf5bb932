// Upper bounds of a pair's calibrated score from compiled records (matching.compile.ts): no
// strings, no closures, no logarithms per pair. Every bound is at least the score `evaluate`
// gives the pair without laboratory results or overrides (ADR 0035); the batch tests check it.
import type { ScoreContext } from './matching.context.js';
import {
  DENTAL_MISSING,
  DENTAL_NOT_MISSING_LIKE,
  DENTAL_PRESENT,
  DENTAL_SOUND,
  DENTAL_STRIDE,
  DENTAL_TREATED,
  DENTAL_WORDS,
  SIGNATURE_WORDS,
  type CompiledSide,
} from './matching.compile.js';
import {
  ageLog10Ub,
  distanceLog10Lr,
  earlyLog10LrFast,
  elapsedBounds,
} from './matching.density.js';
import {
  CALIBRATION,
  CONTRADICTION,
  DENTAL,
  EFFECTS,
  IMPLANTS,
  INCIDENT,
  MARKS,
  RANGE_MIN_CHANCE,
  RANGE_MODEL,
  ROUTE,
  SEX_ACCURACY,
  SEX_SHARE,
} from './matching.weights.js';

const EARTH_RADIUS_KM = 6371.0088;
/** Relative slack on bounds, far above floating-point error (bounds are never too low). */
export const SLACK = 1e-9;

/** Bin edges (days) of the elapsed-time bound: finer where the evidence changes fast. */
export const TIME_UP_TO = Float64Array.from([
  0,
  1,
  2,
  3,
  5,
  7,
  10,
  14,
  21,
  30,
  45,
  60,
  90,
  120,
  180,
  270,
  365,
  540,
  730,
  1100,
  1500,
  Infinity,
]);
/** Per time bin: an upper bound of the log10 LR of any elapsed time above the previous edge. */
export const TIME_UB = elapsedBounds([...TIME_UP_TO]);
/** Bin edges (km) of the distance bound. */
const DIST_UP_TO = [
  2,
  5,
  10,
  15,
  20,
  30,
  40,
  50,
  65,
  80,
  100,
  125,
  150,
  200,
  250,
  300,
  400,
  500,
  700,
  1000,
  1500,
  Infinity,
];
/** Per distance bin: the log10 LR at the previous edge (the LR decreases with distance). */
export const DIST_UB = Float64Array.from(DIST_UP_TO, (_, b) =>
  distanceLog10Lr(b === 0 ? 0 : DIST_UP_TO[b - 1]!),
);
/** Squared chord length of each distance bin's upper limit on the unit sphere (a little wider). */
export const DIST_CHORD2 = Float64Array.from(DIST_UP_TO, (km) =>
  km === Infinity ? Infinity : (2 * Math.sin(km / (2 * EARTH_RADIUS_KM))) ** 2 * (1 + 1e-6),
);

/** -log10 of the chance of overlap for integer width sums (bound: widths rounded down). */
function overlapTable(spread: number): Float64Array {
  const t = new Float64Array(Math.ceil(spread) + 1);
  for (let w = 0; w < t.length; w++) {
    t[w] = -Math.log10(Math.min(1, Math.max(RANGE_MIN_CHANCE, w / spread)));
  }
  return t;
}
/** -log10 overlap chance by integer width sum, for age and stature. */
export const AGE_OVERLAP = overlapTable(RANGE_MODEL.age.spread);
export const STATURE_OVERLAP = overlapTable(RANGE_MODEL.stature.spread);
/** log10 P(overlap | same person), for age and stature. */
export const LOG_AGE_OVERLAP = Math.log10(RANGE_MODEL.age.pOverlapSame);
export const LOG_STATURE_OVERLAP = Math.log10(RANGE_MODEL.stature.pOverlapSame);

/** Sex log10 LR by AM sex, PM sex (1 male, 2 female) and PM certainty: index a*6 + p*2 + c. */
export const SEX_LR = new Float64Array(18);
for (const a of [1, 2]) {
  for (const p of [1, 2]) {
    for (const c of [0, 1]) {
      const acc = c ? SEX_ACCURACY.certain : SEX_ACCURACY.probable;
      const share = p === 1 ? SEX_SHARE.male : 1 - SEX_SHARE.male;
      const pDiff = share * acc + (1 - share) * (1 - acc);
      SEX_LR[a * 6 + p * 2 + c] = Math.log10((a === p ? acc : 1 - acc) / pDiff);
    }
  }
}

/** Bound of a range's log10 LR (age or stature) given both ranges (already aged). */
export function rangeUb(
  aMin: number,
  aMax: number,
  aWidth: number,
  pMin: number,
  pMax: number,
  pWidth: number,
  tolerance: number,
  logNear: number,
  logOverlap: number,
  table: Float64Array,
): number {
  if (table === AGE_OVERLAP) {
    // Age follows the continuous model (matching.density.ts): its bound with tabled exponentials.
    return ageLog10Ub(aMin, aMax, pMin, pMax);
  }
  const gap = Math.max(pMin - aMax, aMin - pMax, 0);
  if (gap > 0) {
    const near = logNear - (0.5 * Math.min(gap, tolerance)) / tolerance;
    if (gap <= tolerance) {
      return near;
    }
    return Math.max(
      CONTRADICTION.floor,
      near - (CONTRADICTION.rangeBeyondSlope * (gap - tolerance)) / tolerance,
    );
  }
  const w = Math.floor(aWidth + pWidth);
  return logOverlap + table[w < table.length ? w : table.length - 1]!;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Bound of the dental part: the positive agreements, less the surely unexplainable teeth. */
export function dentalUb(A: CompiledSide, ai: number, P: CompiledSide, pi: number): number {
  if (A.hasDental[ai] === 2 || P.hasDental[pi] === 2) {
    return DENTAL.max;
  }
  const a = ai * DENTAL_STRIDE;
  const p = pi * DENTAL_STRIDE;
  const ad = A.dental;
  const pd = P.dental;
  let total = 0;
  // No closures here: tsx keeps function names with a defineProperty per closure (ADR 0030).
  for (let w = 0; w < DENTAL_WORDS; w++) {
    const aTreated = ad[a + DENTAL_TREATED * DENTAL_WORDS + w]!;
    const aMissing = ad[a + DENTAL_MISSING * DENTAL_WORDS + w]!;
    const aPresent = ad[a + DENTAL_PRESENT * DENTAL_WORDS + w]!;
    total +=
      DENTAL.sameTreatment * popcount(aTreated & pd[p + DENTAL_TREATED * DENTAL_WORDS + w]!) +
      DENTAL.bothMissing * popcount(aMissing & pd[p + DENTAL_MISSING * DENTAL_WORDS + w]!) +
      DENTAL.bothPresent * popcount(aPresent & pd[p + DENTAL_PRESENT * DENTAL_WORDS + w]!) +
      DENTAL.unexplainable *
        (popcount(aMissing & pd[p + DENTAL_NOT_MISSING_LIKE * DENTAL_WORDS + w]!) +
          popcount(aTreated & pd[p + DENTAL_SOUND * DENTAL_WORDS + w]!));
  }
  return Math.min(DENTAL.max, Math.max(DENTAL.min, total));
}

if (SIGNATURE_WORDS !== 2) {
  throw new Error('matching.bounds.ts reads two signature words a record');
}

/** Whether the signatures (two words a record) of records ai and pi share a bit. */
function meets(a: Int32Array, p: Int32Array, ai: number, pi: number): boolean {
  return ((a[2 * ai]! & p[2 * pi]!) | (a[2 * ai + 1]! & p[2 * pi + 1]!)) !== 0;
}

/** Constants of a run that depend on its tolerances. */
export interface Tolerances {
  age: number;
  stature: number;
  logNearAge: number;
  logNearStature: number;
}

export function tolerances(ctx: ScoreContext): Tolerances {
  const near = (model: { pNearSame: number; spread: number }, tol: number) =>
    Math.log10(model.pNearSame / Math.min(1, (2 * tol) / model.spread));
  return {
    age: ctx.ageTolerance,
    stature: ctx.statureTolerance,
    logNearAge: near(RANGE_MODEL.age, ctx.ageTolerance),
    logNearStature: near(RANGE_MODEL.stature, ctx.statureTolerance),
  };
}

/**
 * Upper bound of the calibrated score of pair (A[ai], P[pi]) without laboratory results or
 * overrides (pairs that have them are always scored exactly).
 */
export function pairUb(
  A: CompiledSide,
  ai: number,
  P: CompiledSide,
  pi: number,
  t: Tolerances,
): number {
  let ub = 0;
  const as = A.sex[ai]!;
  const ps = P.sex[pi]!;
  if (as !== 0 && ps !== 0) {
    ub += SEX_LR[as * 6 + ps * 2 + P.certain[pi]!]!;
  }
  const aE = A.dayEarliest[ai]!;
  const aL = A.dayLatest[ai]!;
  const pE = P.dayEarliest[pi]!;
  const pL = P.dayLatest[pi]!;
  // Time (NaN compares false: no dates, no part).
  if (aE === aE && pE === pE) {
    const hi = pL - aE;
    if (hi < 0) {
      ub += earlyLog10LrFast(-hi);
    } else {
      const lo = Math.max(0, pE - aL);
      let b = 0;
      while (lo > TIME_UP_TO[b]!) {
        b++;
      }
      ub += TIME_UB[b]!;
    }
  }
  const aStat = A.statureMin[ai]!;
  const pStat = P.statureMin[pi]!;
  if (aStat === aStat && pStat === pStat) {
    ub += rangeUb(
      aStat,
      A.statureMax[ai]!,
      A.statureWidth[ai]!,
      pStat,
      P.statureMax[pi]!,
      P.statureWidth[pi]!,
      t.stature,
      t.logNearStature,
      LOG_STATURE_OVERLAP,
      STATURE_OVERLAP,
    );
  }
  const ax = A.x[ai]!;
  const px = P.x[pi]!;
  if (ax === ax && px === px) {
    const dx = ax - px;
    const dy = A.y[ai]! - P.y[pi]!;
    const dz = A.z[ai]! - P.z[pi]!;
    const chord2 = dx * dx + dy * dy + dz * dz;
    let b = 0;
    while (chord2 > DIST_CHORD2[b]!) {
      b++;
    }
    ub += DIST_UB[b]!;
  }
  const ai1 = A.incident[ai]!;
  const pi1 = P.incident[pi]!;
  if (ai1 !== 0 && pi1 !== 0) {
    ub += ai1 === pi1 ? INCIDENT.same : INCIDENT.different;
  } else if (A.route[ai] !== 0 && P.route[pi] !== 0) {
    ub += A.route[ai] === P.route[pi] ? ROUTE.same : ROUTE.different;
  }
  const am = A.marksUb[ai]!;
  const pm = P.marksUb[pi]!;
  if (am > 0 && pm > 0 && meets(A.markPairs, P.markPairs, ai, pi)) {
    // Without a shared description token no pair of marks earns a description bonus.
    ub += meets(A.markText, P.markText, ai, pi)
      ? Math.min(MARKS.max, am, pm)
      : Math.min(MARKS.max, A.marksPlainUb[ai]!, P.marksPlainUb[pi]!);
  }
  if (A.implants[ai] && P.implants[pi]) {
    ub += IMPLANTS.serialMatch;
  }
  if (meets(A.effectKeys, P.effectKeys, ai, pi)) {
    ub += Math.min(EFFECTS.max, A.effectsUb[ai]!, P.effectsUb[pi]!);
  }
  // Age and dental last: the sweep may put the age cap in its place (matching.sweep.ts).
  const aAgeMin = A.ageMin[ai]!;
  const pAgeMin = P.ageMin[pi]!;
  if (aAgeMin === aAgeMin && pAgeMin === pAgeMin) {
    const early = pE - aL;
    const late = pL - aE;
    const aMin = early > 0 ? aAgeMin + early / 365.25 : aAgeMin;
    const aMax = late > 0 ? A.ageMax[ai]! + late / 365.25 : A.ageMax[ai]!;
    ub += rangeUb(
      aMin,
      aMax,
      A.ageWidth[ai]!,
      pAgeMin,
      P.ageMax[pi]!,
      P.ageWidth[pi]!,
      t.age,
      t.logNearAge,
      LOG_AGE_OVERLAP,
      AGE_OVERLAP,
    );
  }
  if (A.hasDental[ai] && P.hasDental[pi]) {
    ub += dentalUb(A, ai, P, pi);
  }
  return CALIBRATION.slope * ub + SLACK * (1 + Math.abs(ub));
}
