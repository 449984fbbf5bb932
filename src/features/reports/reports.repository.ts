import { assignments, placeholders, type Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';
import type { ConsentPurpose, ReportStatus } from './reports.schemas.js';
import type { Use } from '../data-protection/purposes.js';

/** A consent as stored: its status, when and by whom it was recorded. */
export interface ConsentRecord {
  status: 'granted' | 'refused' | 'withdrawn';
  recordedAt: string;
  recordedBy: string | null;
}

/** A reporting relative as stored (with a stable id). */
export interface StoredRelative {
  id: string;
  name: string;
  relationship: string;
  contact: { phone?: string; email?: string; address?: string };
  preferredLanguage: string;
  mayContact: boolean;
  contactWithdrawnAt?: string;
}

/** A stored report (sections are validated JSON documents). */
export interface Report {
  id: string;
  caseNumber: string;
  country: string;
  status: ReportStatus;
  ownerId: string | null;
  createdBy: string;
  organisationId: string | null;
  flags: {
    unaccompaniedChild: boolean;
    separatedChild: boolean;
    pregnant: boolean;
    disability: boolean;
  };
  person: Record<string, unknown> & {
    names: { kind: string; value: string; script: string; latin?: string }[];
  };
  disappearance: Record<string, unknown>;
  description: Record<string, unknown>;
  medical: Record<string, unknown>;
  dnaSamples: unknown[];
  relatives: StoredRelative[];
  consent: Record<ConsentPurpose, ConsentRecord> & {
    givenBy: string;
    present?: string;
    explained?: ConsentPurpose[];
  };
  legalBasis: string;
  internalNotes: string;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Organisation of the assigned contact point (read-only; set by routing). */
  contactPointOrganisationId?: string | null;
}

/** Organisation of the contact point a report is routed to (contact-points feature). */
export const ASSIGNED_ORGANISATION = `(SELECT cp.organisation_id FROM report_assignments a
  JOIN contact_points cp ON cp.id = a.contact_point_id WHERE a.report_id = r.id)`;

/** Columns of a report, camel-cased. */
const COLUMNS = `r.id, r.case_number AS "caseNumber", trim(r.country) AS country, r.status,
  r.owner_id AS "ownerId", r.created_by AS "createdBy", r.organisation_id AS "organisationId",
  json_build_object('unaccompaniedChild', r.unaccompanied_child, 'separatedChild', r.separated_child,
    'pregnant', r.pregnant, 'disability', r.disability) AS flags,
  r.person, r.disappearance, r.description, r.medical, r.dna_samples AS "dnaSamples", r.relatives,
  r.consent, r.legal_basis AS "legalBasis", r.internal_notes AS "internalNotes",
  r.closed_at AS "closedAt", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  ${ASSIGNED_ORGANISATION} AS "contactPointOrganisationId"`;

/** Everything a report row is written from. */
export type ReportRow = Omit<
  Report,
  | 'id'
  | 'caseNumber'
  | 'status'
  | 'closedAt'
  | 'createdAt'
  | 'updatedAt'
  | 'contactPointOrganisationId'
>;

/** Next case number MP-<country>-<year>-<sequence> (the counter row serialises concurrent filings). */
export async function nextCaseNumber(q: Queryable, country: string, year: number): Promise<string> {
  const [row] = await q.query<{ last: number }>(
    `INSERT INTO report_case_counters (country, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (country, year) DO UPDATE SET last = report_case_counters.last + 1 RETURNING last`,
    [country, year],
  );
  return `MP-${country}-${year}-${String(Number(row!.last)).padStart(6, '0')}`;
}

function searchable(r: ReportRow) {
  const p = r.person as { sex?: string; dateOfBirth?: { earliest: string; latest: string } };
  const d = r.disappearance as {
    lastSeenDate: { earliest: string; latest: string };
    lastSeenCountry: string;
    lastSeenPlace: string;
    route?: string;
    incidentId?: string;
  };
  const granted = (k: ConsentPurpose) => r.consent[k].status === 'granted';
  return [
    r.flags.unaccompaniedChild,
    r.flags.separatedChild,
    r.flags.pregnant,
    r.flags.disability,
    p.sex ?? null,
    p.dateOfBirth?.earliest ?? null,
    p.dateOfBirth?.latest ?? null,
    d.lastSeenDate.earliest,
    d.lastSeenDate.latest,
    d.lastSeenCountry,
    d.lastSeenPlace,
    d.route ?? null,
    d.incidentId ?? null,
    granted('domesticSearch'),
    granted('forensicSharing'),
    granted('crossBorderMatching'),
    granted('photoPublication'),
    JSON.stringify(r.person),
    JSON.stringify(r.disappearance),
    JSON.stringify(r.description),
    JSON.stringify(r.medical),
    JSON.stringify(r.dnaSamples),
    JSON.stringify(r.relatives),
    JSON.stringify(r.consent),
    r.legalBasis,
    r.internalNotes,
  ];
}

const DATA_COLUMNS = `unaccompanied_child, separated_child, pregnant, disability, sex, birth_earliest,
  birth_latest, last_seen_earliest, last_seen_latest, last_seen_country, last_seen_place, route,
  incident_id, consent_domestic, consent_forensic, consent_cross_border, consent_photo, person,
  disappearance, description, medical, dna_samples, relatives, consent, legal_basis, internal_notes`;

/** Inserts a report. */
export async function insertReport(
  q: Queryable,
  caseNumber: string,
  r: ReportRow,
): Promise<string> {
  const values = searchable(r);
  const ph = placeholders(DATA_COLUMNS, 6);
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO reports (case_number, country, owner_id, created_by, organisation_id, ${DATA_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, ${ph}) RETURNING id`,
    [caseNumber, r.country, r.ownerId, r.createdBy, r.organisationId, ...values],
  );
  return row!.id;
}

/** Rewrites a report's data columns. */
export async function updateReportData(q: Queryable, id: string, r: ReportRow): Promise<void> {
  const values = searchable(r);
  const sets = assignments(DATA_COLUMNS, 2);
  await q.query(`UPDATE reports SET ${sets}, updated_at = now() WHERE id = $1`, [id, ...values]);
}

/** Loads a report (FOR UPDATE when it is about to change). */
export async function findReport(
  q: Queryable,
  id: string,
  lock = false,
): Promise<Report | undefined> {
  const rows = await q.query<Report>(
    `SELECT ${COLUMNS} FROM reports r WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0];
}

/** Loads several reports in one statement, in the order of `ids` (missing ones left out). */
export async function findReports(q: Queryable, ids: readonly string[]): Promise<Report[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await q.query<Report>(
    `SELECT ${COLUMNS} FROM reports r WHERE r.id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Sets the status (and closed_at) of a report. */
export async function setStatus(q: Queryable, id: string, status: ReportStatus): Promise<void> {
  await q.query(
    `UPDATE reports SET status = $2, updated_at = now(),
       closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE NULL END WHERE id = $1`,
    [id, status],
  );
}

/** A status event as stored. */
export interface StatusEvent {
  id: number;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus;
  reason: string;
  messageToFamily: string | null;
  actorId: string | null;
  actorRole: string | null;
  at: Date;
}

/** Appends a status event. */
export async function insertStatusEvent(
  q: Queryable,
  reportId: string,
  e: Omit<StatusEvent, 'id' | 'at'>,
): Promise<void> {
  await q.query(
    `INSERT INTO report_status_events (report_id, from_status, to_status, reason, message_to_family,
       actor_id, actor_role) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [reportId, e.fromStatus, e.toStatus, e.reason, e.messageToFamily, e.actorId, e.actorRole],
  );
}

/** The status timeline of a report, oldest first. */
export async function listStatusEvents(q: Queryable, reportId: string): Promise<StatusEvent[]> {
  const rows = await q.query<StatusEvent>(
    `SELECT id, from_status AS "fromStatus", to_status AS "toStatus", reason,
       message_to_family AS "messageToFamily", actor_id AS "actorId", actor_role AS "actorRole", at
     FROM report_status_events WHERE report_id = $1 ORDER BY id`,
    [reportId],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at) }));
}

