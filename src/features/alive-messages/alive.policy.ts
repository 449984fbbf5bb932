import { isAssignedContactPoint, sameCountry, type Policy } from '../../platform/authz/index.js';

/** Subject type of a possible match between an "I am alive" message and a report. */
export const ALIVE_MATCH = 'AliveMatch';

/**
 * Caseworkers review the possible matches of their country's reports; a contact point those of
 * the reports routed to it, except messages from children, which go to caseworkers only (a
 * child's message never reaches whoever claims to be family without a caseworker). Families,
 * forensic practitioners, analysts, auditors and administrators get nothing.
 */
export const alivePolicy: Policy = (actor, { can }) => {
  switch (actor.role) {
    case 'caseworker':
      can(['read', 'review'], ALIVE_MATCH, sameCountry(actor));
      break;
    case 'contact_point':
      can(['read', 'review'], ALIVE_MATCH, {
        ...isAssignedContactPoint(actor),
        senderChild: false,
      });
      break;
    case 'family':
    case 'forensic':
    case 'admin':
    case 'auditor':
    case 'analyst':
      break;
  }
};
