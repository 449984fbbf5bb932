// The custody certificate of a chain that crossed a border (ADR 0086): the events recorded in
// the sending jurisdiction, as received and verified with the node and key that signed the head
// where the chain crossed, then those recorded in the receiving jurisdiction, and the result of
// verifying the whole chain on the node that issues it.
import { PdfWriter } from '../../platform/pdf/index.js';
import { printedHash, printEvent, type CertificateEvent } from './documents.certificate.js';

/** What a crossed-chain certificate shows. */
export interface CrossedCertificateData {
  remainsCode: string;
  transferId: string;
  /** The jurisdiction issuing the certificate, and whether it sent or received the remains. */
  issuer: { jurisdiction: string; node: string; direction: 'outgoing' | 'incoming' };
  sending: { jurisdiction: string; node: string; kid: string | null; events: CertificateEvent[] };
  receiving: { jurisdiction: string; events: CertificateEvent[] };
  verification: {
    ok: boolean;
    checked: number;
    headHash: string;
    firstBroken?: { position: number; reason: string };
    signatureValid: boolean;
    crossingPosition: number;
    crossingHash: string;
  };
  issuedAt: string;
}

/** Renders the certificate of a custody chain that crossed a border (English). */
export async function renderCrossedCustodyCertificate(d: CrossedCertificateData): Promise<Buffer> {
  const title = 'Custody certificate: chain across a border';
  const pdf = await PdfWriter.create({
    title: `${title} ${d.remainsCode}`,
    lang: 'en',
    direction: 'ltr',
  });
  pdf.heading(title, 1);
  pdf
    .paragraph(
      `These remains were transferred from ${d.sending.jurisdiction} to ` +
        `${d.receiving.jurisdiction}. The chain of custody below runs from the first event in ` +
        `${d.sending.jurisdiction} to the last in ${d.receiving.jurisdiction}, each event sealed ` +
        'by a SHA-256 hash of its content and of the event before it; the node of the sending ' +
        'jurisdiction signed the head where the chain crossed the border.',
      { color: '#444444' },
    )
    .rule();
  const v = d.verification;
  pdf.field(
    'Verification',
    v.ok
      ? `VERIFIED: all ${v.checked} events link and hash correctly, and the signature over the ` +
          'crossing head is valid'
      : `NOT VERIFIED: ${
          v.firstBroken
            ? `event ${v.firstBroken.position}: ${v.firstBroken.reason}`
            : 'the hashes link'
        }; signature over the crossing head ${v.signatureValid ? 'valid' : 'INVALID'}`,
  );
  pdf.field('Remains code', d.remainsCode);
  pdf.field('Transfer', d.transferId);
  pdf.field(
    'Issued by',
    `${d.issuer.jurisdiction} (${d.issuer.direction === 'incoming' ? 'receiving' : 'sending'} side), node ${d.issuer.node}`,
  );
  pdf.field('Issued', d.issuedAt);

  pdf.heading(
    `1. Recorded in ${d.sending.jurisdiction} (sending side, ${d.sending.events.length} events)`,
  );
  pdf.paragraph(
    d.issuer.direction === 'incoming'
      ? 'As received and verified by this node: every hash and link checked, and the head ' +
          'signed by the sending node with the key below.'
      : 'As recorded on this node, whose key signed the head sent with the remains.',
    { size: 9, color: '#444444' },
  );
  pdf.field('Signing node', d.sending.node);
  pdf.field('Signing key id', d.sending.kid ?? '—');
  pdf.field(
    'Signed head',
    `event ${v.crossingPosition}\n${printedHash(v.crossingHash)}\nsignature ${v.signatureValid ? 'valid' : 'INVALID'}`,
  );
  for (const e of d.sending.events) {
    printEvent(pdf, e);
  }

  pdf.heading(
    `2. Recorded in ${d.receiving.jurisdiction} (receiving side, ${d.receiving.events.length} events)`,
  );
  if (d.receiving.events.length === 0) {
    pdf.paragraph('No event recorded after the transfer yet.', { size: 9, color: '#444444' });
  }
  for (const e of d.receiving.events) {
    printEvent(pdf, e);
  }

  pdf.heading('Chain head');
  pdf.field('Head (SHA-256)', printedHash(v.headHash));
  pdf.field('Events checked', String(v.checked));
  pdf.rule().paragraph('Issued by Ariadne. Every issue is recorded in the audit trail.', {
    size: 8,
    color: '#666666',
  });
  return pdf.toBuffer();
}
