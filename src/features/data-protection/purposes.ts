// Purpose limitation (ADR 0140): the one place that decides whether a use of a missing-person
// report is allowed, from the consent per purpose and the legal basis recorded with the report.
// Every feature that uses a report for something asks here (search, duplicate warnings, forensic
// matching, documents, exports, the transnational channel, photo publication, statistics).
// A leaf module: it imports no other feature at run time, so the reports feature itself can ask
// it without an import cycle (the feature's second public surface besides index.ts).
import { AppError } from '../../platform/errors.js';

/** The consent purposes a family gives or refuses (reports.schemas CONSENT_PURPOSES). */
type ConsentKey = 'domesticSearch' | 'forensicSharing' | 'crossBorderMatching' | 'photoPublication';

/** What a report's consent and legal basis look like to this module. */
export interface ConsentHolder {
  consent: Partial<Record<ConsentKey, { status: string } | undefined>>;
  legalBasis: string;
}

/** Every use of a report a feature can ask about. */
export const USES = [
  'search',
  'duplicates',
  'forensicComparison',
  'crossBorderTransfer',
  'photoPublication',
  'documents',
  'export',
  'statistics',
] as const;
/** One use of a report. */
export type Use = (typeof USES)[number];

/** A use's rule: which consents it needs, and whether a non-consent legal basis stands in. */
interface Rule {
  consents: readonly ConsentKey[];
  /** A legal basis other than consent (vital interest of a child, legal obligation) covers it. */
  otherBasisCovers: boolean;
  /** What the use is, in plain words (for the record of processing activities). */
  description: string;
}

/** The purpose table: one row per use (docs/processing-activities.md is generated from it). */
export const PURPOSE_RULES: Readonly<Record<Use, Rule>> = {
  search: {
    consents: ['domesticSearch'],
    otherBasisCovers: true,
    description: 'caseworkers and contact points find the report in lists and name search',
  },
  duplicates: {
    consents: ['domesticSearch'],
    otherBasisCovers: true,
    description: 'the report is compared with other reports of its country as a likely duplicate',
  },
  forensicComparison: {
    consents: ['forensicSharing'],
    otherBasisCovers: false,
    description: 'forensic practitioners read it and it is matched against unidentified remains',
  },
  crossBorderTransfer: {
    consents: ['forensicSharing', 'crossBorderMatching'],
    otherBasisCovers: false,
    description: 'a pseudonymous profile or a disclosure is sent to another jurisdiction',
  },
  photoPublication: {
    consents: ['photoPublication'],
    otherBasisCovers: false,
    description: 'a photo of the missing person is shown beyond the caseworkers of the case',
  },
  documents: {
    consents: ['domesticSearch'],
    otherBasisCovers: true,
    description: 'a PDF document (case summary, ante-mortem sheet) is produced from the report',
  },
  export: {
    consents: ['crossBorderMatching'],
    otherBasisCovers: false,
    description: 'the report leaves the node as a PFIF 1.4 person record',
  },
  statistics: {
    consents: [],
    otherBasisCovers: true,
    description: 'counted in small-cell-suppressed aggregates (no personal data leaves)',
  },
};

/** The reports column holding each consent as a boolean (set when the report is written). */
const CONSENT_COLUMN: Record<ConsentKey, string> = {
  domesticSearch: 'consent_domestic',
  forensicSharing: 'consent_forensic',
  crossBorderMatching: 'consent_cross_border',
  photoPublication: 'consent_photo',
};

/** The decision about one use: allowed, or refused with the consents that are missing. */
export type Decision =
  | { allowed: true; basis: 'consent' | 'legal_basis' | 'aggregate' }
  | { allowed: false; missing: { purpose: ConsentKey; status: string }[] };

/** Decides whether a report may be used for `use`. */
export function decide(report: ConsentHolder, use: Use): Decision {
  const rule = PURPOSE_RULES[use];
  if (rule.consents.length === 0) {
    return { allowed: true, basis: 'aggregate' };
  }
  if (rule.otherBasisCovers && report.legalBasis !== 'consent') {
    return { allowed: true, basis: 'legal_basis' };
  }
  const missing = rule.consents
    .map((purpose) => ({ purpose, status: report.consent[purpose]?.status ?? 'missing' }))
    .filter((c) => c.status !== 'granted');
  return missing.length === 0 ? { allowed: true, basis: 'consent' } : { allowed: false, missing };
}

/** True when the report may be used for `use`. */
export function permits(report: ConsentHolder, use: Use): boolean {
  return decide(report, use).allowed;
}

/** Refuses (403 CONSENT_REQUIRED) a use the report's consent and legal basis do not allow. */
export function assertPermitted(report: ConsentHolder, use: Use): void {
  const d = decide(report, use);
  if (!d.allowed) {
    const first = d.missing[0]!;
    throw new AppError(
      'CONSENT_REQUIRED',
      `This processing (${use}) needs the family's consent for ${first.purpose}, which is ${first.status}`,
      { use, purpose: first.purpose, consent: first.status },
    );
  }
}

/**
 * The same rule as SQL over the reports table aliased `alias`, for list queries that must leave
 * out reports whose consent does not allow the use (no parameters; column names only).
 */
export function permittedSql(use: Use, alias = 'r'): string {
  const rule = PURPOSE_RULES[use];
  if (rule.consents.length === 0) {
    return 'true';
  }
  const granted = rule.consents.map((c) => `${alias}.${CONSENT_COLUMN[c]}`).join(' AND ');
  return rule.otherBasisCovers
    ? `(${granted} OR ${alias}.legal_basis <> 'consent')`
    : `(${granted})`;
}
