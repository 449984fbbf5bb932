// The identification report of a confirmed candidate pair (or a draft while it is under review):
// who was identified as whom, on what basis, by which two practitioners, and the evidence table
// behind the score. It prints only what the matching presenter gave the actor: laboratory details
// a role may not read are absent from the data and shown as withheld.
import { PdfWriter } from '../../platform/pdf/index.js';
import { humanise } from './documents.format.js';
import { WITHHELD } from './documents.sheet.js';

/** One laboratory or expert result as the report prints it. */
export interface ReportLabResult {
  kind: string;
  method?: string | null | undefined;
  likelihoodRatio?: number | null | undefined;
  referenceSample?: string | null | undefined;
  outcome?: string | null | undefined;
  laboratory: string;
  labReference?: string | null | undefined;
  recordedBy: string;
  recordedAt: string | null;
}

/** What an identification report shows. */
export interface IdentificationReportData {
  candidateId: string;
  caseNumber: string;
  remainsCode: string;
  country: string;
  /** Confirmed, or under review (the report is then a draft). */
  status: 'confirmed' | 'under_review';
  /** The confirmed identification; for a draft, the one the basis would give. */
  identification: 'identified' | 'provisional' | null;
  basis: string[];
  note: string | null;
  proposedBy: string | null;
  proposedAt: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  score: number;
  parts: { attribute: string; log10lr: number; explanation: string }[];
  /** null: the actor's role may not read laboratory details. */
  labResults: ReportLabResult[] | null;
  exclusions: { rule: string; reason: string; overridden: boolean }[];
  overrides: { rule: string; reason: string; createdBy: string; createdAt: string | null }[];
  /** Case numbers of reports linked as the same person, identified with this one. */
  linkedCases: string[];
  generatedAt: string;
  generatedFor: string;
}

const signed = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(2)}`;

/** A laboratory result in one line of text per fact. */
function labFinding(l: ReportLabResult): string {
  if (l.kind === 'dna') {
    const lr = typeof l.likelihoodRatio === 'number' ? l.likelihoodRatio.toExponential(2) : '—';
    return [
      `${l.method ?? ''} DNA comparison`.trim(),
      `likelihood ratio ${lr}`,
      `reference sample ${l.referenceSample ?? '—'}`,
    ].join('\n');
  }
  return `${l.kind} comparison: ${l.outcome ?? '—'}`;
}

function identificationText(d: IdentificationReportData): string {
  const what =
    d.identification === 'identified'
      ? 'Identified (primary identifier)'
      : d.identification === 'provisional'
        ? 'Provisionally identified (secondary identifiers only)'
        : 'No identification proposed yet';
  return d.status === 'confirmed' ? what : `Not confirmed — proposed: ${what.toLowerCase()}`;
}

/** Renders the identification report (English, the working language of DVI exchange). */
export async function renderIdentificationReport(d: IdentificationReportData): Promise<Buffer> {
  const draft = d.status !== 'confirmed';
  const title = 'Identification report';
  const pdf = await PdfWriter.create({
    title: `${title} ${d.caseNumber} / ${d.remainsCode}`,
    lang: 'en',
    direction: 'ltr',
    ...(draft ? { watermark: 'DRAFT' } : {}),
  });
  pdf.heading(draft ? `${title} — DRAFT` : title, 1);
  if (draft) {
    pdf.paragraph(
      'DRAFT: this identification is under review and has not been confirmed by a second ' +
        'forensic practitioner. It must not be communicated to the family.',
      { bold: true, color: '#9d0208' },
    );
  }
  pdf
    .paragraph(
      'The missing-person report and the remains below, the identification confirmed between ' +
        'them, and the evidence it rests on (scores are log10 likelihood ratios; see the ' +
        'matching documentation).',
      { color: '#444444' },
    )
    .rule();
  pdf.field('Report (case number)', d.caseNumber);
  pdf.field('Remains code', d.remainsCode);
  pdf.field('Country', d.country);
  if (d.linkedCases.length > 0) {
    pdf.field('Linked reports (same person)', d.linkedCases.join('\n'));
  }
  pdf.field('Candidate', d.candidateId);

  pdf.heading('Identification');
  pdf.field('Identification', identificationText(d));
  pdf.field('Basis', d.basis.map(humanise).join(', ') || '—');
  if (d.note) {
    pdf.field('Note of the proposer', d.note);
  }
  pdf.field('Proposed by', d.proposedBy ? `${d.proposedBy}\n${d.proposedAt ?? ''}` : '—');
  pdf.field(
    'Confirmed by',
    d.confirmedBy ? `${d.confirmedBy}\n${d.confirmedAt ?? ''}` : 'not confirmed yet',
  );
  pdf.field('Combined score (log10 LR)', signed(d.score));

  pdf.keep(90).heading('Evidence table');
  pdf.table(
    [
      { header: 'Attribute', width: 0.2 },
      { header: 'log10 LR', width: 0.12 },
      { header: 'Explanation', width: 0.68 },
    ],
    [
      ...d.parts.map((p) => [humanise(p.attribute), signed(p.log10lr), p.explanation]),
      ['Combined', signed(d.score), 'Sum of the parts'],
    ],
  );

  pdf.keep(90).heading('Laboratory and expert results');
  if (d.labResults === null) {
    pdf.paragraph(`(${WITHHELD})`, { color: '#666666' });
  } else if (d.labResults.length === 0) {
    pdf.paragraph('None recorded for this pair.', { color: '#666666' });
  } else {
    pdf.table(
      [
        { header: 'Kind', width: 0.14 },
        { header: 'Finding', width: 0.38 },
        { header: 'Laboratory', width: 0.24 },
        { header: 'Recorded', width: 0.24 },
      ],
      d.labResults.map((l) => [
        humanise(l.kind),
        labFinding(l),
        [l.laboratory, l.labReference].filter(Boolean).join('\n'),
        `${l.recordedBy}\n${l.recordedAt ?? ''}`,
      ]),
    );
  }

  pdf.keep(90).heading('Exclusions and overrides');
  if (d.exclusions.length === 0 && d.overrides.length === 0) {
    pdf.paragraph('No hard exclusion applies to this pair.', { color: '#666666' });
  } else {
    pdf.table(
      [
        { header: 'Rule', width: 0.22 },
        { header: 'Exclusion', width: 0.3 },
        { header: 'Override and reason', width: 0.48 },
      ],
      exclusionRows(d),
    );
  }
  pdf
    .rule()
    .field('Generated', d.generatedAt)
    .field('Generated for role', d.generatedFor)
    .paragraph(
      'Confidential: personal and forensic data, for identification purposes only. Every ' +
        'generation of this report is recorded in the audit trail.',
      { size: 8, color: '#666666' },
    );
  return pdf.toBuffer();
}

/** One row per exclusion rule, with the reviewer's override (and reason) beside it. */
function exclusionRows(d: IdentificationReportData): string[][] {
  const rules = [
    ...new Set([...d.exclusions.map((e) => e.rule), ...d.overrides.map((o) => o.rule)]),
  ];
  return rules.map((rule) => {
    const e = d.exclusions.find((x) => x.rule === rule);
    const o = d.overrides.find((x) => x.rule === rule);
    return [
      humanise(rule),
      e ? `${e.reason}${e.overridden ? ' (overridden)' : ''}` : '—',
      o ? `${o.reason}\n${o.createdBy}, ${o.createdAt ?? ''}` : 'not overridden',
    ];
  });
}
