// Renders sample documents into docs/samples/ (PDF, and PNG pages when poppler's pdftoppm is
// installed) so reviewers can see them: one family case summary per language (Arabic shaping and
// layout), and the AM sheet, PM sheet, custody certificate and identification report (first page).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DOCUMENT_LANGUAGES,
  renderAmSheet,
  renderCaseSummary,
  renderCustodyCertificate,
  renderIdentificationReport,
  renderPmSheet,
} from '../src/features/documents/index.js';
import type { CaseSummaryData } from '../src/features/documents/index.js';
import { amReport, certificate, pmRemains } from './samples/forensic.samples.js';
import { identification } from './samples/identification.samples.js';

const out = join(import.meta.dirname, '..', 'docs', 'samples');

/** A fictitious case: every name and number is invented. */
const sample: CaseSummaryData = {
  caseNumber: 'MP-IT-2026-000042',
  names: ['محمد عبد الله أحمد', 'Mohamed Abdallah Ahmed', 'ሙሐመድ አብደላ'],
  sex: 'male',
  dateOfBirth: '1998-03-14',
  nationality: 'SD',
  lastSeen: '2026-05-02 — Zuwara (LY), قارب متجه إلى لامبيدوزا / boat bound for Lampedusa',
  status: 'possible_match',
  timeline: [
    { at: '2026-05-20T09:00:00Z', status: 'received' },
    { at: '2026-05-21T10:30:00Z', status: 'under_search' },
    { at: '2026-09-03T15:10:00Z', status: 'possible_match' },
  ],
  contactPoint: {
    name: 'Amal Haddad — أمل حداد',
    organisation: 'Consulate of Sudan, Rome',
    phone: '+39 06 0000 0000',
    email: 'tracing@consulate.example',
    languages: ['ar', 'en', 'it'],
  },
  generatedAt: '2026-11-27T12:00:00Z',
};

/** Writes a PDF and, when pdftoppm is there, PNGs of its pages (all, or the first only). */
function write(name: string, pdf: Buffer, firstPageOnly = false) {
  const file = join(out, `${name}.pdf`);
  writeFileSync(file, pdf);
  const pages = firstPageOnly ? ['-f', '1', '-l', '1'] : [];
  const png = spawnSync('pdftoppm', ['-png', '-r', '80', ...pages, file, join(out, name)]);
  console.log(`${file}${png.status === 0 ? ' (+ PNG)' : ' (pdftoppm not installed: PDF only)'}`);
}

mkdirSync(out, { recursive: true });
for (const lang of DOCUMENT_LANGUAGES) {
  write(`case-summary-${lang}`, await renderCaseSummary(sample, lang));
}
const meta = (reference: string) => ({
  reference,
  generatedAt: '2026-11-27T12:00:00.000Z',
  generatedFor: 'forensic',
});
write('am-sheet', await renderAmSheet(amReport, meta('MP-IT-2026-000042')), true);
write('pm-sheet', await renderPmSheet(pmRemains, meta('UR-IT-2026-00118')), true);
write('custody-certificate', await renderCustodyCertificate(certificate), true);
write('identification-report', await renderIdentificationReport(identification), true);
