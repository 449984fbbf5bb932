import { sameCountry, type Policy } from '../../platform/authz/index.js';

/** Actions on reports and remains that produce documents (checked on the loaded record). */
export const DOCUMENT_ACTIONS = {
  amSheet: 'generateAmSheet',
  pmSheet: 'generatePmSheet',
  custodyCertificate: 'issueCustodyCertificate',
} as const;

/**
 * Forensic data sheets and custody certificates are for the professionals who exchange
 * identification data: caseworkers and forensic practitioners of the record's country. What a
 * sheet shows is still cut to the fields the actor may read. The family case summary needs no
 * rule here: whoever may read a report may have its summary.
 */
export const documentsPolicy: Policy = (actor, { can }) => {
  switch (actor.role) {
    case 'caseworker':
    case 'forensic':
      can(DOCUMENT_ACTIONS.amSheet, 'Report', sameCountry(actor));
      can(
        [DOCUMENT_ACTIONS.pmSheet, DOCUMENT_ACTIONS.custodyCertificate],
        'Remains',
        sameCountry(actor),
      );
      break;
    case 'family':
    case 'contact_point':
    case 'admin':
    case 'auditor':
    case 'analyst':
      break;
  }
};
