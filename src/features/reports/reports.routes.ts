import {
  defineRoute,
  pagination,
  paginationUpTo,
  registerConstraintField,
} from '../../platform/http/index.js';

/** Page of the export's processing record (audit events about the report): 1–1000, default 500. */
const exportQuery = paginationUpTo(1000, 500);
import {
  createReportBody,
  linkBody,
  listReportsQuery,
  pfifImportBody,
  relativeParams,
  reportIdParams,
  statusChangeBody,
  updateReportBody,
} from './reports.schemas.js';
import {
  createdReportResponse,
  duplicatesResponse,
  exportResponse,
  leadPage,
  linkResponse,
  pfifImportResponse,
  reportPage,
  reportResponse,
  timelineResponse,
  withdrawnContactResponse,
} from './reports.responses.js';
import type { ReportsService } from './reports.service.js';

const tag = 'reports';

registerConstraintField(
  'reports_incident_id_fkey',
  'body.disappearance.incidentId',
  'no such incident',
);

/** Routes of /api/v1/reports and /api/v1/report-leads. */
export function reportsRoutes(reports: ReportsService) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/reports',
      summary:
        'File a missing-person report (families, caseworkers); caseworkers get likely duplicates',
      tag,
      auth: 'user',
      body: createReportBody,
      // Large enough that an oversized field reaches its schema and is named in the answer.
      bodyLimit: '16mb',
      status: 201,
      response: createdReportResponse,
      handler: ({ actor, body }) => reports.create(actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports',
      summary:
        'List or search reports (name in any spelling or script, dates, places, route, status, flags)',
      tag,
      auth: 'user',
      query: listReportsQuery,
      response: reportPage,
      handler: ({ actor, query }) => reports.list(actor, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/pfif-import',
      summary: 'Import PFIF 1.4 person records as leads (caseworkers)',
      tag,
      auth: 'user',
      body: pfifImportBody,
      status: 201,
      response: pfifImportResponse,
      handler: ({ actor, body }) => reports.importPfif(actor, body.xml),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/report-leads',
      summary: 'Leads imported from PFIF (caseworkers)',
      tag,
      auth: 'user',
      query: pagination,
      response: leadPage,
      handler: ({ actor, query }) => reports.leads(actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id',
      summary: 'Read a report (the fields depend on the caller’s role)',
      tag,
      auth: 'user',
      params: reportIdParams,
      response: reportResponse,
      handler: ({ actor, params }) => reports.get(actor, params.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/reports/:id',
      summary: 'Complete or correct whole sections of a report',
      tag,
      auth: 'user',
      params: reportIdParams,
      body: updateReportBody,
      bodyLimit: '16mb',
      response: reportResponse,
      handler: ({ actor, params, body }) => reports.update(actor, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/:id/status',
      summary: 'Move a report along its lifecycle, saying why (caseworkers)',
      tag,
      auth: 'user',
      params: reportIdParams,
      body: statusChangeBody,
      response: reportResponse,
      handler: ({ actor, params, body }) => reports.changeStatus(actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/timeline',
      summary: 'Status timeline (plain language for families)',
      tag,
      auth: 'user',
      params: reportIdParams,
      response: timelineResponse,
      handler: ({ actor, params }) => reports.timeline(actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/duplicates',
      summary: 'Likely duplicates of a report, with reasons (caseworkers)',
      tag,
      auth: 'user',
      params: reportIdParams,
      response: duplicatesResponse,
      handler: ({ actor, params }) => reports.duplicates(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/:id/links',
      summary: 'Link two reports of the same person as one case (caseworkers)',
      tag,
      auth: 'user',
      params: reportIdParams,
      body: linkBody,
      status: 201,
      response: linkResponse,
      handler: ({ actor, params, body }) => reports.link(actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/pfif',
      produces: ['application/xml'],
      summary: 'Export a report as a PFIF 1.4 person record with status notes',
      tag,
      auth: 'user',
      params: reportIdParams,
      handler: async ({ actor, params, res }) => {
        const xml = await reports.exportPfif(actor, params.id);
        res.type('application/xml').send(xml);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/export',
      summary: 'Everything held about a report (the family’s right of access)',
      tag,
      auth: 'user',
      params: reportIdParams,
      query: exportQuery,
      response: exportResponse,
      handler: ({ actor, params, query }) => reports.exportData(actor, params.id, query),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/reports/:id/relatives/:relativeId/contact',
      summary: 'Withdraw a relative’s contact details',
      tag,
      auth: 'user',
      params: relativeParams,
      response: withdrawnContactResponse,
      handler: ({ actor, params }) => reports.withdrawContact(actor, params.id, params.relativeId),
    }),
  ];
}
