// Disclosure rows (ADR 0082): the stored shape, its CASL subject, the record a holder discloses
// and the API presentation. The flows are in federation.disclosures.ts.
import type { Queryable } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { findRemains } from '../remains/index.js';
import { findReport } from '../reports/index.js';
import { assertPermitted } from '../data-protection/purposes.js';

/** A disclosure as stored: one request, its decision and the sealed record. */
export interface DisclosureRow {
  id: string;
  exchangeId: string;
  direction: 'outgoing' | 'incoming';
  jurisdiction: string;
  localSide: 'am' | 'pm';
  localId: string;
  localRef: string;
  foreignNode: string;
  foreignJurisdiction: string;
  foreignRef: string;
  requesterRole: string;
  purpose: string;
  justification: string;
  status: 'requested' | 'approved' | 'refused';
  decidedAt: Date | null;
  decisionReason: string | null;
  recordSealed: string | null;
  expiresAt: Date | null;
  purgedAt: Date | null;
  createdAt: Date;
}

/** The columns of a disclosure row, named as DisclosureRow. */
export const COLUMNS = `id, exchange_id AS "exchangeId", direction, trim(jurisdiction) AS jurisdiction,
  local_side AS "localSide", local_id AS "localId", local_ref AS "localRef",
  foreign_node AS "foreignNode", trim(foreign_jurisdiction) AS "foreignJurisdiction",
  foreign_ref AS "foreignRef", requester_role AS "requesterRole", purpose, justification, status,
  decided_at AS "decidedAt", decision_reason AS "decisionReason", record_sealed AS "recordSealed",
  expires_at AS "expiresAt", purged_at AS "purgedAt", created_at AS "createdAt"`;

/** The CASL subject of a disclosure: who may see it depends on its direction and side. */
export function subjectOf(d: DisclosureRow) {
  return {
    ...d,
    country: d.jurisdiction,
    // The role entitled on this side: the requester's role for an outgoing request; the holder
    // of the record for an incoming one.
    role:
      d.direction === 'outgoing'
        ? d.requesterRole
        : d.localSide === 'am'
          ? 'caseworker'
          : 'forensic',
  };
}

/** Builds the record a holder discloses: identification data, never relatives' contacts. */
export async function recordOf(
  q: Queryable,
  side: 'am' | 'pm',
  id: string,
): Promise<Record<string, unknown>> {
  if (side === 'am') {
    const r = await findReport(q, id);
    if (!r) {
      throw notFound('Report');
    }
    assertPermitted(r, 'crossBorderTransfer');
    return {
      kind: 'missing_person_report',
      caseNumber: r.caseNumber,
      person: r.person,
      disappearance: r.disappearance,
      description: r.description,
      medical: r.medical,
    };
  }
  const m = await findRemains(q, id);
  if (!m) {
    throw notFound('Remains');
  }
  return {
    kind: 'unidentified_remains',
    code: m.code,
    recovery: m.recovery,
    condition: m.condition,
    sex: m.sex,
    age: m.age,
    stature: m.stature,
    marks: m.marks,
    dental: m.dental,
    implants: m.implants,
    effects: m.effects,
    status: m.status,
  };
}

/** Presents a disclosure (the record only when `record` is given). */
export function present(d: DisclosureRow, record?: unknown) {
  return {
    id: d.id,
    direction: d.direction,
    jurisdiction: d.jurisdiction,
    local: { side: d.localSide, id: d.localId, ref: d.localRef },
    counterpart: { jurisdiction: d.foreignJurisdiction, node: d.foreignNode, ref: d.foreignRef },
    requesterRole: d.requesterRole,
    purpose: d.purpose,
    justification: d.justification,
    status: d.status,
    decidedAt: d.decidedAt,
    decisionReason: d.decisionReason,
    expiresAt: d.expiresAt,
    purgedAt: d.purgedAt,
    ...(record !== undefined ? { record } : {}),
  };
}
