// Upper bounds of one subject against a whole compiled side in one fused loop: every array the
// loop reads is a local, the subject's own values are constants, and terms the subject lacks are
// skipped by loop-invariant tests (ADR 0175). Every constant the loop reads is copied into this
// module once at load: under tsx (tests, benchmarks, workers) an imported binding is a getter on
// the exporting module, and those getters were half of the sweep's time (ADR 0177). Time and
// distance bins come from lookup tables instead of a walk over the bin edges. Adds exactly the
// same terms in the same order as `pairUb` (matching.bounds.ts), so every bound equals pairUb's
// and is at least the pair's exact score (ADR 0170).
import {
  DIST_CHORD2,
  DIST_UB,
  SEX_LR,
  SLACK,
  STATURE_OVERLAP,
  TIME_UB,
  TIME_UP_TO,
  LOG_STATURE_OVERLAP,
  type Tolerances,
} from './matching.bounds.js';
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
import { ageLog10Ub, earlyLog10LrFast } from './matching.density.js';
import {
  CALIBRATION,
  CONTRADICTION,
  DENTAL,
  EFFECTS,
  IMPLANTS,
  INCIDENT,
  MARKS,
  ROUTE,
} from './matching.weights.js';

// Constants copied once (see the header): plain module locals are read without a call.
const SLOPE = CALIBRATION.slope;
const AGE_UB = ageLog10Ub;
const EARLY_LR = earlyLog10LrFast;
const SLACK_ = SLACK;
const SEX = SEX_LR;
const INCIDENT_SAME = INCIDENT.same;
const INCIDENT_DIFFERENT = INCIDENT.different;
const ROUTE_SAME = ROUTE.same;
const ROUTE_DIFFERENT = ROUTE.different;
const MARKS_MAX = MARKS.max;
const EFFECTS_MAX = EFFECTS.max;
const SERIAL_MATCH = IMPLANTS.serialMatch;
const FLOOR = CONTRADICTION.floor;
const BEYOND_SLOPE = CONTRADICTION.rangeBeyondSlope;
const STAT_TABLE = STATURE_OVERLAP;
const STAT_LAST = STATURE_OVERLAP.length - 1;
const LOG_STAT_OVERLAP = LOG_STATURE_OVERLAP;
const D_MAX = DENTAL.max;
const D_MIN = DENTAL.min;
const D_TREAT = DENTAL.sameTreatment;
const D_MISSING = DENTAL.bothMissing;
const D_PRESENT = DENTAL.bothPresent;
const D_UNEXPLAINABLE = DENTAL.unexplainable;
const D_STRIDE = DENTAL_STRIDE;
const D_TREATED_AT = DENTAL_TREATED * DENTAL_WORDS;
const D_MISSING_AT = DENTAL_MISSING * DENTAL_WORDS;
const D_PRESENT_AT = DENTAL_PRESENT * DENTAL_WORDS;
const D_NOT_MISSING_LIKE_AT = DENTAL_NOT_MISSING_LIKE * DENTAL_WORDS;
const D_SOUND_AT = DENTAL_SOUND * DENTAL_WORDS;
if (DENTAL_WORDS !== 2 || SIGNATURE_WORDS !== 2) {
  throw new Error(
    'matching.sweep.ts reads two dental words per class and two signature words a record',
  );
}

/**
 * Time bin bound by ceil(lo): the edges are whole days, so lo > edge exactly when ceil(lo) >
 * edge, and the table gives the bin `pairUb` finds by walking the edges. Past the last finite
 * edge every lo falls in the last bin.
 */
const TIME_LAST_EDGE = TIME_UP_TO[TIME_UP_TO.length - 2]!;
const TIME_BY_CEIL = new Float64Array(TIME_LAST_EDGE + 2);
for (let c = 0; c < TIME_BY_CEIL.length; c++) {
  let b = 0;
  while (c > TIME_UP_TO[b]!) {
    b++;
  }
  TIME_BY_CEIL[c] = TIME_UB[b]!;
}
for (let k = 0; k < TIME_UP_TO.length - 1; k++) {
  if (!Number.isInteger(TIME_UP_TO[k])) {
    throw new Error('matching.sweep.ts: time bin edges must be whole days');
  }
}
const TIME_TOP = TIME_BY_CEIL.length - 1;

