import { isAssignedContactPoint, sameCountry, type Policy } from '../../platform/authz/index.js';

/** Subject types of this feature. */
export const CONTACT_POINT = 'ContactPoint';
/**
 * The family ↔ contact point channel of one report: `{ id, country, ownerId, followerIds,
 * contactPointOrganisationId }`. Assignment, messages, notifications' delivery state and death
 * notices are all checked against it.
 */
export const REPORT_CHANNEL = 'ReportChannel';

/**
 * Administrators designate the contact points of their country; caseworkers read them and
 * route reports among them; contact-point staff read their own designation and act on the
 * reports assigned to it — nothing else. Families reach the channel of their own reports and
 * of the reports they co-follow; only the reporting relative invites co-followers.
 */
export const contactPointsPolicy: Policy = (actor, { can }) => {
  switch (actor.role) {
    case 'admin':
      can(['read', 'create', 'update'], CONTACT_POINT, sameCountry(actor));
      break;
    case 'caseworker':
      can('read', CONTACT_POINT, sameCountry(actor));
      can(
        ['read', 'reassign', 'readDeliveries', 'openDeathNotice'],
        REPORT_CHANNEL,
        sameCountry(actor),
      );
      break;
    case 'contact_point':
      can('read', CONTACT_POINT, { country: actor.country, organisationId: actor.organisationId });
      can(
        ['read', 'reassign', 'readThread', 'postMessage', 'readDeliveries', 'recordDeathNotice'],
        REPORT_CHANNEL,
        isAssignedContactPoint(actor),
      );
      break;
    case 'family':
      can(['read', 'readThread', 'postMessage'], REPORT_CHANNEL, { ownerId: actor.id });
      can(['read', 'readThread', 'postMessage'], REPORT_CHANNEL, { followerIds: actor.id });
      can('inviteFollower', REPORT_CHANNEL, { ownerId: actor.id });
      break;
    case 'forensic':
    case 'auditor':
    case 'analyst':
      break;
  }
};
