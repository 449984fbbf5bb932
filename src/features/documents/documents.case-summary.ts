import { PdfWriter } from '../../platform/pdf/index.js';
import { formatDate, strings, type DocumentLanguage } from './documents.i18n.js';

/** What a family case summary shows: only what the family may be told. */
export interface CaseSummaryData {
  caseNumber: string;
  /** Names of the missing person as written in each script the family uses. */
  names: string[];
  sex?: 'male' | 'female' | 'unknown';
  /** ISO 8601 date (or a year). */
  dateOfBirth?: string;
  nationality?: string;
  /** Free text: date and place. */
  lastSeen?: string;
  /** Report status key (received, under_search, …). */
  status: string;
  /** Status changes, oldest first, with any message written to the family. */
  timeline: { at: string; status: string; message?: string | null }[];
  /** The report's contact point (public directory details), or null while none is assigned. */
  contactPoint: {
    name: string;
    organisation: string;
    phone?: string;
    email?: string;
    /** Other public channels (address, website, whatsapp…). */
    channels?: { kind: string; value: string }[];
    hours?: string;
    languages?: string[];
  } | null;
  /** When the document is generated (ISO 8601). */
  generatedAt: string;
}

/** Renders the family case summary in the family's language (English, French, Spanish or Arabic). */
export async function renderCaseSummary(
  data: CaseSummaryData,
  lang: DocumentLanguage,
): Promise<Buffer> {
  const t = strings(lang);
  const status = (key: string) => t.status[key] ?? key;
  const pdf = await PdfWriter.create({ title: t.title, lang, direction: t.direction });
  pdf.heading(t.title, 1).paragraph(t.intro, { color: '#444444' }).rule();
  pdf.field(t.labels.caseNumber!, data.caseNumber);
  pdf.field(t.labels.generated!, formatDate(lang, data.generatedAt));

  pdf.heading(t.sections.person);
  pdf.field(t.labels.names!, data.names.join('\n'));
  if (data.sex) {
    pdf.field(t.labels.sex!, t.sex[data.sex] ?? data.sex);
  }
  if (data.dateOfBirth) {
    pdf.field(t.labels.dateOfBirth!, formatDate(lang, data.dateOfBirth));
  }
  if (data.nationality) {
    pdf.field(t.labels.nationality!, data.nationality);
  }
  if (data.lastSeen) {
    pdf.field(t.labels.lastSeen!, data.lastSeen);
  }

  pdf.heading(t.sections.status);
  pdf.field(t.labels.currentStatus!, status(data.status));

  pdf.heading(t.sections.timeline);
  for (const step of data.timeline) {
    const message = step.message ? `\n${step.message}` : '';
    pdf.field(formatDate(lang, step.at), `${status(step.status)}${message}`);
  }

  pdf.heading(t.sections.contact);
  const cp = data.contactPoint;
  if (cp) {
    pdf.field(t.labels.contactName!, cp.name);
    pdf.field(t.labels.organisation!, cp.organisation);
    if (cp.phone) {
      pdf.field(t.labels.phone!, cp.phone);
    }
    if (cp.email) {
      pdf.field(t.labels.email!, cp.email);
    }
    for (const c of cp.channels ?? []) {
      pdf.field(t.labels[c.kind] ?? c.kind, c.value);
    }
    if (cp.hours) {
      pdf.field(t.labels.hours!, cp.hours);
    }
    if (cp.languages?.length) {
      pdf.field(t.labels.languages!, cp.languages.join(', '));
    }
  } else {
    pdf.paragraph(t.noContact);
  }
  pdf.rule().paragraph(t.footer, { size: 8, color: '#666666' });
  return pdf.toBuffer();
}