/** Links two reports as one case (both directions). */
export async function insertLink(q: Queryable, a: string, b: string, reason: string, by: string) {
  await q.query(
    `INSERT INTO report_links (report_id, linked_report_id, reason, created_by)
     VALUES ($1, $2, $3, $4), ($2, $1, $3, $4) ON CONFLICT DO NOTHING`,
    [a, b, reason, by],
  );
}

/** Reports linked to one report. */
export async function listLinks(q: Queryable, reportId: string) {
  return q.query<{ reportId: string; caseNumber: string; reason: string; createdAt: Date }>(
    `SELECT l.linked_report_id AS "reportId", r.case_number AS "caseNumber", l.reason,
       l.created_at AS "createdAt"
     FROM report_links l JOIN reports r ON r.id = l.linked_report_id
     WHERE l.report_id = $1 ORDER BY l.created_at`,
    [reportId],
  );
}

/** Deletes reports closed before a date; returns their ids and countries. */
export async function purgeClosedBefore(q: Queryable, before: Date) {
  return q.query<{ id: string; country: string; caseNumber: string }>(
    `DELETE FROM reports WHERE status = 'closed' AND closed_at < $1
     RETURNING id, trim(country) AS country, case_number AS "caseNumber"`,
    [before.toISOString()],
  );
}

/** Filters of a list or search (already validated). */
export interface ReportFilter {
  status?: string;
  child?: boolean;
  lastSeenFrom?: string;
  lastSeenTo?: string;
  lastSeenCountry?: string;
  place?: string;
  route?: string;
  sex?: string;
  /** Only reports whose consent allows this use (data-protection purpose rules). */
  use?: Use;
  excludeId?: string;
}

export { searchReports } from './reports.search.js';
export type { SearchHit } from './reports.search.js';
export type { SqlCondition };
