import { sameCountry, sameOrganisation, type Policy } from '../../platform/authz/index.js';

/** Fields of a presented remains record that identify it and its status (no findings). */
export const STATUS_FIELDS = ['id', 'code', 'country', 'kind', 'status', 'statusChangedAt'];

/** Fields caseworkers need to help families: no photos, DNA, dental, medical or fingerprint data. */
export const CASEWORKER_FIELDS = [
  ...STATUS_FIELDS,
  'organisationId',
  'associatedWithId',
  'bodyPart',
  'recovery',
  'condition',
  'sex',
  'age',
  'stature',
  'hair',
  'eyes',
  'marks',
  'effects',
  'documents',
  'legalBasis',
  'createdAt',
  'updatedAt',
];

/** Statuses a contact point may see (the remains have a name again). */
export const IDENTIFIED_STATUSES = ['identified', 'handed_over', 'repatriated'];

/**
 * Forensic practitioners register and edit remains of their own institution, read all remains
 * of their country (with photos, DNA, dental and medical findings) and write the custody chain.
 * Caseworkers of the country read what helps families (no photos or biological identifiers) and
 * the custody chain. Contact points see only the status of identified remains. Families,
 * administrators, auditors and analysts see no post-mortem data.
 */
export const remainsPolicy: Policy = (actor, { can }) => {
  switch (actor.role) {
    case 'forensic':
      can(['read', 'search', 'readCustody', 'appendCustody'], 'Remains', sameCountry(actor));
      can(['create', 'update', 'changeStatus'], 'Remains', {
        ...sameCountry(actor),
        ...sameOrganisation(actor),
      });
      can('read', 'BurialRegister', sameCountry(actor));
      // The second practitioner of an identification may work at another institution of the country.
      can('confirmIdentification', 'Remains', sameCountry(actor));
      break;
    case 'caseworker':
      can('read', 'Remains', CASEWORKER_FIELDS, sameCountry(actor));
      can(['search', 'readCustody'], 'Remains', sameCountry(actor));
      can('read', 'BurialRegister', sameCountry(actor));
      break;
    case 'contact_point':
      // Only the status, only once identified, only of remains linked to their own cases.
      can('read', 'Remains', STATUS_FIELDS, {
        ...sameCountry(actor),
        status: { $in: IDENTIFIED_STATUSES },
        linkedContactPointOrganisationIds: actor.organisationId,
      });
      break;
    case 'admin':
    case 'auditor':
    case 'analyst':
    case 'family':
      break;
  }
};
