import { sameCountry, type Policy } from '../../platform/authz/index.js';

/** Subject type of a scored report–remains pair. */
export const MATCH_CANDIDATE = 'MatchCandidate';

/** Every field of a presented candidate. */
export const CANDIDATE_FIELDS = [
  'id',
  'rank',
  'reportId',
  'caseNumber',
  'remainsId',
  'remainsCode',
  'country',
  'score',
  'excluded',
  'parts',
  'exclusions',
  'status',
  'review',
  'remains',
  'labResults',
  'overrides',
  'sameCase',
  'duplicateOf',
  'scoredAt',
] as const;

/** What caseworkers read: the explanation without laboratory details or post-mortem photos. */
export const CASEWORKER_CANDIDATE_FIELDS = CANDIDATE_FIELDS.filter(
  (f) => f !== 'labResults' && f !== 'remains',
);

/**
 * Forensic practitioners of a country read candidates, run searches, record laboratory
 * results and overrides, and review pairs. Caseworkers of the country read candidates (no
 * laboratory details, no post-mortem photos). Nobody else sees any candidate: families are told
 * through their contact point, never by the matching engine.
 */
export const matchingPolicy: Policy = (actor, { can }) => {
  switch (actor.role) {
    case 'forensic':
      can(
        ['read', 'search', 'review', 'recordLab', 'override'],
        MATCH_CANDIDATE,
        sameCountry(actor),
      );
      break;
    case 'caseworker':
      can('read', MATCH_CANDIDATE, CASEWORKER_CANDIDATE_FIELDS, sameCountry(actor));
      break;
    case 'admin':
    case 'auditor':
    case 'analyst':
    case 'contact_point':
    case 'family':
      break;
  }
};
