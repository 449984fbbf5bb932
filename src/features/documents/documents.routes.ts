import type { Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { defineRoute } from '../../platform/http/index.js';
import { AppError } from '../../platform/errors.js';
import {
  caseSummaryQuery,
  documentParams,
  verification,
  verifyParams,
} from './documents.schemas.js';
import type { DocumentsService, GeneratedDocument } from './documents.service.js';

/** Sends a generated PDF: never cached (personal data), downloaded under its own name. */
function sendPdf(res: Response, doc: GeneratedDocument): void {
  res
    .status(200)
    .type('application/pdf')
    .set('Cache-Control', 'no-store')
    .set('Content-Disposition', `attachment; filename="${doc.filename.replace(/[^\w.-]/g, '_')}"`)
    .send(doc.pdf);
}

/** Routes that generate documents, and the public check of certificate codes. */
export function documentsRoutes(documents: DocumentsService, verifyPerMinute = 30) {
  const verifyLimiter = rateLimit({
    windowMs: 60_000,
    limit: verifyPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: () => {
      throw new AppError('RATE_LIMITED', 'Too many verification requests; wait a minute');
    },
  });
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/documents/case-summary',
      produces: ['application/pdf'],
      summary:
        'Family case summary (PDF) in the family’s language, for whoever may read the report',
      tag: 'documents',
      auth: 'user',
      params: documentParams,
      query: caseSummaryQuery,
      handler: async ({ actor, params, query, res }) =>
        sendPdf(res, await documents.caseSummary(actor, params.id, query.lang)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/documents/am-sheet',
      produces: ['application/pdf'],
      summary: 'Ante-mortem data sheet (PDF, INTERPOL DVI AM section order)',
      tag: 'documents',
      auth: 'user',
      params: documentParams,
      handler: async ({ actor, params, res }) =>
        sendPdf(res, await documents.amSheet(actor, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/remains/:id/documents/pm-sheet',
      produces: ['application/pdf'],
      summary: 'Post-mortem data sheet (PDF, INTERPOL DVI PM section order)',
      tag: 'documents',
      auth: 'user',
      params: documentParams,
      handler: async ({ actor, params, res }) =>
        sendPdf(res, await documents.pmSheet(actor, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/remains/:id/documents/custody-certificate',
      produces: ['application/pdf'],
      summary: 'Custody and burial certificate (PDF) with a verification code',
      tag: 'documents',
      auth: 'user',
      params: documentParams,
      handler: async ({ actor, params, res }) =>
        sendPdf(res, await documents.custodyCertificate(actor, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/matching/candidates/:id/documents/identification-report',
      produces: ['application/pdf'],
      summary:
        'Identification report (PDF) with the evidence table; a draft while under review. Shows what the candidate API shows the actor',
      tag: 'documents',
      auth: 'user',
      params: documentParams,
      handler: async ({ actor, params, res }) =>
        sendPdf(res, await documents.identificationReport(actor, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/verify/:code',
      summary: 'Confirm a custody certificate by its code (public; no personal data)',
      tag: 'documents',
      auth: 'public',
      before: [verifyLimiter],
      params: verifyParams,
      response: verification,
      handler: async ({ params }) => documents.verify(params.code),
    }),
  ];
}
