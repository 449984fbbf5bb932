// The optional native sweep (native/matching, an N-API addon built at install, ADR 0178): the
// same bounds as `sweepBounds` (matching.sweep.ts, the reference and the fallback) computed in C
// over the same compiled arrays. The model (weights, bins, tables) is packed once into one
// Float64Array in the layout of native/matching/sweep.h; the subject's values into two small
// scratch arrays per call. MATCHING_SWEEP=native|js forces one; by default native when built.
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { getLogger } from '../../platform/logger.js';
import { loadNativeAddon } from '../../platform/native-addon.js';
import {
  DIST_CHORD2,
  DIST_UB,
  LOG_STATURE_OVERLAP,
  SEX_LR,
  SLACK,
  STATURE_OVERLAP,
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
  type CompiledSide,
} from './matching.compile.js';
import { DENSITY_TABLES as D } from './matching.density.js';
import { SWEEP_TABLES, sweepBounds } from './matching.sweep.js';
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

/** The addon's one operation (native/matching/sweep.c documents its arguments). */
interface NativeSweepAddon {
  sweep(...args: unknown[]): number;
}

/** A sweep: `sweepBounds`'s signature (the JS one or the native one). */
export type Sweep = typeof sweepBounds;

/** Which sweep computes the bounds. */
export type SweepBackend = 'native' | 'js';

const ADDON = join('native', 'matching', 'build', 'Release', 'sweep.node');
let loaded: { addon: NativeSweepAddon | null; why: string } | undefined;

function addon(): NativeSweepAddon | null {
  loaded ??= loadNativeAddon<NativeSweepAddon>(ADDON, import.meta.url);
  return loaded.addon;
}

/** The model in sweep.h's M_ layout: scalars, then (offset, length) of each table, then tables. */
function packModel(): Float64Array {
  const scalars = [
    178001, // M_MAGIC
    CALIBRATION.slope,
    SLACK,
    INCIDENT.same,
    INCIDENT.different,
    ROUTE.same,
    ROUTE.different,
    MARKS.max,
    EFFECTS.max,
    IMPLANTS.serialMatch,
    CONTRADICTION.floor,
    CONTRADICTION.rangeBeyondSlope,
    LOG_STATURE_OVERLAP,
    DENTAL.max,
    DENTAL.min,
    DENTAL.sameTreatment,
    DENTAL.bothMissing,
    DENTAL.bothPresent,
    DENTAL.unexplainable,
    D.ageResidualVariance,
    D.ageGrossFactor,
    D.ageGrossShare,
    D.ageFineShare,
    D.ageFloor,
    D.sqrt2Pi,
    D.ageMinDensity,
    D.expSteps,
    D.lateWeight,
    D.lateMeanDays,
    D.earlyWrongDate,
    D.timeSpanDays,
    D.timeHdFloor,
    DENTAL_STRIDE,
    DENTAL_TREATED * DENTAL_WORDS,
    DENTAL_MISSING * DENTAL_WORDS,
    DENTAL_PRESENT * DENTAL_WORDS,
    DENTAL_NOT_MISSING_LIKE * DENTAL_WORDS,
    DENTAL_SOUND * DENTAL_WORDS,
  ];
  const tables: ArrayLike<number>[] = [
    SEX_LR,
    SWEEP_TABLES.timeByCeil,
    DIST_CHORD2,
    DIST_UB,
    STATURE_OVERLAP,
    D.expDown,
    D.ageBandUpTo,
    D.ageBandDensity,
    D.earlyByDay,
  ];
  const header = scalars.length + 2 * tables.length;
  const model = new Float64Array(header + tables.reduce((n, t) => n + t.length, 0));
  model.set(scalars);
  let at = header;
  tables.forEach((t, k) => {
    model[scalars.length + 2 * k] = at;
    model[scalars.length + 2 * k + 1] = t.length;
    model.set(t, at);
    at += t.length;
  });
  return model;
}

