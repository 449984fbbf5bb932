// Attribute scorers for sex, age, stature, time, place, incident and route. Each returns the
// attribute's log10 likelihood ratio (or EXCLUDED in fast mode) and explains itself into a trace.
import { contradiction, part, type ScoreContext, type Trace } from './matching.context.js';
import type { PreparedAm, PreparedPm } from './matching.profile.js';
import { ageLog10Lr, distanceLog10Lr, earlyLog10Lr, elapsedLog10Lr } from './matching.density.js';
import {
  CONTRADICTION,
  INCIDENT,
  RANGE_MIN_CHANCE,
  RANGE_MODEL,
  ROUTE,
  SEX_ACCURACY,
  SEX_SHARE,
} from './matching.weights.js';

const SHARE_MALE = SEX_SHARE.male;
const SEX_ACCURACY_CERTAIN = SEX_ACCURACY.certain;
const SEX_ACCURACY_PROBABLE = SEX_ACCURACY.probable;

function oneDecimal(x: number): number {
  return Math.round(x * 10) / 10;
}
const EARTH_RADIUS_KM = 6371.0088;
const DAYS_PER_YEAR = 365.25;

/** Sex: PM estimates are right with a known accuracy; a certain disagreement is strong evidence. */
export function scoreSex(
  am: PreparedAm,
  pm: PreparedPm,
  ctx: ScoreContext,
  trace: Trace | null,
): number {
  if (am.sex === 'unknown' || pm.sex === 'unknown') {
    return 0;
  }
  const acc = pm.sexCertain ? SEX_ACCURACY_CERTAIN : SEX_ACCURACY_PROBABLE;
  const share = pm.sex === 'male' ? SHARE_MALE : 1 - SHARE_MALE;
  const pDiff = share * acc + (1 - share) * (1 - acc);
  if (am.sex === pm.sex) {
    const lr = Math.log10(acc / pDiff);
    return trace
      ? part(
          trace,
          'sex',
          lr,
          `both ${am.sex} (PM estimate ${pm.sexCertain ? 'certain' : 'probable'})`,
        )
      : lr;
  }
  const lr = Math.log10((1 - acc) / pDiff);
  if (pm.sexCertain) {
    const reason = trace ? `reported ${am.sex}, remains certainly ${pm.sex}` : '';
    return contradiction(ctx, trace, 'sex', 'sex_mismatch', am.id, pm.id, lr, reason);
  }
  return trace ? part(trace, 'sex', lr, `reported ${am.sex}, remains probably ${pm.sex}`) : lr;
}

/** Days from last sighting to recovery as [min, max] (min ≥ 0); undefined when a date is missing. */
export function elapsedDays(am: PreparedAm, pm: PreparedPm): [number, number] | undefined {
  if (Number.isNaN(am.dayEarliest) || Number.isNaN(pm.dayEarliest)) {
    return undefined;
  }
  return [Math.max(0, pm.dayEarliest - am.dayLatest), pm.dayLatest - am.dayEarliest];
}

/** Log10 LR of a recovery `days` before the family's last-seen date (a date given too late). */
export function earlyRecoveryLr(days: number): number {
  return earlyLog10Lr(days);
}

/** Time: the elapsed time weighs; a recovery before the last sighting is strong evidence against. */
export function scoreTime(
  am: PreparedAm,
  pm: PreparedPm,
  ctx: ScoreContext,
  trace: Trace | null,
): number {
  if (Number.isNaN(am.dayEarliest) || Number.isNaN(pm.dayEarliest)) {
    return 0;
  }
  const lo = Math.max(0, pm.dayEarliest - am.dayLatest);
  const hi = pm.dayLatest - am.dayEarliest;
  if (hi < 0) {
    const lr = earlyRecoveryLr(-hi);
    if (lr === 0) {
      // Within the weeks by which families' dates are often too late: neither for nor against.
      return trace
        ? part(trace, 'time', 0, `recovered ${-hi} days before the given last-seen date`)
        : 0;
    }
    const reason = trace ? `recovered ${-hi} days before the person was last seen` : '';
    return contradiction(
      ctx,
      trace,
      'time',
      'recovered_before_last_seen',
      am.id,
      pm.id,
      lr,
      reason,
    );
  }
  const lr = elapsedLog10Lr(lo, hi);
  if (!trace) {
    return lr;
  }
  const span = lo === hi ? `${lo}` : `${lo}–${hi}`;
  return part(trace, 'time', lr, `recovered ${span} days after last sighting`);
}

/** Great-circle distance in km between two points given in radians (haversine). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const s1 = Math.sin((lat2 - lat1) / 2);
  const s2 = Math.sin((lon2 - lon1) / 2);
  const h = s1 * s1 + Math.cos(lat1) * Math.cos(lat2) * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Place: distance from last-seen place to recovery place. */
export function scoreDistance(am: PreparedAm, pm: PreparedPm, trace: Trace | null): number {
  if (Number.isNaN(am.lat) || Number.isNaN(pm.lat)) {
    return 0;
  }
  const km = haversineKm(am.lat, am.lon, pm.lat, pm.lon);
  const lr = distanceLog10Lr(km);
  return trace
    ? part(trace, 'distance', lr, `recovered ${Math.round(km)} km from the last-seen place`)
    : lr;
}

