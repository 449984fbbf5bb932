// Upper bounds of one subject against a whole compiled side in one fused loop: every array the
// loop reads is a local, the subject's own values are constants, and terms the subject lacks are
// skipped by loop-invariant tests (the earlier one-loop-per-term version re-read each array's
// field per pair and cost ~100 ns a pair; see ADR 0175). Adds exactly the same terms in the same
// order as `pairUb` (matching.bounds.ts), so every bound equals pairUb's and is at least the
// pair's exact score (ADR 0170).
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

/**
 * Writes into out[from..to) the upper bound of the calibrated score of the subject (record `s`
 * of its own compiled side S) with every record j of the other side O, without laboratory
 * results or overrides. Equal to `pairUb` for every pair; returns the largest bound written.
 */
export function sweepBounds(
  S: CompiledSide,
  O: CompiledSide,
  out: Float64Array,
  t: Tolerances,
  s = 0,
  from = 0,
  to = O.records.length,
): number {
  const isAm = S.side === 'am';
  // The subject's values.
  const sSex = S.sex[s]!;
  const sCertain = S.certain[s]!;
  const sE = S.dayEarliest[s]!;
  const sL = S.dayLatest[s]!;
  const sAgeMin = S.ageMin[s]!;
  const sAgeMax = S.ageMax[s]!;
  const sAgeW = S.ageWidth[s]!;
  const sStat = S.statureMin[s]!;
  const sStatMax = S.statureMax[s]!;
  const sStatW = S.statureWidth[s]!;
  const sx = S.x[s]!;
  const sy = S.y[s]!;
  const sz = S.z[s]!;
  const sInc = S.incident[s]!;
  const sRoute = S.route[s]!;
  const sMarks = S.marksUb[s]!;
  const sKinds = S.markKinds[s]!;
  const sDental = S.hasDental[s]!;
  const sImpl = S.implants[s]!;
  const sCats = S.effectCats[s]!;
  const sEffects = S.effectsUb[s]!;
  const hasSex = sSex !== 0;
  const hasDates = sE === sE;
  const hasAge = sAgeMin === sAgeMin;
  const hasStat = sStat === sStat;
  const hasPlace = sx === sx;
  const hasCode = sInc !== 0 || sRoute !== 0;
  const hasMarks = sMarks > 0;
  // The other side's arrays.
  const oSex = O.sex;
  const oCertain = O.certain;
  const oE = O.dayEarliest;
  const oL = O.dayLatest;
  const oAgeMin = O.ageMin;
  const oAgeMax = O.ageMax;
  const oAgeW = O.ageWidth;
  const oStat = O.statureMin;
  const oStatMax = O.statureMax;
  const oStatW = O.statureWidth;
  const ox = O.x;
  const oy = O.y;
  const oz = O.z;
  const oInc = O.incident;
  const oRoute = O.route;
  const oMarks = O.marksUb;
  const oKinds = O.markKinds;
  const oDental = O.hasDental;
  const oImpl = O.implants;
  const oCats = O.effectCats;
  const oEffects = O.effectsUb;
  const slope = CALIBRATION.slope;
  // Bins are counted without a data-dependent loop exit (the last limit is Infinity).
  const timeBins = TIME_UP_TO.length - 1;
  const distBins = DIST_CHORD2.length - 1;
  let best = -Infinity;
  for (let j = from; j < to; j++) {
    let ub = 0;
    if (hasSex) {
      const o = oSex[j]!;
      if (o !== 0) {
        ub += isAm
          ? SEX_LR[sSex * 6 + o * 2 + oCertain[j]!]!
          : SEX_LR[o * 6 + sSex * 2 + sCertain]!;
      }
    }
    const aE = isAm ? sE : oE[j]!;
    const aL = isAm ? sL : oL[j]!;
    const pE = isAm ? oE[j]! : sE;
    const pL = isAm ? oL[j]! : sL;
    if (hasDates && aE === aE && pE === pE) {
      const hi = pL - aE;
      if (hi < 0) {
        ub += earlyRecoveryLr(-hi);
      } else {
        const lo = Math.max(0, pE - aL);
        let b = 0;
        for (let k = 0; k < timeBins; k++) {
          b += lo > TIME_UP_TO[k]! ? 1 : 0;
        }
        ub += TIME_UB[b]!;
      }
    }
    if (hasAge) {
      const oMin = oAgeMin[j]!;
      if (oMin === oMin) {
        const aAgeMin = isAm ? sAgeMin : oMin;
        const aAgeMax = isAm ? sAgeMax : oAgeMax[j]!;
        const early = pE - aL;
        const late = pL - aE;
        ub += rangeUb(
          early > 0 ? aAgeMin + early / 365.25 : aAgeMin,
          late > 0 ? aAgeMax + late / 365.25 : aAgeMax,
          isAm ? sAgeW : oAgeW[j]!,
          isAm ? oMin : sAgeMin,
          isAm ? oAgeMax[j]! : sAgeMax,
          isAm ? oAgeW[j]! : sAgeW,
          t.age,
          t.logNearAge,
          LOG_AGE_OVERLAP,
          AGE_OVERLAP,
        );
      }
    }
    if (hasStat) {
      const oMin = oStat[j]!;
      if (oMin === oMin) {
        ub += isAm
          ? rangeUb(
              sStat,
              sStatMax,
              sStatW,
              oMin,
              oStatMax[j]!,
              oStatW[j]!,
              t.stature,
              t.logNearStature,
              LOG_STATURE_OVERLAP,
              STATURE_OVERLAP,
            )
          : rangeUb(
              oMin,
              oStatMax[j]!,
              oStatW[j]!,
              sStat,
              sStatMax,
              sStatW,
              t.stature,
              t.logNearStature,
              LOG_STATURE_OVERLAP,
              STATURE_OVERLAP,
            );
      }
    }
    if (hasPlace) {
      const x = ox[j]!;
      if (x === x) {
        const dx = isAm ? sx - x : x - sx;
        const dy = isAm ? sy - oy[j]! : oy[j]! - sy;
        const dz = isAm ? sz - oz[j]! : oz[j]! - sz;
        const chord2 = dx * dx + dy * dy + dz * dz;
        let b = 0;
        for (let k = 0; k < distBins; k++) {
          b += chord2 > DIST_CHORD2[k]! ? 1 : 0;
        }
        ub += DIST_UB[b]!;
      }
    }
    if (hasCode) {
      const inc = oInc[j]!;
      if (sInc !== 0 && inc !== 0) {
        ub += sInc === inc ? INCIDENT.same : INCIDENT.different;
      } else if (sRoute !== 0 && oRoute[j] !== 0) {
        ub += sRoute === oRoute[j] ? ROUTE.same : ROUTE.different;
      }
    }
    if (hasMarks) {
      const o = oMarks[j]!;
      if (o > 0 && (sKinds & oKinds[j]!) !== 0) {
        ub += Math.min(MARKS.max, sMarks, o);
      }
    }
    if (sDental !== 0 && oDental[j] !== 0) {
      ub += isAm ? dentalUb(S, s, O, j) : dentalUb(O, j, S, s);
    }
    if (sImpl !== 0 && oImpl[j] !== 0) {
      ub += IMPLANTS.serialMatch;
    }
    if ((sCats & oCats[j]!) !== 0) {
      ub += Math.min(EFFECTS.max, sEffects, oEffects[j]!);
    }
    const bound = slope * ub + SLACK * (1 + Math.abs(ub));
    out[j] = bound;
    if (bound > best) {
      best = bound;
    }
  }
  return best;
}
