import { expect } from 'chai';
import {
  render,
  TEMPLATE_LANGUAGES,
  templateKeys,
} from '../../src/features/notifications/index.js';
import {
  REPORT_STATUSES,
  STATUS_LABEL_LANGUAGES,
  statusLabel,
} from '../../src/features/reports/index.js';

describe('notifications: templates in four languages', () => {
  it('every language has exactly the English keys', () => {
    const en = templateKeys('en');
    for (const lang of TEMPLATE_LANGUAGES) {
      expect(templateKeys(lang), lang).to.deep.equal(en);
    }
  });

  it('every status has a plain-language label in every template language (reports’ locale files)', () => {
    for (const lang of TEMPLATE_LANGUAGES) {
      expect(STATUS_LABEL_LANGUAGES, lang).to.include(lang);
      for (const s of REPORT_STATUSES) {
        const label = statusLabel(s, lang);
        expect(label, `${lang} ${s}`).to.be.a('string').and.not.equal('');
        if (lang !== 'en') {
          expect(label, `${lang} ${s} is translated`).to.not.equal(statusLabel(s, 'en'));
        }
      }
    }
  });

  it('fills placeholders and keeps each language’s own text', () => {
    const vars = { caseNumber: 'MP-IT-2026-000001' };
    expect(render('en', 'status.title', vars)).to.equal(
      'News about your search (MP-IT-2026-000001)',
    );
    expect(render('fr', 'status.title', vars)).to.equal(
      'Nouvelles de votre recherche (MP-IT-2026-000001)',
    );
    expect(render('es', 'status.title', vars)).to.equal(
      'Novedades sobre su búsqueda (MP-IT-2026-000001)',
    );
    expect(render('ar', 'status.title', vars)).to.equal('مستجدّات البحث (MP-IT-2026-000001)');
    expect(() => render('en', 'no.such.key')).to.throw('no template no.such.key');
  });
});
