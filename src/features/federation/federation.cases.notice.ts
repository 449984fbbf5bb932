// What a case notice is (ADR 0083): its stored row and its reads, the minimum that travels to a
// contact point abroad, how a received notice is routed, and how a notice is presented.
import type { Queryable } from '../../platform/db/index.js';
import { routeReport, routingCandidates } from '../contact-points/index.js';
import type { Report } from '../reports/index.js';

/** A case notice as stored, sent or received. */
export interface NoticeRow {
  id: string;
  noticeId: string;
  direction: 'outgoing' | 'incoming';
  jurisdiction: string;
  foreignNode: string;
  foreignJurisdiction: string;
  reportId: string | null;
  caseNumber: string;
  reason: string;
  notice: Record<string, unknown> | null;
  status: string;
  /** Incoming: the contact point the notice was routed to (null: every one of the jurisdiction). */
  contactPointId: string | null;
  contactPointOrganisationId: string | null;
  routingReason: string | null;
  createdAt: Date;
}

/** The columns of a NoticeRow. */
export const COLUMNS = `id, notice_id AS "noticeId", direction, trim(jurisdiction) AS jurisdiction,
  foreign_node AS "foreignNode", trim(foreign_jurisdiction) AS "foreignJurisdiction",
  report_id AS "reportId", case_number AS "caseNumber", reason, notice, status,
  contact_point_id AS "contactPointId",
  contact_point_organisation_id AS "contactPointOrganisationId",
  routing_reason AS "routingReason", created_at AS "createdAt"`;

/** The minimum a contact point abroad needs to reach the family (no medical or DNA data). */
export function noticeOf(r: Report) {
  const d = r.disappearance as {
    lastSeenDate?: string;
    lastSeenPlace?: string;
    lastSeenCountry?: string;
  };
  return {
    caseNumber: r.caseNumber,
    status: r.status,
    person: {
      names: r.person.names.map((n) => ({ kind: n.kind, value: n.value, script: n.script })),
      sex: r.person.sex ?? null,
      // What the receiving side routes on: the nationality's designated contact point.
      nationalities: (r.person as { nationalities?: string[] }).nationalities ?? [],
    },
    lastSeen: {
      date: d.lastSeenDate ?? null,
      place: d.lastSeenPlace ?? null,
      country: d.lastSeenCountry ?? null,
    },
    relatives: r.relatives
      .filter((x) => x.mayContact && !x.contactWithdrawnAt)
      .map((x) => ({
        name: x.name,
        relationship: x.relationship,
        contact: x.contact,
        preferredLanguage: x.preferredLanguage,
      })),
  };
}

/** What the receiving side reads of a notice to route it. */
export interface ReceivedNotice {
  person?: { nationalities?: unknown };
  relatives?: { preferredLanguage?: unknown }[];
}

/**
 * The contact point of `jurisdiction` designated for a received notice (contact-points routing:
 * the missing person's nationality first, the family living here, their language); undefined
 * when none is designated, and then every contact point of the jurisdiction sees the notice.
 */
export async function routeNotice(q: Queryable, jurisdiction: string, n: ReceivedNotice) {
  const nationalities = Array.isArray(n.person?.nationalities)
    ? n.person.nationalities.filter((x): x is string => typeof x === 'string')
    : [];
  const language = n.relatives?.find((r) => typeof r.preferredLanguage === 'string')
    ?.preferredLanguage as string | undefined;
  return routeReport(await routingCandidates(q, jurisdiction), {
    nationalities,
    residence: jurisdiction,
    language,
  });
}

/** The first case notice matching `where` (raw SQL over federation_case_notices). */
export async function findNotice(q: Queryable, where: string, params: unknown[]) {
  return (
    await q.query<NoticeRow>(
      `SELECT ${COLUMNS} FROM federation_case_notices WHERE ${where}`,
      params,
    )
  )[0];
}

/** A case notice's status changes, oldest first. */
export async function noticeTimeline(q: Queryable, id: string) {
  return q.query<{ status: string; changedAt: Date; message: string | null }>(
    `SELECT status, changed_at AS "changedAt", reason AS message FROM federation_case_statuses
     WHERE case_notice_id = $1 ORDER BY changed_at, id`,
    [id],
  );
}

/** Presents a notice; the family's contacts only to the contact point that received it. */
export function presentNotice(n: NoticeRow, withNotice: boolean) {
  return {
    id: n.id,
    direction: n.direction,
    jurisdiction: n.jurisdiction,
    counterpart: { jurisdiction: n.foreignJurisdiction, node: n.foreignNode },
    caseNumber: n.caseNumber,
    reportId: n.reportId,
    reason: n.reason,
    status: n.status,
    ...(n.direction === 'incoming'
      ? { contactPointId: n.contactPointId, routingReason: n.routingReason }
      : {}),
    createdAt: n.createdAt,
    ...(withNotice && n.notice ? { notice: n.notice } : {}),
  };
}

/** A notice as the subject of an access check (undefined when there is none). */
export const noticeSubject = (n: NoticeRow | undefined) =>
  n
    ? {
        ...n,
        country: n.jurisdiction,
        role: n.direction === 'incoming' ? 'contact_point' : 'caseworker',
        contactPointOrganisationId: n.contactPointOrganisationId,
      }
    : undefined;
