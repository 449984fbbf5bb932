import { sameCountry, type Policy } from '../../platform/authz/index.js';

/**
 * Incidents are facts about events, not about people: forensic practitioners, caseworkers and
 * contact points of the recording country read them; forensic practitioners and caseworkers
 * record and correct them (both sides link their records to an incident).
 */
export const incidentsPolicy: Policy = (actor, { can }) => {
  if (['forensic', 'caseworker', 'contact_point'].includes(actor.role)) {
    can('read', 'Incident', sameCountry(actor));
  }
  if (actor.role === 'forensic' || actor.role === 'caseworker') {
    can(['create', 'update'], 'Incident', sameCountry(actor));
  }
};
