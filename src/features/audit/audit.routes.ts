import { defineRoute, pageOf } from '../../platform/http/index.js';
import { auditEventSchema, listAuditQuery, verificationSchema } from './audit.schemas.js';
import type { AuditService } from './audit.service.js';

/** Routes of the audit trail (auditor role). */
export function auditRoutes(audit: AuditService) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/events',
      summary: 'List audit events of the auditor’s country',
      tag: 'audit',
      auth: 'user',
      query: listAuditQuery,
      response: pageOf(auditEventSchema, 'AuditEventPage'),
      handler: ({ actor, query }) => audit.list(actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/verify',
      summary: 'Verify the hash chain of the audit trail',
      tag: 'audit',
      auth: 'user',
      response: verificationSchema,
      handler: ({ actor }) => audit.verify(actor),
    }),
  ];
}