let model: Float64Array | undefined;
const subject = new Float64Array(21);
const codes = new Int32Array(8 + DENTAL_STRIDE);

/**
 * `sweepBounds` in native code, or null when the addon is not built or did not load. Same
 * arguments and result; the bounds equal the JS ones (to the last bit but for libm rounding of a
 * logarithm, far inside SLACK; tested).
 */
export function nativeSweep(): Sweep | null {
  const native = addon();
  if (!native) {
    return null;
  }
  model ??= packModel();
  const m = model;
  return (
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
  ): number => {
    subject[0] = S.side === 'am' ? 1 : 0;
    subject[1] = S.sex[s]!;
    subject[2] = S.certain[s]!;
    subject[3] = S.dayEarliest[s]!;
    subject[4] = S.dayLatest[s]!;
    subject[5] = S.ageMin[s]!;
    subject[6] = S.ageMax[s]!;
    subject[7] = S.ageCap[s]!;
    subject[8] = S.statureMin[s]!;
    subject[9] = S.statureMax[s]!;
    subject[10] = S.statureWidth[s]!;
    subject[11] = S.x[s]!;
    subject[12] = S.y[s]!;
    subject[13] = S.z[s]!;
    subject[14] = S.marksUb[s]!;
    subject[15] = S.marksPlainUb[s]!;
    subject[16] = S.hasDental[s]!;
    subject[17] = S.implants[s]!;
    subject[18] = S.effectsUb[s]!;
    subject[19] = t.stature;
    subject[20] = t.logNearStature;
    codes[0] = S.incident[s]!;
    codes[1] = S.route[s]!;
    codes.set(S.markPairs.subarray(2 * s, 2 * s + 2), 2);
    codes.set(S.markText.subarray(2 * s, 2 * s + 2), 4);
    codes.set(S.effectKeys.subarray(2 * s, 2 * s + 2), 6);
    codes.set(S.dental.subarray(s * DENTAL_STRIDE, (s + 1) * DENTAL_STRIDE), 8);
    return native.sweep(
      m,
      subject,
      codes,
      O.ageMin,
      O.ageMax,
      O.ageCap,
      O.statureMin,
      O.statureMax,
      O.statureWidth,
      O.dayEarliest,
      O.dayLatest,
      O.x,
      O.y,
      O.z,
      O.marksUb,
      O.marksPlainUb,
      O.effectsUb,
      O.sex,
      O.certain,
      O.hasDental,
      O.implants,
      O.incident,
      O.route,
      O.markPairs,
      O.markText,
      O.effectKeys,
      O.dental,
      out,
      from,
      to,
      floor,
      margin,
      list ?? null,
    );
  };
}

let chosen: { backend: SweepBackend; sweep: Sweep } | undefined;

/**
 * The sweep the batch scorer uses (decided once, logged once on the main thread):
 * MATCHING_SWEEP if set, else native when the addon loaded, else the JS sweep. Throws when
 * MATCHING_SWEEP is not one of the two or asks for native that is not there.
 */
export function chosenSweep(): { backend: SweepBackend; sweep: Sweep } {
  if (chosen) {
    return chosen;
  }
  const forced = process.env.MATCHING_SWEEP;
  if (forced !== undefined && forced !== '' && forced !== 'native' && forced !== 'js') {
    throw new Error(`MATCHING_SWEEP must be "native" or "js", not "${forced}"`);
  }
  const native = forced === 'js' ? null : nativeSweep();
  if (forced === 'native' && !native) {
    throw new Error(`MATCHING_SWEEP=native but the native sweep is missing: ${loaded!.why}`);
  }
  chosen = native ? { backend: 'native', sweep: native } : { backend: 'js', sweep: sweepBounds };
  if (isMainThread) {
    getLogger('app').info('matching sweep', {
      backend: chosen.backend,
      reason: forced ? 'MATCHING_SWEEP' : native ? 'addon loaded' : loaded!.why,
    });
  }
  return chosen;
}
