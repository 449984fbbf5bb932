import { isAssignedContactPoint, sameCountry, type Policy } from '../../platform/authz/index.js';

/** Subject types of this feature. */
export const REPORT = 'Report';
export const REPORT_LEAD = 'ReportLead';

/** Every field of a presented report. */
export const REPORT_FIELDS = [
  'id',
  'caseNumber',
  'country',
  'status',
  'statusLabel',
  'ownerId',
  'flags',
  'person',
  'disappearance',
  'description',
  'medical',
  'dnaSamples',
  'relatives',
  'consent',
  'legalBasis',
  'internalNotes',
  'links',
  'createdAt',
  'updatedAt',
  'closedAt',
] as const;

const without = (...hidden: string[]) => REPORT_FIELDS.filter((f) => !hidden.includes(f));

/** What a family sees of its own report: no internal notes, no case links. */
export const FAMILY_READABLE = without('internalNotes', 'links');
/** What a forensic practitioner reads for identification: no relatives, no internal notes. */
export const FORENSIC_READABLE = without('relatives', 'internalNotes', 'ownerId', 'links');
/** What the assigned contact point reads to inform the family: no internal notes, no case links. */
export const CONTACT_POINT_READABLE = without('internalNotes', 'links');
/** Sections a family may complete on its own report. */
export const FAMILY_EDITABLE = [
  'person',
  'disappearance',
  'description',
  'medical',
  'dnaSamples',
  'flags',
  'relatives',
  'consent',
];
/** Sections a caseworker may edit. */
export const CASEWORKER_EDITABLE = [...FAMILY_EDITABLE, 'legalBasis', 'internalNotes'];

/** The owning family account. */
const isOwnReport = (actorId: string) => ({ ownerId: actorId });

/**
 * Families file and complete their own reports; caseworkers manage every report of their
 * country; forensic practitioners of the country read the identification data; the contact
 * point a report is routed to reads it (not internal notes). Analysts, auditors and
 * administrators get no rule here, so they see nothing.
 */
export const reportsPolicy: Policy = (actor, { can }) => {
  switch (actor.role) {
    case 'family':
      can('create', REPORT, isOwnReport(actor.id));
      can('read', REPORT, FAMILY_READABLE, isOwnReport(actor.id));
      can('update', REPORT, FAMILY_EDITABLE, isOwnReport(actor.id));
      can(['exportData', 'withdrawContact'], REPORT, isOwnReport(actor.id));
      break;
    case 'caseworker':
      can('create', REPORT, sameCountry(actor));
      can('read', REPORT, sameCountry(actor));
      can('update', REPORT, CASEWORKER_EDITABLE, sameCountry(actor));
      can(
        ['changeStatus', 'link', 'exportPfif', 'exportData', 'withdrawContact'],
        REPORT,
        sameCountry(actor),
      );
      can(['create', 'read'], REPORT_LEAD, sameCountry(actor));
      break;
    case 'forensic':
      can('read', REPORT, FORENSIC_READABLE, sameCountry(actor));
      break;
    case 'contact_point':
      can('read', REPORT, CONTACT_POINT_READABLE, isAssignedContactPoint(actor));
      break;
    case 'admin':
    case 'auditor':
    case 'analyst':
      break;
  }
};
