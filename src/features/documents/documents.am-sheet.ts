// The ante-mortem data sheet: a missing-person report in the section order of the INTERPOL DVI
// AM form (A personal data and circumstances, B effects, C description, D medical, E dental,
// F DNA). The report is the one the reports presenter built for the actor.
import { renderSheet, type SheetMeta, type SheetSpec } from './documents.sheet.js';

/** The AM form's sections and the report fields printed in each. */
export const AM_SHEET: SheetSpec = {
  title: 'Ante-mortem data sheet',
  form: 'Missing person, in the section order of the INTERPOL DVI ante-mortem (AM) form.',
  sections: [
    {
      code: 'A0',
      heading: 'Case',
      fields: [
        { label: 'Case number', path: 'caseNumber' },
        { label: 'Country', path: 'country' },
        { label: 'Status', path: 'status' },
        { label: 'Flags', path: 'flags' },
        { label: 'Legal basis', path: 'legalBasis' },
        { label: 'Reported', path: 'createdAt' },
      ],
    },
    {
      code: 'A1',
      heading: 'Missing person',
      fields: [
        { label: 'Names', path: 'person.names' },
        { label: 'Sex', path: 'person.sex' },
        { label: 'Date of birth', path: 'person.dateOfBirth' },
        { label: 'Age estimate (years)', path: 'person.ageEstimate' },
        { label: 'Place of birth', path: 'person.placeOfBirth' },
        { label: 'Nationalities', path: 'person.nationalities' },
        { label: 'Languages', path: 'person.languages' },
        { label: 'Identity documents', path: 'person.documents' },
      ],
    },
    {
      code: 'A2',
      heading: 'Circumstances of disappearance',
      fields: [
        { label: 'Last seen (date)', path: 'disappearance.lastSeenDate' },
        { label: 'Last seen (place)', path: 'disappearance.lastSeenPlace' },
        { label: 'Country', path: 'disappearance.lastSeenCountry' },
        { label: 'Coordinates', path: 'disappearance.coordinates' },
        { label: 'Route', path: 'disappearance.route' },
        { label: 'Circumstances', path: 'disappearance.circumstances' },
        { label: 'Incident', path: 'disappearance.incidentId' },
      ],
    },
    {
      code: 'A3',
      heading: 'Informants and relatives',
      fields: [{ label: 'Relatives', path: 'relatives' }],
    },
    {
      code: 'B',
      heading: 'Clothing and personal effects',
      fields: [
        { label: 'Clothing', path: 'description.clothing' },
        { label: 'Belongings', path: 'description.belongings' },
      ],
    },
    {
      code: 'C',
      heading: 'Physical description and particulars',
      fields: [
        { label: 'Height (cm)', path: 'description.height' },
        { label: 'Weight (kg)', path: 'description.weight' },
        { label: 'Build', path: 'description.build' },
        { label: 'Hair', path: 'description.hair' },
        { label: 'Eyes', path: 'description.eyes' },
        { label: 'Marks, scars, tattoos', path: 'description.marks' },
      ],
    },
    {
      code: 'D',
      heading: 'Medical information',
      fields: [
        { label: 'Fractures', path: 'medical.fractures' },
        { label: 'Surgery', path: 'medical.surgery' },
        { label: 'Implants and devices', path: 'medical.implants' },
        { label: 'Medical history', path: 'medical.history' },
      ],
    },
    {
      code: 'E',
      heading: 'Dental information',
      fields: [
        { label: 'Teeth (FDI)', path: 'medical.dental' },
        { label: 'Dental notes', path: 'medical.dentalNotes' },
      ],
    },
    {
      code: 'F',
      heading: 'DNA reference samples',
      fields: [{ label: 'Family reference samples', path: 'dnaSamples' }],
    },
  ],
};

/** Renders the AM data sheet of a presented report. */
export function renderAmSheet(report: Record<string, unknown>, meta: SheetMeta): Promise<Buffer> {
  return renderSheet(AM_SHEET, report, meta);
}
