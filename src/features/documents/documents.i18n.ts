import { createRequire } from 'node:module';
import type { Direction } from '../../platform/pdf/index.js';

const require = createRequire(import.meta.url);

/** Languages documents are written in (ISO 639-1). */
export const DOCUMENT_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;

/** A language documents are written in. */
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** The strings of one language (locales/<lang>.json). */
export interface DocumentStrings {
  direction: Direction;
  title: string;
  intro: string;
  sections: Record<'person' | 'status' | 'timeline' | 'contact', string>;
  labels: Record<string, string>;
  status: Record<string, string>;
  sex: Record<string, string>;
  noContact: string;
  footer: string;
}

const cache = new Map<DocumentLanguage, DocumentStrings>();

/** The strings of a language, read once from its locale file. */
export function strings(lang: DocumentLanguage): DocumentStrings {
  let s = cache.get(lang);
  if (!s) {
    s = require(`./locales/${lang}.json`) as DocumentStrings;
    cache.set(lang, s);
  }
  return s;
}

/** A date written the way the language writes it (Arabic with Arabic-Indic digits per CLDR). */
export function formatDate(lang: DocumentLanguage, iso: string): string {
  const date = new Date(iso);
  // A year, a month or a range is printed as entered (never turned into a 1 January).
  if (!/^\d{4}-\d{2}-\d{2}(T|$)/.test(iso) || Number.isNaN(date.getTime())) {
    return iso;
  }
  const locale = lang === 'ar' ? 'ar-u-nu-latn' : lang;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
