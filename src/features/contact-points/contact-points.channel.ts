// The family ↔ contact point channel of a report: the facts every check on it needs.
import type { Queryable } from '../../platform/db/index.js';
import { authorize, type Actor } from '../../platform/authz/index.js';
import { findReport, type Report } from '../reports/index.js';
import { findUser } from '../users/index.js';
import { REPORT_CHANNEL } from './contact-points.policy.js';
import { findAssignment, findContactPoint, followerIds } from './contact-points.repository.js';
import type { RoutingFacts } from './contact-points.routing.js';

/** A report seen as the channel between its family and its contact point. */
export interface ReportChannel {
  id: string;
  caseNumber: string;
  country: string;
  status: Report['status'];
  ownerId: string | null;
  /** Relatives following the report by invitation (active only). */
  followerIds: string[];
  contactPointId: string | null;
  contactPointOrganisationId: string | null;
}

/** Loads the channel of a report (undefined when the report does not exist). */
export async function findChannel(
  q: Queryable,
  reportId: string,
): Promise<ReportChannel | undefined> {
  const report = await findReport(q, reportId);
  if (!report) {
    return undefined;
  }
  const assignment = await findAssignment(q, reportId);
  const cp = assignment ? await findContactPoint(q, assignment.contactPointId) : undefined;
  return {
    id: report.id,
    caseNumber: report.caseNumber,
    country: report.country.trim(),
    status: report.status,
    ownerId: report.ownerId,
    followerIds: await followerIds(q, reportId),
    contactPointId: cp?.id ?? null,
    contactPointOrganisationId: cp?.organisationId ?? null,
  };
}

/** Loads a report's channel and checks an action on it (404 when unreadable). */
export async function loadChannel(
  q: Queryable,
  actor: Actor,
  action: string,
  reportId: string,
): Promise<ReportChannel> {
  return authorize(actor, action, REPORT_CHANNEL, await findChannel(q, reportId));
}

/** What routing uses from a report: nationalities, the family's residence and language. */
export async function routingFacts(q: Queryable, report: Report): Promise<RoutingFacts> {
  const person = report.person as { nationalities?: string[] };
  const owner = report.ownerId ? await findUser(q, report.ownerId) : undefined;
  const relative = report.relatives.find((r) => r.mayContact) ?? report.relatives[0];
  return {
    nationalities: person.nationalities ?? [],
    residence: owner?.country.trim() ?? report.country.trim(),
    language: owner?.preferredLanguage ?? relative?.preferredLanguage,
  };
}
