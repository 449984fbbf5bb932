// The scorer: one pass over the attributes, summing log10 likelihood ratios (naive-Bayes style,
// see docs/matching.md). The same code serves the explained score of one pair and the fast
// screening of many pairs (no trace: no strings, and it stops at the first hard exclusion).
import {
  createContext,
  EXCLUDED,
  round,
  type ScoreContext,
  type Trace,
} from './matching.context.js';
import {
  scoreDistance,
  scoreIncidentRoute,
  scoreRange,
  scoreSex,
  scoreTime,
} from './matching.demographics.js';
import { scoreDental, scoreEffects, scoreImplants, scoreMarks } from './matching.features.js';
import { scoreLab } from './matching.lab.js';
import { prepareAm, preparePm, type PreparedAm, type PreparedPm } from './matching.profile.js';
import type {
  AmProfile,
  Attribute,
  Candidate,
  PairScore,
  PmProfile,
  ScoreOptions,
} from './matching.types.js';
import { CALIBRATION } from './matching.weights.js';

/** Attributes whose log10 LR comes calibrated from a laboratory or expert (not rescaled). */
const LAB_ATTRIBUTES = new Set<Attribute>(['dna', 'fingerprint', 'dental_comparison']);

/**
 * Total log10 LR of a prepared pair: the laboratory results plus the calibrated sum of the other
 * attributes (CALIBRATION). Without a trace it answers EXCLUDED as soon as an exclusion that is
 * not overridden applies; with a trace it records every part and exclusion.
 */
export function evaluate(
  am: PreparedAm,
  pm: PreparedPm,
  ctx: ScoreContext,
  trace: Trace | null,
): number {
  // Exclusion-capable attributes first, so that fast screening stops early.
  const lab = scoreLab(am, pm, ctx, trace);
  if (lab === EXCLUDED) {
    return EXCLUDED;
  }
  const implants = scoreImplants(am, pm, ctx, trace);
  if (implants === EXCLUDED) {
    return EXCLUDED;
  }
  const rest =
    implants +
    scoreSex(am, pm, ctx, trace) +
    scoreTime(am, pm, ctx, trace) +
    scoreRange('age', am, pm, ctx, trace) +
    scoreRange('stature', am, pm, ctx, trace) +
    scoreDistance(am, pm, trace) +
    scoreIncidentRoute(am, pm, trace) +
    scoreMarks(am, pm, trace) +
    scoreDental(am, pm, trace) +
    scoreEffects(am, pm, trace);
  return lab + CALIBRATION.slope * rest;
}

/** The explained score of a prepared pair; parts are calibrated like the total, then rounded. */
export function explainPrepared(am: PreparedAm, pm: PreparedPm, ctx: ScoreContext): PairScore {
  const trace: Trace = { parts: [], exclusions: [] };
  const total = evaluate(am, pm, ctx, trace);
  for (const p of trace.parts) {
    p.log10lr = round(LAB_ATTRIBUTES.has(p.attribute) ? p.log10lr : CALIBRATION.slope * p.log10lr);
  }
  trace.parts.sort((a, b) => Math.abs(b.log10lr) - Math.abs(a.log10lr));
  return {
    amId: am.id,
    pmId: pm.id,
    score: round(total),
    excluded: trace.exclusions.some((e) => !e.overridden),
    exclusions: trace.exclusions,
    parts: trace.parts,
  };
}

/** Scores one report (AM) against one remains (PM) and explains every part of the score. */
export function scorePair(am: AmProfile, pm: PmProfile, options: ScoreOptions = {}): PairScore {
  return explainPrepared(prepareAm(am), preparePm(pm), createContext(options));
}

/**
 * Ranks remains as candidates for one report: pairs that are not excluded and score at least
 * `threshold` (log10 LR), best first, each with its explanation.
 */
export function rankCandidates(
  am: AmProfile,
  pms: PmProfile[],
  threshold = 0,
  options: ScoreOptions = {},
): Candidate[] {
  const ctx = createContext(options);
  const a = prepareAm(am);
  const kept: { pm: PreparedPm; score: number }[] = [];
  for (const pm of pms) {
    const prepared = preparePm(pm);
    const score = evaluate(a, prepared, ctx, null);
    if (score !== EXCLUDED && score >= threshold) {
      kept.push({ pm: prepared, score });
    }
  }
  kept.sort((x, y) => y.score - x.score || x.pm.id.localeCompare(y.pm.id));
  return kept.map((k, i) => ({ ...explainPrepared(a, k.pm, ctx), rank: i + 1 }));
}
