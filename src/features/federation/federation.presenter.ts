// API shapes of peers, agreements and cross-border candidates. A candidate shows the local
// record's id (the reader's own jurisdiction) and only a pseudonymous reference of the other.
import type { CrossCandidateRow } from './federation.candidates.repository.js';
import type { AgreementRow, PeerRow } from './federation.repository.js';

/** A peer as administrators see it. */
export function presentPeer(p: PeerRow) {
  return {
    id: p.id,
    nodeId: p.nodeId,
    name: p.name,
    baseUrl: p.baseUrl,
    jurisdictions: p.jurisdictions,
    pinnedThumbprint: p.pinnedThumbprint,
    active: p.active,
    createdAt: p.createdAt,
  };
}

/** An agreement. */
export function presentAgreement(a: AgreementRow) {
  return {
    id: a.id,
    ref: a.ref,
    localJurisdiction: a.localJurisdiction.trim(),
    partnerJurisdiction: a.partnerJurisdiction.trim(),
    messageKinds: a.messageKinds,
    dataCategories: a.dataCategories,
    purposes: a.purposes,
    legalBasis: a.legalBasis,
    endsOn: a.endsOn,
    revokedAt: a.revokedAt,
    createdAt: a.createdAt,
  };
}

/** A cross-border candidate: no personal data of the other side, only its reference. */
export function presentCandidate(c: CrossCandidateRow) {
  return {
    id: c.id,
    jurisdiction: c.jurisdiction,
    local: { side: c.localSide, id: c.localId, ref: c.localRef },
    counterpart: { jurisdiction: c.foreignJurisdiction, node: c.foreignNode, ref: c.foreignRef },
    score: c.score,
    excluded: c.excluded,
    parts: c.parts,
    exclusions: c.exclusions,
    status: c.status,
    review: {
      proposedBy: c.proposedBy,
      basis: c.basis,
      identification: c.identification,
      confirmedAt: c.confirmedAt,
    },
    scoredHere: c.scoredHere,
    agreementRef: c.agreementRef,
    updatedAt: c.updatedAt,
  };
}
