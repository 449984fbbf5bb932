// The batch scorer: one record against a compiled side, ranking exactly like the reference
// scorer. A cheap upper bound of every pair's score (compact arrays, no strings, no logarithms)
// decides which pairs are scored exactly with `evaluate`; a pair is skipped only when its bound
// is below both the threshold and the k-th best exact score so far, so it could neither be
// listed nor enter the top k (ADR 0035).
import { type ScoreContext, EXCLUDED } from './matching.context.js';
import {
  compileSide,
  DENTAL_MISSING,
  DENTAL_NOT_MISSING_LIKE,
  DENTAL_PRESENT,
  DENTAL_SOUND,
  DENTAL_STRIDE,
  DENTAL_TREATED,
  DENTAL_WORDS,
  type CompiledSide,
} from './matching.compile.js';
import { earlyRecoveryLr } from './matching.demographics.js';
import { kindCompatibility } from './matching.features.js';
import type { PreparedAm, PreparedPm } from './matching.profile.js';
import { evaluate, explainPrepared } from './matching.scorer.js';
import type { PairScore } from './matching.types.js';
import {
  CALIBRATION,
  CONTRADICTION,
  DENTAL,
  DISTANCE_BINS,
  EFFECTS,
  IMPLANTS,
  INCIDENT,
  MARKS,
  RANGE_MIN_CHANCE,
  RANGE_MODEL,
  ROUTE,
  SEX_ACCURACY,
  SEX_SHARE,
  TIME_BINS,
  type LrBin,
} from './matching.weights.js';

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

const EARTH_RADIUS_KM = 6371.0088;
/** Relative slack on bounds, far above floating-point error (bounds are never too low). */
const SLACK = 1e-9;

/** Per bin: the largest log10 LR of this bin or any later one (the bound for a quantity ≥ bin). */
function suffixMax(bins: LrBin[]): Float64Array {
  const out = new Float64Array(bins.length);
  let best = -Infinity;
  for (let i = bins.length - 1; i >= 0; i--) {
    best = Math.max(best, Math.log10(bins[i]!.pSame / bins[i]!.pDiff));
    out[i] = best;
  }
  return out;
}
const TIME_UB = suffixMax(TIME_BINS);
const TIME_UP_TO = Float64Array.from(TIME_BINS, (b) => b.upTo);
const DIST_UB = suffixMax(DISTANCE_BINS);
/** Squared chord length of each distance bin's upper limit on the unit sphere (a little wider). */
const DIST_CHORD2 = Float64Array.from(DISTANCE_BINS, (b) =>
  b.upTo === Infinity ? Infinity : (2 * Math.sin(b.upTo / (2 * EARTH_RADIUS_KM))) ** 2 * (1 + 1e-6),
);

/** -log10 of the chance of overlap for integer width sums (bound: widths rounded down). */
function overlapTable(spread: number): Float64Array {
  const t = new Float64Array(Math.ceil(spread) + 1);
  for (let w = 0; w < t.length; w++) {
    t[w] = -Math.log10(Math.min(1, Math.max(RANGE_MIN_CHANCE, w / spread)));
  }
  return t;
}
const AGE_OVERLAP = overlapTable(RANGE_MODEL.age.spread);
const STATURE_OVERLAP = overlapTable(RANGE_MODEL.stature.spread);
const LOG_AGE_OVERLAP = Math.log10(RANGE_MODEL.age.pOverlapSame);
const LOG_STATURE_OVERLAP = Math.log10(RANGE_MODEL.stature.pOverlapSame);

/** Sex log10 LR by AM sex, PM sex (1 male, 2 female) and PM certainty: index a*6 + p*2 + c. */
const SEX_LR = new Float64Array(18);
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
function rangeUb(
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
function dentalUb(A: CompiledSide, ai: number, P: CompiledSide, pi: number): number {
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

/** Constants of a run that depend on its tolerances. */
interface Tolerances {
  age: number;
  stature: number;
  logNearAge: number;
  logNearStature: number;
}

function tolerances(ctx: ScoreContext): Tolerances {
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
function pairUb(A: CompiledSide, ai: number, P: CompiledSide, pi: number, t: Tolerances): number {
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
      ub += earlyRecoveryLr(-hi);
    } else {
      const lo = Math.max(0, pE - aL);
      let b = 0;
      while (lo > TIME_UP_TO[b]!) {
        b++;
      }
      ub += TIME_UB[b]!;
    }
  }
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
  if (am > 0 && pm > 0 && (A.markKinds[ai]! & P.markKinds[pi]!) !== 0) {
    ub += Math.min(MARKS.max, am, pm);
  }
  if (A.hasDental[ai] && P.hasDental[pi]) {
    ub += dentalUb(A, ai, P, pi);
  }
  if (A.implants[ai] && P.implants[pi]) {
    ub += IMPLANTS.serialMatch;
  }
  if ((A.effectCats[ai]! & P.effectCats[pi]!) !== 0) {
    ub += Math.min(EFFECTS.max, A.effectsUb[ai]!, P.effectsUb[pi]!);
  }
  return CALIBRATION.slope * ub + SLACK * (1 + Math.abs(ub));
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
