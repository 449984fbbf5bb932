import type { Policy } from '../../platform/authz/index.js';

/** CASL subject of a legal hold. */
export const LEGAL_HOLD = 'LegalHold';
/** CASL subject of an erasure request. */
export const ERASURE_REQUEST = 'ErasureRequest';
/** CASL subject of the retention job (its dry run). */
export const RETENTION = 'Retention';
/** CASL subject of the access log of one record (auditors). */
export const ACCESS_LOG = 'AccessLog';

/**
 * Legal holds: caseworkers hold reports, forensic practitioners remains, administrators either,
 * all of their own country; auditors read them. Erasure requests: families ask for their own
 * reports (the reports feature checks ownership), caseworkers of the country decide. The
 * retention plan is for administrators; the access log of a record for auditors.
 */
export const dataProtectionPolicy: Policy = (actor, { can }) => {
  const country = actor.country;
  switch (actor.role) {
    case 'caseworker':
      can(['read', 'place', 'lift'], LEGAL_HOLD, { country, subjectType: 'report' });
      can(['read', 'decide'], ERASURE_REQUEST, { country });
      return;
    case 'forensic':
      can(['read', 'place', 'lift'], LEGAL_HOLD, { country, subjectType: 'remains' });
      return;
    case 'admin':
      can(['read', 'place', 'lift'], LEGAL_HOLD, { country });
      can('plan', RETENTION);
      return;
    case 'auditor':
      can('read', LEGAL_HOLD, { country });
      can('read', ACCESS_LOG, { country });
      return;
    case 'family':
      can(['read', 'create'], ERASURE_REQUEST, { requestedBy: actor.id });
      return;
    case 'contact_point':
    case 'analyst':
      return;
  }
};
