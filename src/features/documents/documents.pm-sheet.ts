// The post-mortem data sheet: a remains record in the section order of the INTERPOL DVI PM form
// (A recovery, B effects, C description, D medical findings, E dental, F fingerprints and DNA,
// G photographs). The record is the one the remains presenter built for the actor, so photo
// references, DNA, dental and medical findings appear only for roles that may read them.
import { renderSheet, type SheetMeta, type SheetSpec } from './documents.sheet.js';

/** The PM form's sections and the remains fields printed in each. */
export const PM_SHEET: SheetSpec = {
  title: 'Post-mortem data sheet',
  form: 'Unidentified remains, in the section order of the INTERPOL DVI post-mortem (PM) form.',
  sections: [
    {
      code: 'A0',
      heading: 'Case',
      fields: [
        { label: 'Remains code', path: 'code' },
        { label: 'Country', path: 'country' },
        { label: 'Kind', path: 'kind' },
        { label: 'Body part', path: 'bodyPart' },
        { label: 'Associated with', path: 'associatedWithId' },
        { label: 'Identification status', path: 'status' },
        { label: 'Status since', path: 'statusChangedAt' },
      ],
    },
    {
      code: 'A1',
      heading: 'Recovery',
      fields: [
        { label: 'Date', path: 'recovery.date' },
        { label: 'Place', path: 'recovery.place' },
        { label: 'Country', path: 'recovery.country' },
        { label: 'Coordinates', path: 'recovery.coordinates' },
        { label: 'Circumstances', path: 'recovery.circumstances' },
        { label: 'Recovered by', path: 'recovery.agency' },
        { label: 'Incident', path: 'recovery.incidentId' },
        { label: 'Condition', path: 'condition' },
      ],
    },
    {
      code: 'B',
      heading: 'Clothing, personal effects and documents',
      fields: [
        { label: 'Clothing and effects', path: 'effects' },
        { label: 'Documents found', path: 'documents' },
      ],
    },
    {
      code: 'C',
      heading: 'Physical description and particulars',
      fields: [
        { label: 'Sex', path: 'sex' },
        { label: 'Age estimate (years)', path: 'age' },
        { label: 'Stature (cm)', path: 'stature' },
        { label: 'Hair', path: 'hair' },
        { label: 'Eyes', path: 'eyes' },
        { label: 'Marks, scars, tattoos', path: 'marks' },
      ],
    },
    {
      code: 'D',
      heading: 'Medical and autopsy findings',
      fields: [
        { label: 'Findings', path: 'medicalFindings' },
        { label: 'Implants and devices', path: 'implants' },
      ],
    },
    {
      code: 'E',
      heading: 'Dental findings',
      fields: [{ label: 'Teeth (FDI)', path: 'dental' }],
    },
    {
      code: 'F',
      heading: 'Fingerprints and DNA',
      fields: [
        { label: 'Fingerprints', path: 'fingerprints' },
        { label: 'DNA samples', path: 'dnaSamples' },
      ],
    },
    {
      code: 'G',
      heading: 'Photographs',
      fields: [{ label: 'Photographs on record', path: 'photos' }],
    },
    {
      code: 'H',
      heading: 'Remarks',
      fields: [
        { label: 'Notes', path: 'notes' },
        { label: 'Legal basis of processing', path: 'legalBasis' },
      ],
    },
  ],
};

/** Renders the PM data sheet of a presented remains record. */
export function renderPmSheet(remains: Record<string, unknown>, meta: SheetMeta): Promise<Buffer> {
  return renderSheet(PM_SHEET, remains, meta);
}
