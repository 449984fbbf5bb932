// Per-run scoring context (tolerances, overrides, lab results) and the optional trace that
// collects explanations. Without a trace the scorer builds no strings and stops at the first exclusion.
import { AGE_TOLERANCE_YEARS, STATURE_TOLERANCE_CM } from './matching.weights.js';
import type {
  Attribute,
  Exclusion,
  ExclusionRule,
  LabResult,
  ScoreOptions,
  ScorePart,
} from './matching.types.js';

/** The options of a run, indexed for per-pair lookups. */
export interface ScoreContext {
  ageTolerance: number;
  statureTolerance: number;
  /** Lab results by AM id, then PM id. */
  labs: Map<string, Map<string, LabResult[]>>;
  overrides: NonNullable<ScoreOptions['overrides']>;
}

/** Collects the parts and exclusions of one pair when an explanation is wanted. */
export interface Trace {
  parts: ScorePart[];
  exclusions: Exclusion[];
}

/** Returned by an attribute scorer in fast mode when an exclusion ends the pair. */
export const EXCLUDED = -Infinity;

/** Indexes the options of a run. */
export function createContext(options: ScoreOptions = {}): ScoreContext {
  const labs = new Map<string, Map<string, LabResult[]>>();
  for (const lab of options.labResults ?? []) {
    const byPm = labs.get(lab.amId) ?? new Map<string, LabResult[]>();
    byPm.set(lab.pmId, [...(byPm.get(lab.pmId) ?? []), lab]);
    labs.set(lab.amId, byPm);
  }
  return {
    ageTolerance: options.ageToleranceYears ?? AGE_TOLERANCE_YEARS,
    statureTolerance: options.statureToleranceCm ?? STATURE_TOLERANCE_CM,
    labs,
    overrides: options.overrides ?? [],
  };
}

/** Whether a reviewer overrode this rule for this pair (or for all pairs). */
export function isOverridden(
  ctx: ScoreContext,
  rule: ExclusionRule,
  amId: string,
  pmId: string,
): boolean {
  if (ctx.overrides.length === 0) {
    return false;
  }
  return ctx.overrides.some(
    (o) =>
      o.rule === rule &&
      (o.amId === undefined || o.amId === amId) &&
      (o.pmId === undefined || o.pmId === pmId),
  );
}

/**
 * Adds a part to a trace and returns its value (call only when there is a trace). The value is
 * stored unrounded; `explainPrepared` calibrates and rounds it.
 */
export function part(
  trace: Trace,
  attribute: Attribute,
  log10lr: number,
  explanation: string,
): number {
  trace.parts.push({ attribute, log10lr, explanation });
  return log10lr;
}

/**
 * Strong evidence against a pair from data known to be wrong sometimes (ADR 0033): weighs `lr`,
 * or 0 when a reviewer overrode the rule (judged the record wrong). Never excludes.
 */
export function contradiction(
  ctx: ScoreContext,
  trace: Trace | null,
  attribute: Attribute,
  rule: ExclusionRule,
  amId: string,
  pmId: string,
  lr: number,
  reason: string,
): number {
  const overridden = isOverridden(ctx, rule, amId, pmId);
  if (!trace) {
    return overridden ? 0 : lr;
  }
  return overridden
    ? part(trace, attribute, 0, `${reason}: discounted by a reviewer (record judged wrong)`)
    : part(trace, attribute, lr, `${reason}: strong evidence against`);
}

/**
 * Handles a hard exclusion: records it in the trace; answers EXCLUDED in fast mode when not
 * overridden, else the penalty an overridden exclusion carries (0 when excluded with a trace).
 * `reason` may be empty without a trace (no strings are built in fast mode).
 */
export function exclusion(
  ctx: ScoreContext,
  trace: Trace | null,
  attribute: Attribute,
  rule: ExclusionRule,
  amId: string,
  pmId: string,
  penalty: number,
  reason: string,
): number {
  const overridden = isOverridden(ctx, rule, amId, pmId);
  if (!trace) {
    return overridden ? penalty : EXCLUDED;
  }
  trace.exclusions.push({ rule, reason, overridable: true, overridden });
  if (!overridden) {
    return 0;
  }
  return part(trace, attribute, penalty, `${reason} (exclusion overridden by a reviewer)`);
}

/** Rounds a log10 LR for display (3 decimals). */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
