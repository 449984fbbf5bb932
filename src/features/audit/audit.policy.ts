import type { Policy } from '../../platform/authz/index.js';

/** Auditors read the audit trail of their country and verify the chain; nobody else does. */
export const auditPolicy: Policy = (actor, { can }) => {
  if (actor.role === 'auditor') {
    can('read', 'AuditEvent', { actorCountry: actor.country });
    can('read', 'AuditEvent', { subjectCountry: actor.country });
    can('verify', 'AuditTrail');
  }
};
