// The custody and burial certificate: where remains are now, every custody event with its hash,
// and a verification code anyone can check at GET /api/v1/verify/:code.
import { PdfWriter } from '../../platform/pdf/index.js';
import { describe, humanise } from './documents.format.js';

/** One custody event as the certificate prints it. */
export interface CertificateEvent {
  position: number;
  kind: string;
  occurredAt: string;
  custodian: unknown;
  location: unknown;
  burial: unknown;
  documents: unknown;
  hash: string;
}

/** What a custody certificate shows. */
export interface CustodyCertificateData {
  remainsCode: string;
  country: string;
  /** Identification status of the remains. */
  status: string;
  /** Custody state after the last event (stored, buried…) and since when. */
  state: string;
  since: string | null;
  custodian: unknown;
  location: unknown;
  burial: unknown;
  events: CertificateEvent[];
  headHash: string;
  /** Verification code, grouped for printing. */
  verificationCode: string;
  verifyUrl: string;
  issuedAt: string;
}

/** A custodian or a place: its name and country, else its fields. */
export function party(v: unknown): string {
  if (typeof v === 'object' && v !== null && 'name' in v && typeof v.name === 'string') {
    const country = 'country' in v && typeof v.country === 'string' ? ` (${v.country})` : '';
    return `${v.name}${country}`;
  }
  return describe(v);
}

/** A SHA-256 in two printed lines of 32 hex digits. */
export function printedHash(hash: string): string {
  return `${hash.slice(0, 32)}\n${hash.slice(32)}`;
}

/** Prints one custody event: position, kind, when, who, where, documents and its hash. */
export function printEvent(pdf: PdfWriter, e: CertificateEvent): void {
  const lines = [
    e.occurredAt,
    ...(['custodian', 'location', 'burial', 'documents'] as const)
      .map(
        (k) =>
          [
            k,
            (k === 'custodian' || k === 'location' ? party(e[k]) : describe(e[k])).replace(
              /\n/g,
              '; ',
            ),
          ] as const,
      )
      .filter(([, v]) => v !== '')
      .map(([k, v]) => `${k}: ${v}`),
    `SHA-256: ${printedHash(e.hash)}`,
  ];
  pdf.field(`${e.position}. ${humanise(e.kind)}`, lines.join('\n'));
}

/** Renders the custody and burial certificate (English). */
export async function renderCustodyCertificate(d: CustodyCertificateData): Promise<Buffer> {
  const title = 'Custody and burial certificate';
  const pdf = await PdfWriter.create({
    title: `${title} ${d.remainsCode}`,
    lang: 'en',
    direction: 'ltr',
  });
  pdf.heading(title, 1);
  pdf
    .paragraph(
      'This certificate states where the remains below are and the full chain of custody on ' +
        'record, each event sealed by a SHA-256 hash of its content and of the event before it.',
      { color: '#444444' },
    )
    .rule();
  pdf.field('Remains code', d.remainsCode);
  pdf.field('Country', d.country);
  pdf.field('Identification status', humanise(d.status));
  pdf.field('Issued', d.issuedAt);

  pdf.heading('Current location');
  pdf.field('Custody state', humanise(d.state));
  pdf.field('Since', d.since ?? '—');
  pdf.field('Custodian', party(d.custodian) || '—');
  pdf.field('Location', party(d.location) || '—');
  if (d.burial) {
    pdf.field('Grave', describe(d.burial));
  }

  pdf.heading(`Custody chain (${d.events.length} events)`);
  for (const e of d.events) {
    printEvent(pdf, e);
  }

  pdf.heading('Verification');
  pdf.field('Chain head (SHA-256)', printedHash(d.headHash));
  pdf.field('Verification code', d.verificationCode);
  pdf.paragraph(
    'Anyone can confirm this certificate, without an account, at the address below. The answer ' +
      'says whether the code is genuine, for which remains, the chain head at issue, and ' +
      'whether the chain on record still verifies today.',
    { size: 9, color: '#444444' },
  );
  pdf.paragraph(d.verifyUrl, { size: 9 });
  pdf.rule().paragraph('Issued by Ariadne. Every issue is recorded in the audit trail.', {
    size: 8,
    color: '#666666',
  });
  return pdf.toBuffer();
}
