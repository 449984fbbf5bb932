import { sameCountry, type Policy } from '../../platform/authz/index.js';

/** Subject type of a partner node. */
export const FEDERATION_PEER = 'FederationPeer';
/** Subject type of an exchange agreement (its `country` is the local jurisdiction). */
export const FEDERATION_AGREEMENT = 'FederationAgreement';
/** Subject type of a cross-border candidate (its `country` is the local record's jurisdiction). */
export const CROSS_BORDER_CANDIDATE = 'CrossBorderCandidate';
/** Subject type of a disclosure request (its `country` is the local jurisdiction, `role` the entitled role). */
export const FEDERATION_DISCLOSURE = 'FederationDisclosure';
/** Subject type of a repatriation's custody chain across a border (`country`: this side). */
export const CROSS_BORDER_CUSTODY = 'CrossBorderCustody';
/** Subject type of a case notice across borders (`country`: this side, `role`: who handles it). */
export const CASE_NOTICE = 'FederationCaseNotice';
/** Subject type of the node's own federation keys and outbox. */
export const FEDERATION_NODE = 'FederationNode';

/**
 * National administrators register peers, rotate the node's keys and keep the agreements of
 * their own jurisdiction; they never see case content. Forensic practitioners and contact
 * points of a jurisdiction read its cross-border candidates (pseudonymous on the other side).
 * Auditors read agreements of their country. Nobody else sees any of it.
 */
export const federationPolicy: Policy = (actor, { can }) => {
  switch (actor.role) {
    case 'admin':
      can(['read', 'create', 'update'], FEDERATION_PEER);
      can(['read', 'rotate'], FEDERATION_NODE);
      can(['read', 'create', 'revoke'], FEDERATION_AGREEMENT, sameCountry(actor));
      break;
    case 'auditor':
      can('read', FEDERATION_AGREEMENT, sameCountry(actor));
      can('read', CROSS_BORDER_CUSTODY, sameCountry(actor));
      break;
    case 'forensic':
    case 'contact_point':
      can('read', CROSS_BORDER_CANDIDATE, sameCountry(actor));
      if (actor.role === 'forensic') {
        // Two forensic practitioners sign an identification off where the remains are, and
        // record custody on either side of a repatriation.
        can('review', CROSS_BORDER_CANDIDATE, sameCountry(actor));
        can(['read', 'create'], CROSS_BORDER_CUSTODY, sameCountry(actor));
      }
      // A disclosure is read by the role that asked for it, or (incoming) by the role holding
      // the record; the holder decides.
      can(['read', 'decide'], FEDERATION_DISCLOSURE, { country: actor.country, role: actor.role });
      if (actor.role === 'contact_point') {
        // Contact points read the case notices their jurisdiction received, with the timeline:
        // those routed to the contact point they staff, and those routed to none (ADR 0087).
        can('read', CASE_NOTICE, {
          country: actor.country,
          role: 'contact_point',
          contactPointOrganisationId: { $in: [actor.organisationId ?? '', null] },
        });
      }
      break;
    case 'caseworker':
      can(['read', 'decide'], FEDERATION_DISCLOSURE, { country: actor.country, role: actor.role });
      // Caseworkers route reports to a contact point abroad and follow what they sent.
      can(['read', 'create'], CASE_NOTICE, { country: actor.country, role: 'caseworker' });
      break;
    case 'analyst':
    case 'family':
      break;
  }
};
