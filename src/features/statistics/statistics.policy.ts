import { sameCountry, type Policy } from '../../platform/authz/index.js';

/** The CASL subject of aggregated statistics (scoped by recording country). */
export const STATISTICS = 'Statistics';

/**
 * Analysts read the aggregated, suppressed statistics of their own country and nothing else:
 * no policy anywhere gives them a record. Everyone else reads the public release only.
 */
export const statisticsPolicy: Policy = (actor, { can }) => {
  switch (actor.role) {
    case 'analyst':
      can('read', STATISTICS, sameCountry(actor));
      break;
    case 'admin':
    case 'caseworker':
    case 'forensic':
    case 'contact_point':
    case 'auditor':
    case 'family':
      break;
  }
};