/**
 * Distance bin hint by chord length (cells of a quarter of the smallest bin's chord): the bin at
 * the cell's lower end; the loop then steps to the exact bin by comparing squared chords (one or
 * no step), so the bin is the one `pairUb` finds.
 */
const CHORD2 = DIST_CHORD2;
const DIST = DIST_UB;
const CELL = Math.sqrt(DIST_CHORD2[0]!) / 4;
const DIST_HINT = new Uint8Array(Math.ceil(2 / CELL) + 2);
for (let c = 0; c < DIST_HINT.length; c++) {
  const lower2 = (c * CELL) ** 2;
  let b = 0;
  while (lower2 > DIST_CHORD2[b]!) {
    b++;
  }
  DIST_HINT[c] = b;
}
const HINT_TOP = DIST_HINT.length - 1;

/** The sweep's own tables, for the native sweep (matching.sweep.native.ts, ADR 0178). */
export const SWEEP_TABLES = { timeByCeil: TIME_BY_CEIL };

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** dentalUb (matching.bounds.ts) for an AM record at word offset a and a PM one at p. */
function dentalBound(ad: Int32Array, a: number, pd: Int32Array, p: number): number {
  let total = 0;
  for (let w = 0; w < 2; w++) {
    const aTreated = ad[a + D_TREATED_AT + w]!;
    const aMissing = ad[a + D_MISSING_AT + w]!;
    const aPresent = ad[a + D_PRESENT_AT + w]!;
    total +=
      D_TREAT * popcount(aTreated & pd[p + D_TREATED_AT + w]!) +
      D_MISSING * popcount(aMissing & pd[p + D_MISSING_AT + w]!) +
      D_PRESENT * popcount(aPresent & pd[p + D_PRESENT_AT + w]!) +
      D_UNEXPLAINABLE *
        (popcount(aMissing & pd[p + D_NOT_MISSING_LIKE_AT + w]!) +
          popcount(aTreated & pd[p + D_SOUND_AT + w]!));
  }
  return Math.min(D_MAX, Math.max(D_MIN, total));
}

/** rangeUb (matching.bounds.ts) for stature. */
function statureBound(
  aMin: number,
  aMax: number,
  aWidth: number,
  pMin: number,
  pMax: number,
  pWidth: number,
  tolerance: number,
  logNear: number,
): number {
  const gap = Math.max(pMin - aMax, aMin - pMax, 0);
  if (gap > 0) {
    const near = logNear - (0.5 * Math.min(gap, tolerance)) / tolerance;
    if (gap <= tolerance) {
      return near;
    }
    return Math.max(FLOOR, near - (BEYOND_SLOPE * (gap - tolerance)) / tolerance);
  }
  const w = Math.floor(aWidth + pWidth);
  return LOG_STAT_OVERLAP + STAT_TABLE[w < STAT_TABLE.length ? w : STAT_LAST]!;
}

/**
 * Writes into out[from..to) the upper bound of the calibrated score of the subject (record `s`
 * of its own compiled side S) with every record j of the other side O, without laboratory
 * results or overrides; returns the largest bound written. Equal to `pairUb` for every pair by
 * default. With a `floor` or a `margin`, a pair whose bound with the cap of age is below
 * max(floor, best bound so far − margin) gets that capped bound instead (ADR 0177, 0178). With a
 * `list`, the records list[from..to) instead of [from, to) (a band refined, ADR 0178).
 */
