// Forensic data sheets (AM, PM): a presented record printed section by section in the order of
// the INTERPOL DVI forms. The record comes from the owning feature's presenter, already cut to
// what the actor may read: a field that is not in it is never printed.
import { PdfWriter } from '../../platform/pdf/index.js';
import { at, describe } from './documents.format.js';

/** One printed field: its label and its dotted path in the presented record. */
export interface SheetField {
  label: string;
  path: string;
}

/** One section of an INTERPOL DVI form (code as on the form, e.g. "A1"). */
export interface SheetSection {
  code: string;
  heading: string;
  fields: SheetField[];
}

/** A data sheet: its title, the form whose order it follows, and its sections. */
export interface SheetSpec {
  title: string;
  form: string;
  sections: SheetSection[];
}

/** Facts printed at the head of every sheet. */
export interface SheetMeta {
  reference: string;
  generatedAt: string;
  /** Role of the user the sheet was generated for (what it shows depends on it). */
  generatedFor: string;
}

/** Shown in place of fields the actor's role may not read. */
export const WITHHELD = 'not shown: outside what your role may read';

/** Renders a data sheet (English, the working language of INTERPOL DVI exchange). */
export async function renderSheet(
  spec: SheetSpec,
  record: Record<string, unknown>,
  meta: SheetMeta,
): Promise<Buffer> {
  const pdf = await PdfWriter.create({
    title: `${spec.title} ${meta.reference}`,
    lang: 'en',
    direction: 'ltr',
  });
  pdf.heading(spec.title, 1);
  pdf.paragraph(spec.form, { color: '#444444' }).rule();
  pdf.field('Reference', meta.reference);
  pdf.field('Generated', meta.generatedAt);
  pdf.field('Generated for role', meta.generatedFor);
  for (const section of spec.sections) {
    pdf.heading(`${section.code} — ${section.heading}`);
    const readable = section.fields.filter((f) => f.path.split('.')[0]! in record);
    if (readable.length === 0) {
      pdf.paragraph(`(${WITHHELD})`, { color: '#666666' });
      continue;
    }
    for (const field of section.fields) {
      const shown = readable.includes(field);
      pdf.field(field.label, shown ? describe(at(record, field.path)) || '—' : `(${WITHHELD})`);
    }
  }
  pdf
    .rule()
    .paragraph(
      'Confidential: personal and forensic data, for identification purposes only. ' +
        'Every generation of this sheet is recorded in the audit trail.',
      { size: 8, color: '#666666' },
    );
  return pdf.toBuffer();
}
