import { expect } from 'chai';
import {
  DOCUMENT_LANGUAGES,
  renderCaseSummary,
  strings,
} from '../../src/features/documents/index.js';
import { visualPieces } from '../../src/platform/pdf/index.js';

const visual = (line: string, dir: 'ltr' | 'rtl') =>
  visualPieces(line, dir)
    .filter((p) => !p.space)
    .map((p) => p.text);

describe('pdf: bidi layout', () => {
  it('orders Arabic words right to left, keeping numbers left to right', () => {
    expect(visual('محمد 2024 أحمد', 'rtl')).to.deep.equal(['أحمد', '2024', 'محمد']);
  });

  it('keeps an Arabic name in an English line as one right-to-left block', () => {
    expect(visual('Name: محمد أحمد (Mohamed)', 'ltr')).to.deep.equal([
      'Name:',
      'أحمد',
      'محمد',
      '(Mohamed)',
    ]);
  });

  it('places sentence punctuation at the left end of an Arabic sentence', () => {
    const pieces = visual('نحن نبحث.', 'rtl');
    expect(pieces[0]).to.equal('.');
    expect(pieces.slice(1)).to.deep.equal(['نبحث', 'نحن']);
  });

  it('draws no bidi control characters', () => {
    expect(visual('\u2068+39 06 1234\u2069', 'rtl').join(' ')).to.equal('+39 06 1234');
  });
});

describe('documents: family case summary', () => {
  const data = {
    caseNumber: 'MP-IT-2026-000001',
    names: ['محمد أحمد', 'Mohamed Ahmed'],
    status: 'under_search',
    timeline: [{ at: '2026-05-20T09:00:00Z', status: 'received' }],
    contactPoint: null,
    generatedAt: '2026-11-27T12:00:00Z',
  };

  for (const lang of DOCUMENT_LANGUAGES) {
    it(`renders in ${lang} with its language tag and embedded fonts`, async () => {
      const pdf = await renderCaseSummary(data, lang);
      const text = pdf.toString('latin1');
      expect(text.startsWith('%PDF-')).to.equal(true);
      expect(text).to.include(`/Lang (${lang})`);
      // Fonts are embedded subsets (six-letter tag + name), never the PDF standard fonts.
      expect(text).to.match(/\/BaseFont \/[A-Z]{6}\+NotoSansArabic/);
      expect(text).to.match(/\/BaseFont \/[A-Z]{6}\+NotoSans-/);
      expect(text).not.to.include('/Helvetica');
      expect(text).to.include('/FontFile2');
    });
  }

  it('takes every string from the locale files (same keys in every language)', () => {
    const keys = (lang: (typeof DOCUMENT_LANGUAGES)[number]) =>
      JSON.stringify(Object.keys(strings(lang).labels).sort()) +
      JSON.stringify(Object.keys(strings(lang).status).sort());
    for (const lang of DOCUMENT_LANGUAGES) {
      expect(keys(lang), lang).to.equal(keys('en'));
    }
    expect(strings('ar').direction).to.equal('rtl');
  });
});