export function sweepBounds(
  S: CompiledSide,
  O: CompiledSide,
  out: Float64Array,
  t: Tolerances,
  s = 0,
  from = 0,
  to = O.records.length,
  floor = -Infinity,
  margin = Infinity,
  list?: Int32Array,
): number {
  const isAm = S.side === 'am';
  // The subject's values.
  const sSex = S.sex[s]!;
  const sCertain = S.certain[s]!;
  const sE = S.dayEarliest[s]!;
  const sL = S.dayLatest[s]!;
  const sAgeMin = S.ageMin[s]!;
  const sAgeMax = S.ageMax[s]!;
  const sAgeCap = S.ageCap[s]!;
  const sStat = S.statureMin[s]!;
  const sStatMax = S.statureMax[s]!;
  const sStatW = S.statureWidth[s]!;
  const sx = S.x[s]!;
  const sy = S.y[s]!;
  const sz = S.z[s]!;
  const sInc = S.incident[s]!;
  const sRoute = S.route[s]!;
  const sMarks = S.marksUb[s]!;
  const sMarksPlain = S.marksPlainUb[s]!;
  const sPairs0 = S.markPairs[2 * s]!;
  const sPairs1 = S.markPairs[2 * s + 1]!;
  const sText0 = S.markText[2 * s]!;
  const sText1 = S.markText[2 * s + 1]!;
  const sKeys0 = S.effectKeys[2 * s]!;
  const sKeys1 = S.effectKeys[2 * s + 1]!;
  const sDental = S.hasDental[s]!;
  const sImpl = S.implants[s]!;
  const sEffects = S.effectsUb[s]!;
  const sd = S.dental;
  const sAt = s * D_STRIDE;
  const hasSex = sSex !== 0;
  const hasDates = sE === sE;
  const hasAge = sAgeMin === sAgeMin;
  const hasStat = sStat === sStat;
  const hasPlace = sx === sx;
  const hasCode = sInc !== 0 || sRoute !== 0;
  const hasMarks = sMarks > 0;
  const hasEffects = (sKeys0 | sKeys1) !== 0;
  const statTol = t.stature;
  const statNear = t.logNearStature;
  // The other side's arrays.
  const oSex = O.sex;
  const oCertain = O.certain;
  const oE = O.dayEarliest;
  const oL = O.dayLatest;
  const oAgeMin = O.ageMin;
  const oAgeMax = O.ageMax;
  const oAgeCap = O.ageCap;
  const oStat = O.statureMin;
  const oStatMax = O.statureMax;
  const oStatW = O.statureWidth;
  const ox = O.x;
  const oy = O.y;
  const oz = O.z;
  const oInc = O.incident;
  const oRoute = O.route;
  const oMarks = O.marksUb;
  const oMarksPlain = O.marksPlainUb;
  const oPairs = O.markPairs;
  const oText = O.markText;
  const oKeys = O.effectKeys;
  const oDental = O.hasDental;
  const od = O.dental;
  const oImpl = O.implants;
  const oEffects = O.effectsUb;
  let best = -Infinity;
  for (let k = from; k < to; k++) {
    const j = list === undefined ? k : list[k]!;
    let ub = 0;
    if (hasSex) {
      const o = oSex[j]!;
      if (o !== 0) {
        ub += isAm ? SEX[sSex * 6 + o * 2 + oCertain[j]!]! : SEX[o * 6 + sSex * 2 + sCertain]!;
      }
    }
    const aE = isAm ? sE : oE[j]!;
    const aL = isAm ? sL : oL[j]!;
    const pE = isAm ? oE[j]! : sE;
    const pL = isAm ? oL[j]! : sL;
    if (hasDates && aE === aE && pE === pE) {
      const hi = pL - aE;
      if (hi < 0) {
        ub += EARLY_LR(-hi);
      } else {
        // NaN (a missing latest day) | 0 is 0: the first bin, as pairUb's walk gives.
        const c = Math.min(Math.ceil(Math.max(0, pE - aL)), TIME_TOP) | 0;
        ub += TIME_BY_CEIL[c]!;
      }
    }
    if (hasStat) {
      const oMin = oStat[j]!;
      if (oMin === oMin) {
        ub += isAm
          ? statureBound(sStat, sStatMax, sStatW, oMin, oStatMax[j]!, oStatW[j]!, statTol, statNear)
          : statureBound(
              oMin,
              oStatMax[j]!,
              oStatW[j]!,
              sStat,
              sStatMax,
              sStatW,
              statTol,
              statNear,
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
        let b = DIST_HINT[Math.min((Math.sqrt(chord2) / CELL) | 0, HINT_TOP)]!;
        while (b > 0 && !(chord2 > CHORD2[b - 1]!)) {
          b--;
        }
        while (chord2 > CHORD2[b]!) {
          b++;
        }
        ub += DIST[b]!;
      }
    }
    if (hasCode) {
      const inc = oInc[j]!;
      if (sInc !== 0 && inc !== 0) {
        ub += sInc === inc ? INCIDENT_SAME : INCIDENT_DIFFERENT;
      } else if (sRoute !== 0 && oRoute[j] !== 0) {
        ub += sRoute === oRoute[j] ? ROUTE_SAME : ROUTE_DIFFERENT;
      }
    }
    if (hasMarks) {
      const o = oMarks[j]!;
      if (o > 0 && ((sPairs0 & oPairs[2 * j]!) | (sPairs1 & oPairs[2 * j + 1]!)) !== 0) {
        ub +=
          ((sText0 & oText[2 * j]!) | (sText1 & oText[2 * j + 1]!)) !== 0
            ? Math.min(MARKS_MAX, sMarks, o)
            : Math.min(MARKS_MAX, sMarksPlain, oMarksPlain[j]!);
      }
    }
    if (sImpl !== 0 && oImpl[j] !== 0) {
      ub += SERIAL_MATCH;
    }
    if (hasEffects && ((sKeys0 & oKeys[2 * j]!) | (sKeys1 & oKeys[2 * j + 1]!)) !== 0) {
      ub += Math.min(EFFECTS_MAX, sEffects, oEffects[j]!);
    }
    // Age and dental last (as pairUb). Dental is integer work, always done; when even the age
    // cap leaves the pair below the gate, the capped sum is written (a looser bound, still at
    // least the exact score) and the age term (a logarithm) is not computed (ADR 0178).
    const oAge = hasAge ? oAgeMin[j]! : NaN;
    const ageOn = oAge === oAge;
    let dental = 0;
    if (sDental !== 0 && oDental[j] !== 0) {
      const o = oDental[j]!;
      dental =
        sDental === 2 || o === 2
          ? D_MAX
          : isAm
            ? dentalBound(sd, sAt, od, j * D_STRIDE)
            : dentalBound(od, j * D_STRIDE, sd, sAt);
    }
    if (ageOn) {
      const capped = ub + (isAm ? oAgeCap[j]! : sAgeCap) + dental;
      const gate = floor > best - margin ? floor : best - margin;
      if (SLOPE * capped + SLACK_ * (1 + Math.abs(capped)) < gate) {
        ub = capped;
      } else {
        const aAgeMin = isAm ? sAgeMin : oAge;
        const aAgeMax = isAm ? sAgeMax : oAgeMax[j]!;
        const early = pE - aL;
        const late = pL - aE;
        // Age follows the continuous model: rangeUb's value is ageLog10Ub's.
        ub += AGE_UB(
          early > 0 ? aAgeMin + early / 365.25 : aAgeMin,
          late > 0 ? aAgeMax + late / 365.25 : aAgeMax,
          isAm ? oAge : sAgeMin,
          isAm ? oAgeMax[j]! : sAgeMax,
        );
        ub += dental;
      }
    } else {
      ub += dental;
    }
    const bound = SLOPE * ub + SLACK_ * (1 + Math.abs(ub));
    out[j] = bound;
    if (bound > best) {
      best = bound;
    }
  }
  return best;
}
