// Every number the scorer uses, in one place. Each is a probability under "same person" (Hp) or
// "different persons" (Hd), or a log10 likelihood ratio derived from them. docs/matching.md gives
// the reasoning behind each value; change them there and here together.

/** Share of each sex among the recorded dead and missing on migration routes (IOM MMP: ~4 in 5 male). */
export const SEX_SHARE = { male: 0.8, female: 0.2 } as const;

/** P(PM sex estimate equals the true sex): certain (soft tissue, pelvis) vs probable (skull, fragments). */
export const SEX_ACCURACY = { certain: 0.98, probable: 0.85 } as const;

/** Default tolerances beyond which non-overlapping ranges exclude. */
export const AGE_TOLERANCE_YEARS = 5;
export const STATURE_TOLERANCE_CM = 8;

/** Range evidence: P(ranges overlap | Hp), P(near miss within tolerance | Hp), population spread. */
export const RANGE_MODEL = {
  age: { pOverlapSame: 0.93, pNearSame: 0.06, spread: 40, minWidth: 2 },
  stature: { pOverlapSame: 0.9, pNearSame: 0.09, spread: 40, minWidth: 4 },
} as const;

/**
 * Age (matching.density.ts): the estimate's centre against the reported centre, normal error
 * (residual sd 2.5 years beyond the ranges' own widths; 10 % gross errors at 2.5× the sd), over
 * the population density of ages among the dead and missing on the routes (IOM MMP: mostly
 * young adults, about one in ten a child). Re-estimate `population` from the node's records.
 */
export const AGE_MODEL = {
  residualSd: 2.5,
  grossShare: 0.1,
  grossFactor: 2.5,
  minDensity: 0.001,
  population: [
    { from: 0, upTo: 10, share: 0.03 },
    { from: 10, upTo: 15, share: 0.04 },
    { from: 15, upTo: 20, share: 0.16 },
    { from: 20, upTo: 25, share: 0.23 },
    { from: 25, upTo: 30, share: 0.19 },
    { from: 30, upTo: 35, share: 0.13 },
    { from: 35, upTo: 40, share: 0.08 },
    { from: 40, upTo: 50, share: 0.09 },
    { from: 50, upTo: 60, share: 0.035 },
    { from: 60, upTo: 90, share: 0.015 },
  ],
};

/** Floor of P(overlap | Hd) so that a very precise pair never counts as more than ~LR 20. */
export const RANGE_MIN_CHANCE = 0.05;

/**
 * Log10 LR given to an overridden hard exclusion, so the pair is shown but ranks low. Only
 * certain facts still exclude (ADR 0033): an expert or DNA exclusion, and differing implant
 * serial numbers.
 */
export const OVERRIDDEN_EXCLUSION_LOG10LR = {
  implant_serial_mismatch: -2,
  lab_exclusion: -6,
} as const;

/**
 * Strong evidence against a pair where the data are known to be wrong sometimes (ADR 0033):
 * a certain sex estimate that disagrees (its weight is the sex model's own), a recovery before
 * the family's last-seen date, age or stature beyond tolerance. A reviewer who judges the record
 * wrong discounts it (the part becomes 0).
 */
export const CONTRADICTION = {
  /** Age or stature beyond tolerance: ten times less likely per further tolerance width. */
  rangeBeyondSlope: 1,
  /** No contradiction weighs less than this (the record itself may be wrong). */
  floor: -4,
};

/**
 * Calibration of the combined score (ADR 0034, docs/matching.md "Calibration"): the sum of the
 * non-laboratory parts is multiplied by `slope`, fitted on the benchmark's noise profile A so
 * that a score s reads as a likelihood ratio of 10^s; laboratory likelihood ratios are already
 * calibrated and are added as they are.
 */
export const CALIBRATION = { slope: 0.59 };

/**
 * Days from last sighting to recovery (matching.density.ts). Hp: a mixture of exponentials —
 * bodies at sea surface or wash ashore within days (mean 8) or weeks (45), others are found
 * months to years later (365). Hd: unrelated records of a node spread over `spanDays`, so the
 * difference of two dates has a triangular density (floored at `hdFloor` of its peak). Re-estimate
 * `spanDays` from the node's own records (about the span between its first and last dates).
 */
