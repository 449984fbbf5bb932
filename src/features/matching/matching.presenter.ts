// The API shape of a candidate pair, cut to what the actor may read.
import { pickReadable, type Actor } from '../../platform/authz/index.js';
import type { Remains } from '../remains/index.js';
import type { Report } from '../reports/index.js';
import type { OverrideRow, StoredLabResult } from './matching.evidence.repository.js';
import { primaryOf, type SameCaseCandidate } from './matching.links.js';
import { MATCH_CANDIDATE } from './matching.policy.js';
import type { CandidateRow } from './matching.repository.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Related records and evidence a presented candidate may show. */
export interface CandidateContext {
  rank?: number;
  report?: Report | undefined;
  remains?: Remains | undefined;
  labs?: StoredLabResult[];
  overrides?: OverrideRow[];
  /** Candidates of linked reports (the same person) against the same remains. */
  sameCase?: SameCaseCandidate[];
}

/** Laboratory parts keep their weight for everyone, but only forensic users read their detail. */
function parts(actor: Actor, row: CandidateRow) {
  if (actor.role === 'forensic') {
    return row.parts;
  }
  return row.parts.map((p) =>
    p.attribute === 'dna' ? { ...p, explanation: 'DNA comparison recorded by a laboratory' } : p,
  );
}

/** A candidate with its explanation, rank and review state (fields by role). */
export function presentCandidate(actor: Actor, row: CandidateRow, c: CandidateContext = {}) {
  const r = c.remains;
  const sameCase = c.sameCase ?? [];
  const primary = primaryOf([{ candidateId: row.id, ...row }, ...sameCase]);
  const presented = {
    id: row.id,
    rank: c.rank ?? null,
    reportId: row.reportId,
    caseNumber: c.report?.caseNumber ?? null,
    remainsId: row.remainsId,
    remainsCode: r?.code ?? null,
    country: row.country,
    score: row.score,
    excluded: row.excluded,
    parts: parts(actor, row),
    exclusions: row.exclusions,
    status: row.status,
    review: {
      startedBy: row.reviewStartedBy,
      startedAt: iso(row.reviewStartedAt),
      proposedBy: row.proposedBy,
      proposedAt: iso(row.proposedAt),
      basis: row.basis,
      note: row.proposalNote,
      confirmedBy: row.confirmedBy,
      confirmedAt: iso(row.confirmedAt),
      identification: row.identification,
      excludedBy: row.excludedBy,
      excludedAt: iso(row.excludedAt),
      exclusionReason: row.exclusionReason,
    },
    remains: r
      ? {
          code: r.code,
          status: r.status,
          condition: r.condition,
          sex: r.sex,
          age: r.age,
          stature: r.stature,
          recoveryDate: r.recovery.date.text,
          recoveryPlace: r.recovery.place,
          photos: r.photos,
        }
      : null,
    labResults: (c.labs ?? []).map((l) => ({ ...l, recordedAt: iso(l.recordedAt) })),
    overrides: (c.overrides ?? []).map((o) => ({
      rule: o.rule,
      reason: o.reason,
      createdBy: o.createdBy,
      createdAt: iso(o.createdAt),
    })),
    // The same person reported twice: one candidate shown twice, not two competing candidates.
    sameCase,
    duplicateOf: primary && primary !== row.id ? primary : null,
    scoredAt: iso(row.scoredAt),
  };
  return pickReadable(actor, MATCH_CANDIDATE, { ...row }, presented);
}
