// Response schemas of the reports routes, for the OpenAPI document (issue 15 item 20). They
// describe what the presenters return; the sections of a report are stored as filed, so they are
// described as objects whose own fields the request schemas (reports.schemas.ts) document.
import { z } from 'zod';
import { pageOf } from '../../platform/http/index.js';
import { REPORT_STATUSES } from './reports.schemas.js';

const isoTime = z.string().describe('ISO 8601 date and time');
const section = z.looseObject({});
const status = z.enum(REPORT_STATUSES);

/**
 * A report as the caller may read it: which fields are present depends on the caller's role
 * (families read neither internal notes nor DNA samples; links only for those who may link).
 */
export const reportResponse = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    country: z.string(),
    status,
    statusLabel: z.string(),
    ownerId: z.uuid().nullable(),
    flags: section,
    person: section,
    disappearance: section,
    description: section,
    medical: section,
    dnaSamples: z.array(section),
    relatives: z.array(section),
    consent: section,
    legalBasis: z.string(),
    internalNotes: z.string(),
    links: z.array(section),
    createdAt: isoTime,
    updatedAt: isoTime,
    closedAt: isoTime.nullable(),
  })
  .partial()
  .meta({ id: 'Report' });

/** A likely duplicate of a report, with its reasons. */
export const possibleDuplicate = z
  .object({
    reportId: z.uuid(),
    caseNumber: z.string(),
    score: z.number().min(0).max(1),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'PossibleDuplicate' });

/** A filed report; a caseworker also gets its likely duplicates. */
export const createdReportResponse = reportResponse
  .extend({ possibleDuplicates: z.array(possibleDuplicate).optional() })
  .meta({ id: 'CreatedReport' });

/** A list entry: identification facts only. */
export const reportSummary = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    status,
    statusLabel: z.string(),
    flags: section,
    names: z.array(section),
    sex: z.string().optional(),
    lastSeenDate: section.optional(),
    lastSeenPlace: z.string().optional(),
    lastSeenCountry: z.string().optional(),
    route: z.string().nullable(),
    score: z.number().nullable(),
    nameMatch: z
      .looseObject({
        score: z.number(),
        queryCoverage: z.number(),
        recordCoverage: z.number(),
        words: z.array(section),
      })
      .optional(),
    createdAt: isoTime,
  })
  .meta({ id: 'ReportSummary' });

/** A page of report summaries. */
export const reportPage = pageOf(reportSummary, 'ReportPage');

/** One step of the status timeline (professionals also read the reason and who changed it). */
export const statusEventResponse = z
  .object({
    status,
    label: z.string(),
    at: isoTime,
    messageToFamily: z.string().nullable(),
    fromStatus: status.nullable().optional(),
    reason: z.string().optional(),
    actorId: z.uuid().nullable().optional(),
    actorRole: z.string().nullable().optional(),
  })
  .meta({ id: 'StatusEvent' });

/** The status timeline of a report. */
export const timelineResponse = z
  .object({ caseNumber: z.string(), items: z.array(statusEventResponse) })
  .meta({ id: 'ReportTimeline' });

/** Likely duplicates of a report. */
export const duplicatesResponse = z
  .object({ items: z.array(possibleDuplicate) })
  .meta({ id: 'ReportDuplicates' });

/** Two reports linked as one case. */
export const linkResponse = z
  .object({ reportId: z.uuid(), linkedReportId: z.uuid(), linkedCaseNumber: z.string() })
  .meta({ id: 'ReportLink' });

/** What a PFIF import did. */
export const pfifImportResponse = z
  .object({ received: z.number(), imported: z.number(), leadIds: z.array(z.uuid()) })
  .meta({ id: 'PfifImport' });

/** A lead imported from PFIF. */
export const leadResponse = z
  .object({
    id: z.uuid(),
    personRecordId: z.string(),
    fullName: z.string(),
    record: section,
    createdAt: isoTime,
  })
  .meta({ id: 'ReportLead' });

/** A page of leads. */
export const leadPage = pageOf(leadResponse, 'ReportLeadPage');

/** Everything held about a report (right of access); other features add their own sections. */
export const exportResponse = z
  .looseObject({
    exportedAt: isoTime,
    report: reportResponse,
    timeline: z.array(statusEventResponse),
    processing: z.array(
      z.object({
        at: isoTime,
        action: z.string(),
        byRole: z.string().nullable(),
        purpose: z.string().optional(),
      }),
    ),
    processingPage: z.object({ total: z.number(), limit: z.number(), offset: z.number() }),
  })
  .meta({ id: 'ReportExport' });

/** A relative's contact details, withdrawn. */
export const withdrawnContactResponse = z
  .object({ relativeId: z.uuid(), contact: z.object({}), mayContact: z.literal(false) })
  .meta({ id: 'WithdrawnContact' });
