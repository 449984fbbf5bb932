// Business rules of a report that need no database: consent, lifecycle, duplicates.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.js';
import { assertPermitted, type Use } from '../data-protection/purposes.js';
import type { ConsentRecord, Report, StoredRelative } from './reports.repository.js';
import {
  CONSENT_PURPOSES,
  type ConsentPurpose,
  type CreateReportInput,
  type ReportStatus,
  type UpdateReportInput,
} from './reports.schemas.js';

/** Allowed status changes (a closed report can be reopened). */
export const TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  received: ['under_search', 'closed'],
  under_search: ['possible_match', 'located_alive', 'identified_deceased', 'closed'],
  possible_match: ['under_search', 'located_alive', 'identified_deceased'],
  located_alive: ['closed'],
  identified_deceased: ['closed'],
  closed: ['under_search'],
};

/** Refuses a status change the lifecycle does not allow. */
export function assertTransition(from: ReportStatus, to: ReportStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw new AppError('INVALID_TRANSITION', `A report cannot go from ${from} to ${to}`, {
      fields: [
        {
          field: 'body.status',
          message: `allowed from ${from}: ${TRANSITIONS[from].join(', ') || 'none'}`,
        },
      ],
    });
  }
}

/** Refuses processing for a purpose the family has not consented to (or has withdrawn). */
export function assertConsent(
  report: Pick<Report, 'consent' | 'legalBasis'>,
  purpose: ConsentPurpose,
): void {
  // The purpose rules decide (data-protection/purposes.ts); a non-consent legal basis (e.g. vital
  // interest of a child) covers the domestic search only.
  assertPermitted(report, USE_OF[purpose]);
}

/** The use each consent purpose stands for in the purpose rules. */
const USE_OF: Record<ConsentPurpose, Use> = {
  domesticSearch: 'search',
  forensicSharing: 'forensicComparison',
  crossBorderMatching: 'export',
  photoPublication: 'photoPublication',
};

/** Consent records from input, keeping the date of purposes whose status did not change. */
export function consentRecords(
  input: CreateReportInput['consent'],
  actorId: string,
  before?: Report['consent'],
): Report['consent'] {
  const now = new Date().toISOString();
  const out = { givenBy: input.givenBy } as Report['consent'];
  // An interview's record (who was present, what was explained) is kept as given.
  if (input.present !== undefined) {
    out.present = input.present;
  }
  if (input.explained !== undefined) {
    out.explained = input.explained;
  }
  for (const p of CONSENT_PURPOSES) {
    const prev = before?.[p];
    out[p] =
      prev && prev.status === input[p]
        ? prev
        : ({ status: input[p], recordedAt: now, recordedBy: actorId } satisfies ConsentRecord);
  }
  return out;
}

/**
 * Relatives with stable ids: an unchanged relative (same name and relationship) keeps its id.
 * A relative who withdrew their contact details stays withdrawn (no contact, may not be
 * contacted) whatever the body says, unless the family itself gives them again.
 */
export function storedRelatives(
  input: CreateReportInput['relatives'],
  before: StoredRelative[] = [],
  familyReconsents = false,
): StoredRelative[] {
  return input.map((r) => {
    const prev = before.find((b) => b.name === r.name && b.relationship === r.relationship);
    const id = prev?.id ?? randomUUID();
    if (prev?.contactWithdrawnAt && !familyReconsents) {
      return {
        id,
        ...r,
        contact: {},
        mayContact: false,
        contactWithdrawnAt: prev.contactWithdrawnAt,
      };
    }
    return { id, ...r };
  });
}

/** The empty medical section. */
export const EMPTY_MEDICAL = {
  dental: [],
  dentalNotes: '',
  fractures: [],
  surgery: [],
  implants: [],
  history: '',
};

type Range = { earliest: string; latest: string };
const overlaps = (a?: Range, b?: Range) =>
  !!a && !!b && a.earliest <= b.latest && b.earliest <= a.latest;

/**
 * Why a candidate may be the same person as a report, with a score (0–1). Conflicting sex or
 * incompatible dates of birth rule a candidate out (score 0).
 */
export function duplicateReasons(r: Report, c: Report, nameScore: number) {
  const reasons: string[] = [`similar names (score ${nameScore.toFixed(2)})`];
  let score = nameScore * 0.6;
  const rp = r.person as PersonFacts;
  const cp = c.person as PersonFacts;
  if (rp.sex && cp.sex && rp.sex !== 'unknown' && cp.sex !== 'unknown') {
    if (rp.sex !== cp.sex) {
      return { score: 0, reasons: ['different sex'] };
    }
    reasons.push('same sex');
    score += 0.1;
  }
  if (rp.dateOfBirth && cp.dateOfBirth) {
    if (!overlaps(rp.dateOfBirth, cp.dateOfBirth)) {
      return { score: 0, reasons: ['incompatible dates of birth'] };
    }
    reasons.push('compatible dates of birth');
    score += 0.1;
  }
  const rd = r.disappearance as unknown as DisappearanceFacts;
  const cd = c.disappearance as unknown as DisappearanceFacts;
  if (overlaps(rd.lastSeenDate, cd.lastSeenDate)) {
    reasons.push('overlapping last-seen dates');
    score += 0.1;
  }
  if (rd.lastSeenPlace.trim().toLowerCase() === cd.lastSeenPlace.trim().toLowerCase()) {
    reasons.push('same last-seen place');
    score += 0.05;
  }
  if (rd.incidentId && rd.incidentId === cd.incidentId) {
    reasons.push('same incident');
    score += 0.05;
  }
  const docs = new Set((rp.documents ?? []).map((d) => d.number).filter(Boolean));
  if ((cp.documents ?? []).some((d) => d.number && docs.has(d.number))) {
    reasons.push('same identity document number');
    score += 0.3;
  }
  return { score: Math.min(1, score), reasons };
}

interface PersonFacts {
  sex?: string;
  dateOfBirth?: Range;
  documents?: { number?: string }[];
}
interface DisappearanceFacts {
  lastSeenDate: Range;
  lastSeenPlace: string;
  incidentId?: string;
}

/** Applies a PATCH to a stored report (whole sections replace the old ones). */
export function applyPatch(
  r: Report,
  patch: UpdateReportInput,
  actorId: string,
  byFamily = false,
): Report {
  return {
    ...r,
    ...(patch.person ? { person: patch.person } : {}),
    ...(patch.disappearance ? { disappearance: patch.disappearance } : {}),
    ...(patch.description ? { description: patch.description } : {}),
    ...(patch.medical ? { medical: patch.medical } : {}),
    ...(patch.dnaSamples ? { dnaSamples: patch.dnaSamples } : {}),
    ...(patch.flags ? { flags: patch.flags } : {}),
    ...(patch.relatives
      ? { relatives: storedRelatives(patch.relatives, r.relatives, byFamily) }
      : {}),
    ...(patch.consent ? { consent: consentRecords(patch.consent, actorId, r.consent) } : {}),
    ...(patch.legalBasis ? { legalBasis: patch.legalBasis } : {}),
    ...(patch.internalNotes !== undefined ? { internalNotes: patch.internalNotes } : {}),
  };
}