/** Incident and route: the same incident is strong; route counts only when incidents cannot compare. */
export function scoreIncidentRoute(am: PreparedAm, pm: PreparedPm, trace: Trace | null): number {
  if (am.incidentId && pm.incidentId) {
    const same = am.incidentId === pm.incidentId;
    const lr = same ? INCIDENT.same : INCIDENT.different;
    return trace ? part(trace, 'incident', lr, same ? 'same incident' : 'different incidents') : lr;
  }
  if (am.route && pm.route) {
    const same = am.route === pm.route;
    const lr = same ? ROUTE.same : ROUTE.different;
    if (!trace) {
      return lr;
    }
    const text = same ? `same route (${am.route})` : `different routes (${am.route} / ${pm.route})`;
    return part(trace, 'route', lr, text);
  }
  return 0;
}

/** Age or stature: overlap weighs by how narrow the ranges are; a gap beyond tolerance is strong evidence against. */
export function scoreRange(
  kind: 'age' | 'stature',
  am: PreparedAm,
  pm: PreparedPm,
  ctx: ScoreContext,
  trace: Trace | null,
): number {
  const age = kind === 'age';
  let aMin = age ? am.ageMin : am.statureMin;
  let aMax = age ? am.ageMax : am.statureMax;
  const pMin = age ? pm.ageMin : pm.statureMin;
  const pMax = age ? pm.ageMax : pm.statureMax;
  if (Number.isNaN(aMin) || Number.isNaN(pMin)) {
    return 0;
  }
  if (age) {
    // The person aged between last sighting and recovery.
    aMin = agedMin(am, pm);
    aMax = agedMax(am, pm);
  }
  const model = age ? RANGE_MODEL.age : RANGE_MODEL.stature;
  const tolerance = age ? ctx.ageTolerance : ctx.statureTolerance;
  const gap = rangeGap(aMin, aMax, pMin, pMax);
  const unit = age ? 'years' : 'cm';
  const shown = trace
    ? `reported ${oneDecimal(aMin)}–${oneDecimal(aMax)}, estimated ${pMin}–${pMax} ${unit}`
    : '';
  let lr: number;
  if (age) {
    lr = ageLog10Lr(aMin, aMax, pMin, pMax);
  } else if (gap > 0) {
    const chance = Math.min(1, (2 * tolerance) / model.spread);
    lr = nearMissLr(model.pNearSame / chance, gap, tolerance);
  } else {
    const widths = Math.max(aMax - aMin, model.minWidth) + Math.max(pMax - pMin, model.minWidth);
    const chance = Math.min(1, Math.max(RANGE_MIN_CHANCE, widths / model.spread));
    lr = Math.log10(model.pOverlapSame / chance);
  }
  if (gap > tolerance && lr < 0) {
    const rule = age ? 'age_incompatible' : 'stature_incompatible';
    const reason = trace
      ? `${shown}: ${oneDecimal(gap)} ${unit} apart, beyond the ${tolerance} ${unit} tolerance`
      : '';
    return contradiction(ctx, trace, kind, rule, am.id, pm.id, lr, reason);
  }
  if (!trace) {
    return lr;
  }
  const how = gap > 0 ? `${oneDecimal(gap)} ${unit} apart, within tolerance` : 'ranges overlap';
  return part(trace, kind, lr, `${shown}: ${how}`);
}

/**
 * Log10 LR of ranges `gap` apart (gap > 0): the near-miss ratio, less 0.5 per tolerance width,
 * and beyond the tolerance ten times less likely per further width (floored).
 */
export function nearMissLr(ratio: number, gap: number, tolerance: number): number {
  const near = Math.log10(ratio) - (0.5 * Math.min(gap, tolerance)) / tolerance;
  if (gap <= tolerance) {
    return near;
  }
  const beyond = near - (CONTRADICTION.rangeBeyondSlope * (gap - tolerance)) / tolerance;
  return Math.max(CONTRADICTION.floor, beyond);
}

/** Gap between two ranges (0 when they overlap; NaN when either is missing). */
export function rangeGap(aMin: number, aMax: number, pMin: number, pMax: number): number {
  return Math.max(pMin - aMax, aMin - pMax, 0);
}

/** Lower bound of the AM age at recovery (aged by the shortest possible elapsed time). */
export function agedMin(am: PreparedAm, pm: PreparedPm): number {
  const days = pm.dayEarliest - am.dayLatest;
  return days > 0 ? am.ageMin + days / DAYS_PER_YEAR : am.ageMin;
}

/** Upper bound of the AM age at recovery (aged by the longest possible elapsed time). */
export function agedMax(am: PreparedAm, pm: PreparedPm): number {
  const days = pm.dayLatest - am.dayEarliest;
  return days > 0 ? am.ageMax + days / DAYS_PER_YEAR : am.ageMax;
}
