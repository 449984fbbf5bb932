import { sameCountry, type Policy } from '../../platform/authz/index.js';

/**
 * Administrators manage the organisations of their country; every professional reads the
 * organisations of their country (names and kinds are not personal data). Families see none.
 */
export const organisationsPolicy: Policy = (actor, { can }) => {
  if (actor.role === 'family') {
    return;
  }
  can('read', 'Organisation', sameCountry(actor));
  if (actor.role === 'admin') {
    can(['create', 'update'], 'Organisation', sameCountry(actor));
  }
};
