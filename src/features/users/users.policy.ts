import { isSelf, sameCountry, type Policy } from '../../platform/authz/index.js';

/** Fields a user may change on their own record. */
export const SELF_EDITABLE = ['displayName', 'preferredLanguage'];
/** Fields an administrator may change on a user of their country. */
export const ADMIN_EDITABLE = ['displayName', 'preferredLanguage', 'role', 'organisationId'];

/**
 * Everyone reads their own record and edits their display name and language; national
 * administrators manage the users of their country.
 */
export const usersPolicy: Policy = (actor, { can, cannot }) => {
  can('read', 'User', isSelf(actor));
  can('update', 'User', SELF_EDITABLE, isSelf(actor));
  if (actor.role === 'admin') {
    can(['read', 'create', 'disable', 'enable'], 'User', sameCountry(actor));
    can('update', 'User', ADMIN_EDITABLE, sameCountry(actor));
    // An administrator cannot lock themselves out.
    cannot(['disable'], 'User', isSelf(actor));
    cannot('update', 'User', ['role'], isSelf(actor));
  }
};
