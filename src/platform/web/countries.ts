// Country names for drop-down lists, in the page's language (ISO 3166-1 alpha-2 codes).
import countries from 'i18n-iso-countries';

const cache = new Map<string, { value: string; label: string }[]>();

/** Every assigned country as an option, named in `lang` (English names when the language has none). */
export function countryOptions(lang: string): readonly { value: string; label: string }[] {
  let list = cache.get(lang);
  if (!list) {
    const names = countries.getNames(lang, { select: 'official' });
    const fallback = countries.getNames('en', { select: 'official' });
    list = Object.keys(fallback)
      .map((code) => ({ value: code, label: names[code] ?? fallback[code]! }))
      .sort((a, b) => a.label.localeCompare(b.label, lang));
    cache.set(lang, list);
  }
  return list;
}

/** One country's name in `lang`. */
export function countryName(code: string, lang: string): string {
  return countries.getName(code, lang) ?? countries.getName(code, 'en') ?? code;
}
