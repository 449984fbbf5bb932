import { sameCountry, type Policy } from '../../platform/authz/index.js';
import { LINKAGE_AGREEMENT } from './linkage.member.service.js';
import { LINKAGE_UNIT } from './linkage.unit.service.js';

/**
 * Linkage agreements belong to a jurisdiction: its administrators join and rotate them;
 * caseworkers and contact points of the country read them, submit reports, see the pairs and
 * review them (pursuing a pair is what starts the cross-border candidate and disclosure flow).
 * A linkage unit's agreements are managed by administrators of the operating organisation's
 * country; nobody reads an encoding through the API.
 */
export const linkagePolicy: Policy = (actor, { can }) => {
  if (actor.role === 'admin') {
    can(['create', 'read', 'update'], LINKAGE_AGREEMENT, sameCountry(actor));
    can(['create', 'read', 'update'], LINKAGE_UNIT, { operatorCountry: actor.country });
  }
  if (actor.role === 'caseworker' || actor.role === 'contact_point') {
    can(['read', 'submit', 'review'], LINKAGE_AGREEMENT, sameCountry(actor));
  }
};
