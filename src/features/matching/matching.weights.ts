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
  /** Recovery before the last sighting: P(family's date too late | Hp) ~0.03, P(before | Hd) ~0.4. */
  dateBase: Math.log10(0.03 / 0.4),
  /** ... and ten times less likely for every further 60 days (dates are wrong by days or weeks). */
  datePerDay: -1 / 60,
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
export const CALIBRATION = { slope: 0.8 };

/** A bin of a quantity (days, km) with its probability under Hp and Hd. */
export interface LrBin {
  upTo: number;
  pSame: number;
  pDiff: number;
}

/**
 * Days from last sighting to recovery. Hp: most bodies at sea are found within days to weeks,
 * desert remains months to years later. Hd: random pairs spread over the whole period of records.
 */
export const TIME_BINS: LrBin[] = [
  { upTo: 7, pSame: 0.35, pDiff: 0.01 },
  { upTo: 30, pSame: 0.25, pDiff: 0.03 },
  { upTo: 180, pSame: 0.2, pDiff: 0.1 },
  { upTo: 730, pSame: 0.15, pDiff: 0.3 },
  { upTo: Infinity, pSame: 0.05, pDiff: 0.56 },
];

/**
 * Great-circle km from last-seen place to recovery place. Hp: drift at sea and onward travel
 * before death; Hd: records of one node spread over a region of ~1,500 km.
 */
export const DISTANCE_BINS: LrBin[] = [
  { upTo: 10, pSame: 0.3, pDiff: 0.005 },
  { upTo: 50, pSame: 0.3, pDiff: 0.03 },
  { upTo: 200, pSame: 0.25, pDiff: 0.12 },
  { upTo: 1000, pSame: 0.1, pDiff: 0.45 },
  { upTo: Infinity, pSame: 0.05, pDiff: 0.395 },
];

/** Same incident: P(same | Hp) 0.85, P(same | Hd) ~0.03 (many incidents per node). */
export const INCIDENT = { same: Math.log10(0.85 / 0.03), different: Math.log10(0.15 / 0.97) };
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
  descriptionBonus: 1.0,
  /** AM mark not found on complete remains (skin visible): mild, marks are missed or healed. */
  unmatchedOnCompleteBody: -0.2,
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
  sameTreatment: 0.6,
  /** Both missing (ante-mortem loss). */
  bothMissing: 0.4,
  /** Both present and sound: very common. */
  bothPresent: 0.02,
  /** Explainable difference (treatment or extraction after the AM record). */
  explainable: -0.15,
  /** Unexplainable: AM missing or treated, PM sound and present (teeth do not regrow or heal). */
  unexplainable: -1.2,
  min: -3,
  max: 3,
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
  minSimilarity: 0.25,
  base: 0.2,
  similarity: 0.8,
  sameBrand: 0.3,
  /** A document item (ID card, passport) that matches weighs more. */
  documentBonus: 1.0,
  max: 2,
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
