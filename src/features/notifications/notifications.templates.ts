// Message and notification templates, kept as JSON files under ./locales (one per language).
import { readFileSync } from 'node:fs';

/** Languages templates exist for; anything else falls back to English. */
export const TEMPLATE_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
/** A language with templates. */
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

type Catalogue = Record<string, string>;

function load(lang: TemplateLanguage): Catalogue {
  const url = new URL(`./locales/${lang}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Catalogue;
}

const CATALOGUES: Record<TemplateLanguage, Catalogue> = Object.fromEntries(
  TEMPLATE_LANGUAGES.map((l) => [l, load(l)]),
) as Record<TemplateLanguage, Catalogue>;

/** The template language for a user's preferred language (English when not translated). */
export function templateLanguage(preferred: string | null | undefined): TemplateLanguage {
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(preferred ?? '')
    ? (preferred as TemplateLanguage)
    : 'en';
}

/** Every template key of a language (used by tests to check the catalogues agree). */
export function templateKeys(lang: TemplateLanguage): string[] {
  return Object.keys(CATALOGUES[lang]).sort();
}

/**
 * Renders a template: `{{name}}` placeholders are replaced by the values given (missing values
 * become empty). A key missing in a language falls back to English; an unknown key throws.
 */
export function render(lang: TemplateLanguage, key: string, vars: Record<string, string> = {}) {
  const template = CATALOGUES[lang][key] ?? CATALOGUES.en[key];
  if (template === undefined) {
    throw new Error(`no template ${key}`);
  }
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => vars[name] ?? '').trim();
}
