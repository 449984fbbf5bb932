// Upper bounds of one subject against a whole compiled side, attribute by attribute: each loop is
// short, monomorphic and reads one or two typed arrays, and an attribute the subject lacks costs
// nothing. Adds exactly the same terms in the same order as `pairUb` (matching.bounds.ts), so
// every bound equals pairUb's and is at least the pair's exact score (ADR 0170).
import {
  AGE_OVERLAP,
  DIST_CHORD2,
  DIST_UB,
  LOG_AGE_OVERLAP,
  LOG_STATURE_OVERLAP,
  SEX_LR,
  SLACK,
  STATURE_OVERLAP,
  TIME_UB,
  TIME_UP_TO,
  dentalUb,
  rangeUb,
  type Tolerances,
} from './matching.bounds.js';
import type { CompiledSide } from './matching.compile.js';
import { earlyRecoveryLr } from './matching.demographics.js';
import { CALIBRATION, EFFECTS, IMPLANTS, INCIDENT, MARKS, ROUTE } from './matching.weights.js';

/** The time and age terms: both depend on the two sides' dates. */
function timeAndAge(
  S: CompiledSide,
  O: CompiledSide,
  isAm: boolean,
  n: number,
  out: Float64Array,
  t: Tolerances,
): void {
  const A = isAm ? S : O;
  const P = isAm ? O : S;
  const sE = S.dayEarliest[0]!;
  const sAge = S.ageMin[0]!;
  for (let j = 0; j < n; j++) {
    const ai = isAm ? 0 : j;
    const pi = isAm ? j : 0;
    const aE = A.dayEarliest[ai]!;
    const aL = A.dayLatest[ai]!;
    const pE = P.dayEarliest[pi]!;
    const pL = P.dayLatest[pi]!;
    let ub = out[j]!;
    if (sE === sE && aE === aE && pE === pE) {
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
    if (sAge === sAge && aAgeMin === aAgeMin && pAgeMin === pAgeMin) {
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
    out[j] = ub;
  }
}

/** The stature and place terms. */
function statureAndPlace(
  S: CompiledSide,
  O: CompiledSide,
  isAm: boolean,
  n: number,
  out: Float64Array,
  t: Tolerances,
): void {
  const A = isAm ? S : O;
  const P = isAm ? O : S;
  const sStat = S.statureMin[0]!;
  const sx = S.x[0]!;
  if (sStat === sStat) {
    for (let j = 0; j < n; j++) {
      const ai = isAm ? 0 : j;
      const pi = isAm ? j : 0;
      const aStat = A.statureMin[ai]!;
      const pStat = P.statureMin[pi]!;
      if (aStat === aStat && pStat === pStat) {
        out[j]! += rangeUb(
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
    }
  }
  if (sx === sx) {
    const sy = S.y[0]!;
    const sz = S.z[0]!;
    const ox = O.x;
    const oy = O.y;
    const oz = O.z;
    for (let j = 0; j < n; j++) {
      const x = ox[j]!;
      if (x === x) {
        const dx = isAm ? sx - x : x - sx;
        const dy = isAm ? sy - oy[j]! : oy[j]! - sy;
        const dz = isAm ? sz - oz[j]! : oz[j]! - sz;
        const chord2 = dx * dx + dy * dy + dz * dz;
        let b = 0;
        while (chord2 > DIST_CHORD2[b]!) {
          b++;
        }
        out[j]! += DIST_UB[b]!;
      }
    }
  }
}

/** The incident term, or the route term when incidents cannot compare. */
function incidentRoute(S: CompiledSide, O: CompiledSide, n: number, out: Float64Array): void {
  const sInc = S.incident[0]!;
  const sRoute = S.route[0]!;
  if (sInc === 0 && sRoute === 0) {
    return;
  }
  for (let j = 0; j < n; j++) {
    const oInc = O.incident[j]!;
    if (sInc !== 0 && oInc !== 0) {
      out[j]! += sInc === oInc ? INCIDENT.same : INCIDENT.different;
    } else if (sRoute !== 0 && O.route[j] !== 0) {
      out[j]! += sRoute === O.route[j] ? ROUTE.same : ROUTE.different;
    }
  }
}

/** The marks term. */
function marks(S: CompiledSide, O: CompiledSide, n: number, out: Float64Array): void {
  const sMarks = S.marksUb[0]!;
  if (sMarks <= 0) {
    return;
  }
  const sKinds = S.markKinds[0]!;
  for (let j = 0; j < n; j++) {
    const o = O.marksUb[j]!;
    if (o > 0 && (sKinds & O.markKinds[j]!) !== 0) {
      out[j]! += Math.min(MARKS.max, sMarks, o);
    }
  }
}

/** The dental term. */
function dental(
  S: CompiledSide,
  O: CompiledSide,
  isAm: boolean,
  n: number,
  out: Float64Array,
): void {
  if (!S.hasDental[0]) {
    return;
  }
  for (let j = 0; j < n; j++) {
    if (O.hasDental[j]) {
      out[j]! += isAm ? dentalUb(S, 0, O, j) : dentalUb(O, j, S, 0);
    }
  }
}

/** The implants and effects terms. */
function implantsAndEffects(S: CompiledSide, O: CompiledSide, n: number, out: Float64Array): void {
  if (S.implants[0]) {
    for (let j = 0; j < n; j++) {
      if (O.implants[j]) {
        out[j]! += IMPLANTS.serialMatch;
      }
    }
  }
  const sCats = S.effectCats[0]!;
  if (sCats === 0) {
    return;
  }
  const sEffects = S.effectsUb[0]!;
  for (let j = 0; j < n; j++) {
    if ((sCats & O.effectCats[j]!) !== 0) {
      out[j]! += Math.min(EFFECTS.max, sEffects, O.effectsUb[j]!);
    }
  }
}

/** The sex term (written, not added: it starts every bound). */
function sexTerm(
  S: CompiledSide,
  O: CompiledSide,
  isAm: boolean,
  n: number,
  out: Float64Array,
): void {
  const sSex = S.sex[0]!;
  if (sSex === 0) {
    out.fill(0, 0, n);
    return;
  }
  const sCertain = S.certain[0]!;
  for (let j = 0; j < n; j++) {
    const o = O.sex[j]!;
    out[j] =
      o === 0
        ? 0
        : isAm
          ? SEX_LR[sSex * 6 + o * 2 + O.certain[j]!]!
          : SEX_LR[o * 6 + sSex * 2 + sCertain]!;
  }
}

/** Calibrates the sums and adds the slack (as pairUb). */
function calibrate(n: number, out: Float64Array): void {
  const slope = CALIBRATION.slope;
  for (let j = 0; j < n; j++) {
    const ub = out[j]!;
    out[j] = slope * ub + SLACK * (1 + Math.abs(ub));
  }
}

/**
 * Writes into out[0..n) the upper bound of the calibrated score of the subject (record 0 of its
 * own compiled side S) with every record j of the other side O, without laboratory results or
 * overrides. Equal to `pairUb` for every pair. (No loop here: each term is its own function, so
 * that V8 optimises each loop on its own.)
 */
export function sweepBounds(
  S: CompiledSide,
  O: CompiledSide,
  out: Float64Array,
  t: Tolerances,
): void {
  const n = O.records.length;
  const isAm = S.side === 'am';
  sexTerm(S, O, isAm, n, out);
  timeAndAge(S, O, isAm, n, out, t);
  statureAndPlace(S, O, isAm, n, out, t);
  incidentRoute(S, O, n, out);
  marks(S, O, n, out);
  dental(S, O, isAm, n, out);
  implantsAndEffects(S, O, n, out);
  calibrate(n, out);
}
