// Renders one family case summary per language into docs/samples/ (PDF, and PNG pages when
// poppler's pdftoppm is installed) so reviewers can see the Arabic shaping and layout.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_LANGUAGES, renderCaseSummary } from '../src/features/documents/index.js';
import type { CaseSummaryData } from '../src/features/documents/index.js';

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

mkdirSync(out, { recursive: true });
for (const lang of DOCUMENT_LANGUAGES) {
  const file = join(out, `case-summary-${lang}.pdf`);
  writeFileSync(file, await renderCaseSummary(sample, lang));
  const png = spawnSync('pdftoppm', ['-png', '-r', '80', file, join(out, `case-summary-${lang}`)]);
  console.log(`${file}${png.status === 0 ? ' (+ PNG)' : ' (pdftoppm not installed: PDF only)'}`);
}
