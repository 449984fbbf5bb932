// Page strings: each feature with pages keeps `locales/pages.<lang>.json`; adding a language is adding files.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Text direction of a language. */
export type Direction = 'ltr' | 'rtl';

/** One language's strings, flattened to dotted keys. */
export type Strings = ReadonlyMap<string, string>;

/** Every language's strings, merged over the registered folders. */
export interface Catalog {
  /** Languages offered (those with a layout file), in file order with English first. */
  languages: readonly string[];
  strings: ReadonlyMap<string, Strings>;
}

/** Translates a key with `{{name}}` placeholders; English is the fallback, the key the last resort. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

const FILE = /^pages\.([a-z]{2,3}(?:-[A-Za-z]{2,4})?)\.json$/;

function flatten(obj: unknown, prefix: string, out: Map<string, string>) {
  if (typeof obj === 'string') {
    out.set(prefix, obj);
    return;
  }
  if (obj && typeof obj === 'object') {
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
      if (!k.startsWith('$')) {
        flatten(v, prefix ? `${prefix}.${k}` : k, out);
      }
    }
  }
}

/**
 * Reads `pages.<lang>.json` from each folder (the first folder decides which languages exist) on
 * first use: the files are read and flattened when a page first needs them, not at start-up
 * (ADR 0129).
 */
export function loadCatalog(folders: readonly (string | URL)[]): Catalog {
  let read: Catalog | undefined;
  const load = () => (read ??= readCatalog(folders));
  return {
    get languages() {
      return load().languages;
    },
    get strings() {
      return load().strings;
    },
  };
}

function readCatalog(folders: readonly (string | URL)[]): Catalog {
  const strings = new Map<string, Map<string, string>>();
  let languages: string[] = [];
  folders.forEach((folder, i) => {
    const dir = typeof folder === 'string' ? folder : fileURLToPath(folder);
    const files = readdirSync(dir).filter((f) => FILE.test(f));
    if (i === 0) {
      languages = files
        .map((f) => FILE.exec(f)![1]!)
        .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
    }
    for (const f of files) {
      const lang = FILE.exec(f)![1]!;
      const map = strings.get(lang) ?? new Map<string, string>();
      flatten(JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')), '', map);
      strings.set(lang, map);
    }
  });
  return { languages, strings };
}

/** A translator for one language of a catalog. */
export function translator(catalog: Catalog, lang: string): Translate {
  const own = catalog.strings.get(lang);
  const en = catalog.strings.get('en');
  return (key, vars) => {
    const text = own?.get(key) ?? en?.get(key) ?? key;
    return vars
      ? text.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
      : text;
  };
}

/** The direction a language is written in (from its layout file's `language.dir`). */
export function directionOf(catalog: Catalog, lang: string): Direction {
  return catalog.strings.get(lang)?.get('language.dir') === 'rtl' ? 'rtl' : 'ltr';
}

/** Picks the first offered language among explicit choice, cookie, profile and Accept-Language. */
export function negotiateLanguage(
  offered: readonly string[],
  choices: { query?: unknown; cookie?: string; profile?: string; acceptLanguage?: string },
): string {
  const ok = (l: unknown): l is string => typeof l === 'string' && offered.includes(l);
  for (const c of [choices.query, choices.cookie, choices.profile]) {
    if (ok(c)) {
      return c;
    }
  }
  const ranked = (choices.acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: (tag ?? '').toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0]!;
    if (ok(tag)) {
      return tag;
    }
    if (ok(base)) {
      return base;
    }
  }
  return offered.includes('en') ? 'en' : (offered[0] ?? 'en');
}
