// The matching engine's vocabulary: ante-mortem (AM) and post-mortem (PM) profiles built on the
// shared forensic vocabulary, laboratory results, and the explained score of one pair.
import type {
  Coordinates,
  DentalEntry,
  Effect,
  FuzzyDate,
  Implant,
  Mark,
  NumericRange,
} from '../../platform/vocabulary/index.js';

/** Sex as the engine sees it (the shared vocabulary's values). */
export type Sex = 'female' | 'male' | 'unknown';

/** How sure a PM sex estimate is: "certain" may exclude, "probable" only weighs. */
export type SexConfidence = 'certain' | 'probable';

/** Condition of remains (INTERPOL PM form); it decides which AM features can still be observed. */
export type RemainsCondition = 'complete' | 'partial' | 'skeletal' | 'commingled';

/** A dental entry and a mark are reused as-is; the description of a mark may be empty. */
export type ProfileMark = Pick<Mark, 'kind' | 'bodyLocation'> & { description?: string };
/** A dental entry as entered (FDI tooth, state, optional note). */
export type ProfileDental = Pick<DentalEntry, 'tooth' | 'state'> & { note?: string };
/** An implant or medical device; serialNumber makes it near-certain. */
export type ProfileImplant = Implant;
/** An item of clothing or a personal effect. */
export type ProfileEffect = Effect;

/** Ante-mortem profile: what a missing-person report says about the person (every field optional). */
export interface AmProfile {
  /** The report's id (also used to look up lab results). */
  id: string;
  sex?: Sex;
  /** Age in years when last seen. */
  ageRange?: NumericRange;
  /** Stature in centimetres. */
  statureRange?: NumericRange;
  /** When the person was last seen (a day, month, year or range). */
  lastSeen?: Pick<FuzzyDate, 'earliest' | 'latest'>;
  /** Where the person was last seen. */
  lastSeenPlace?: Coordinates;
  /** Migration route code (e.g. "central_med"). */
  route?: string;
  /** Linked incident (shipwreck, desert or road event). */
  incidentId?: string;
  marks?: ProfileMark[];
  dental?: ProfileDental[];
  implants?: ProfileImplant[];
  effects?: ProfileEffect[];
}

/** Post-mortem profile: what the examination of unidentified remains found (every field optional). */
export interface PmProfile {
  /** The remains' id (also used to look up lab results). */
  id: string;
  condition?: RemainsCondition;
  sex?: Sex;
  /** Default: "certain" for complete remains, "probable" otherwise. */
  sexConfidence?: SexConfidence;
  /** Estimated age at death, years. */
  ageRange?: NumericRange;
  /** Estimated stature, centimetres. */
  statureRange?: NumericRange;
  /** When the remains were recovered. */
  recovered?: Pick<FuzzyDate, 'earliest' | 'latest'>;
  /** Where the remains were recovered. */
  recoveryPlace?: Coordinates;
  route?: string;
  incidentId?: string;
  marks?: ProfileMark[];
  dental?: ProfileDental[];
  implants?: ProfileImplant[];
  effects?: ProfileEffect[];
}

/** Outcome of an expert comparison (fingerprints, dental) or of a DNA comparison. */
export type LabOutcome = 'match' | 'exclusion' | 'inconclusive';

/** A laboratory or expert result that links one report and one remains. */
export type LabResult =
  | {
      kind: 'dna';
      amId: string;
      pmId: string;
      /** Direct (personal reference) or kinship (relatives' reference samples). */
      method: 'direct' | 'kinship';
      /** The laboratory's likelihood ratio (same person vs unrelated); 0 means excluded. */
      likelihoodRatio: number;
      /** The family reference sample used (a reference, never a profile). */
      referenceSample?: string;
    }
  | {
      kind: 'fingerprint' | 'dental';
      amId: string;
      pmId: string;
      outcome: LabOutcome;
    };

/**
 * Rules a reviewer may override. `lab_exclusion` and `implant_serial_mismatch` exclude a pair;
 * the others are strong evidence against it (ADR 0033), and overriding one discounts it.
 */
export type ExclusionRule =
  | 'sex_mismatch'
  | 'recovered_before_last_seen'
  | 'age_incompatible'
  | 'stature_incompatible'
  | 'lab_exclusion'
  | 'implant_serial_mismatch';

/** One hard exclusion found for a pair (only certain facts exclude: lab results, implant serials). */
export interface Exclusion {
  rule: ExclusionRule;
  reason: string;
  overridable: true;
  /** True when a reviewer overrode it (the pair is then scored, with a penalty part). */
  overridden: boolean;
}

/** The attributes that contribute to a score. */
export type Attribute =
  | 'sex'
  | 'age'
  | 'stature'
  | 'time'
  | 'distance'
  | 'incident'
  | 'route'
  | 'marks'
  | 'dental'
  | 'implants'
  | 'effects'
  | 'dna'
  | 'fingerprint'
  | 'dental_comparison';

/** One attribute's contribution: log10 likelihood ratio and a reviewer-readable reason. */
export interface ScorePart {
  attribute: Attribute;
  log10lr: number;
  explanation: string;
}

/** The explained score of one AM–PM pair. */
export interface PairScore {
  amId: string;
  pmId: string;
  /** Sum of the parts: log10 of the combined likelihood ratio. */
  score: number;
  /** True when at least one exclusion applies and is not overridden. */
  excluded: boolean;
  exclusions: Exclusion[];
  parts: ScorePart[];
}

/** Options of a scoring run. */
export interface ScoreOptions {
  /** Laboratory and expert results; only those naming the pair are used. */
  labResults?: LabResult[];
  /** Exclusions a reviewer overrode, per pair (amId, pmId) or for every pair when ids are absent. */
  overrides?: { rule: ExclusionRule; amId?: string; pmId?: string }[];
  /** Tolerance in years beyond which non-overlapping age ranges count as a contradiction (default 5). */
  ageToleranceYears?: number;
  /** Tolerance in centimetres beyond which non-overlapping statures count as a contradiction (default 8). */
  statureToleranceCm?: number;
}

/** A ranked candidate: the explained score of a pair above the threshold. */
export type Candidate = PairScore & { rank: number };