export const TIME_MODEL = {
  spanDays: 2400,
  hdFloor: 0.05,
  components: [
    { weight: 0.4, meanDays: 8 },
    { weight: 0.25, meanDays: 45 },
    { weight: 0.3, meanDays: 365 },
  ],
  /** Share of true pairs whose dates are unrelated (a wrong year, a wrong record): LR floor. */
  wrongDate: 0.05,
  /** Family's date after the death: share of reports and mean days too late. */
  lateDate: { weight: 0.03, meanDays: 20 },
  /** ... and a recovery long before the last sighting: the floor on that side (log10 −2). */
  earlyWrongDate: 0.01,
};

/**
 * Great-circle km from last-seen place to recovery place (matching.density.ts). Hp: 2-D
 * displacements — drift and the last days' travel (scale 30 km), or a last-seen place that is
 * the departure city or an earlier stop (scale 250 km); a wrong place (1 %) is the floor. Hd: a
 * node's records spread over ~1.3 million km² (about 2.5 % of unrelated pairs lie within 100 km).
 */
export const DISTANCE_MODEL = {
  areaKm2: 1.3e6,
  components: [
    { weight: 0.65, scaleKm: 30 },
    { weight: 0.3, scaleKm: 250 },
  ],
  wrongPlace: 0.01,
};

/**
 * Same incident: P(same | Hp) 0.85; P(same | Hd) is the chance that two unrelated records name
 * one incident, about 1 / (incidents a node records): ~0.01 for a node with ~100 incidents.
 */
export const INCIDENT = { same: Math.log10(0.85 / 0.01), different: Math.log10(0.15 / 0.99) };
/** Same route: few routes per node, so weak (P(same | Hd) ~0.3). Not counted when incidents compare. */
export const ROUTE = { same: Math.log10(0.9 / 0.3), different: Math.log10(0.1 / 0.7) };

/** Log10 LR of a mark matching in kind and body location, by kind (rarer kinds weigh more). */
export const MARK_KIND_WEIGHT = {
  tattoo: 1.3,
  scar: 0.8,
  birthmark: 1.0,
  piercing: 0.5,
  amputation: 2.0,
  deformity: 1.3,
  mole: 0.4,
  other: 0.4,
} as const;

/** Marks: adjustments and caps. */
export const MARKS = {
  /** Share of the kind weight kept when location is adjacent or kind is a confusable one. */
  partialShare: 0.5,
  /** Extra log10 LR for description token similarity 1.0 (scaled by Jaccard). */
  descriptionBonus: 1.5,
  /**
   * AM mark not found on complete remains (skin visible): P(missed or described otherwise | Hp)
   * ~0.3 against P(no such mark | Hd) ~0.9.
   */
  unmatchedOnCompleteBody: -0.5,
  /** AM amputation not found on any remains where limbs are present. */
  unmatchedAmputation: -1.0,
  /** PM mark the family did not report (they may not know it). */
  unreportedPmMark: -0.05,
  min: -1.5,
  max: 4,
};

/** Dental per-tooth log10 LRs (consistency logic of forensic odontology) and caps. */
export const DENTAL = {
  /** Same restoration/treatment on the same tooth (filled, crown, root canal, implant, bridge). */
  sameTreatment: 0.9,
  /** Both missing (ante-mortem loss). */
  bothMissing: 0.7,
  /** Both present and sound: very common. */
  bothPresent: 0.02,
  /** Explainable difference (treatment or extraction after the AM record). */
  explainable: -0.15,
  /** Unexplainable: AM missing or treated, PM sound and present (teeth do not regrow or heal). */
  unexplainable: -1.2,
  min: -3,
  max: 4,
};

/** Implants: serial numbers are near-certain; kind alone is rare among young migrants. */
export const IMPLANTS = {
  serialMatch: 6,
  /** Differing serials exclude; this is the part of an overridden exclusion. */
  serialMismatch: -2,
  kindMatch: 1.0,
  /** AM implant absent from remains whose hardware would survive. */
  missing: -0.5,
};

/** Effects and clothing: weak (items are exchanged, lost, described differently). */
export const EFFECTS = {
  /** Minimum token Jaccard for two items of one category to count as the same. */
  minSimilarity: 0.3,
  base: 0,
  similarity: 1.5,
  sameBrand: 0.3,
  /** A document item (ID card, passport) that matches weighs more. */
  documentBonus: 1.0,
  max: 2.5,
};

/** Laboratory and expert results dominate: primary identifiers (INTERPOL DVI). */
export const LAB = {
  fingerprintMatch: 10,
  dentalComparisonMatch: 8,
  /** DNA: the lab's own log10 LR, bounded to what a lab would report. */
  dnaMax: 12,
  dnaMin: -12,
  /** Log10 LR of an expert exclusion (also a hard exclusion). */
  exclusion: -10,
};
