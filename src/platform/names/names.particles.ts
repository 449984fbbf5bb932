// Words of a name as comparable tokens: separators, abbreviations (G/Medhin), the Arabic
// article in all its Latin forms (al-, el-, Ez-, Ed-, Abder-), and compounds that one
// spelling writes as one word and another as two (Abdelrahman / Abd al-Rahman,
// Salahuddin / Salah al-Din, Hidayatullah / Hidayat Ullah). No business rules.
import { hasPersianSounds, toLatin } from './names.script.js';

/** Ge'ez abbreviations written with a slash: G/Medhin is Gebremedhin, W/Mariam Woldemariam. */
const SLASH_PREFIX: Record<string, string> = {
  g: 'gebre',
  w: 'wolde',
  h: 'haile',
  t: 'tekle',
  k: 'kidane',
  f: 'fikre',
};

/** A standalone article: al/el/ul before any word, assimilated (ad-, ar-, as-, ash-, an-, ez-) before its letter. */
const ARTICLE = /^[aeiou](l|sh|th|dh|zh|ch|[tdszrn])$/;
function isArticle(w: string, next: string | undefined): boolean {
  const m = ARTICLE.exec(w);
  return !!m && !!next && next.length > 1 && (m[1] === 'l' || next.startsWith(m[1]!));
}

/** Particles with one meaning and many spellings ("son of", "servant of"). */
const PARTICLE_FORMS: Record<string, string> = {
  ben: 'bin',
  bin: 'bin',
  ibn: 'bin',
  ebn: 'bin',
  bn: 'bin',
  ould: 'ould',
  wuld: 'ould',
  walad: 'ould',
  abd: 'abd',
  abdel: 'abd',
  abdal: 'abd',
  abdul: 'abd',
  abdol: 'abd',
  abdoul: 'abd',
  abdil: 'abd',
  allah: 'lah',
  ullah: 'lah',
  ollah: 'lah',
  ulla: 'lah',
  eddine: 'din',
  uddin: 'din',
  addin: 'din',
  oddin: 'din',
  eddin: 'din',
  aldin: 'din',
  eldin: 'din',
  din: 'din',
  deen: 'din',
  dine: 'din',
};

const SUN = '(?:sh|th|dh|zh|ch|[tdszrnl])';
/** An assimilated article at the start of a word: Ezzahra, Eddine, Errahmane, Ennour. */
const ASSIMILATED = new RegExp(`^[ae](${SUN})\\1(?=[a-z]{2,})`);
/** An article written joined to its word: Alzahra, Elmehdi (not Alemu: a vowel follows). */
const JOINED_ARTICLE = /^[ae]l(?=[^aeiouyl][a-z]{3,}|[aeiou][a-z]{3,})/;

/** Removes a leading article (plain, joined or assimilated) from a word. */
function stripArticle(w: string): string {
  const a = ASSIMILATED.exec(w);
  if (a) {
    return w.slice(a[0].length - a[1]!.length);
  }
  return w.replace(JOINED_ARTICLE, '');
}

/** Somali words that start with c for ع (Cabdi, Cali, Cumar, Caasha, Ciise, Cismaan, Cilmi). */
const SOMALI_C = /^c(?=abd|ali|umar|aa|ii|ism|ilm|awa|ige|usm|uth|ash)/;

/** Somali orthography: c is ع (Cabdi), x is ح (Maxamed, Xasan). */
function somali(w: string): string {
  return w.replace(SOMALI_C, '').replace(/x/g, 'h');
}

/**
 * Somali c for ع after a long vowel (Jaamac) is dropped from the canonical form; the same
 * letters in another convention are a k (Isaac), so the word as written keeps it.
 */
function somaliFinal(w: string): string {
  return w.replace(/(?<=aa|ee|ii|oo|uu)c/g, '');
}

/** The "Allah" of a compound, however written: ullah, allah, oulaye, ullahi, ulai, ella, allh (عبدالله). */
const ALLAH = /^[aeiou]{0,2}ll?(?:a(?:h|hi|y|ye|i)?e?|h)$/;

/** Splits one word into its compound parts: abd + rest, stem + din, stem + lah. */
function splitCompound(w: string): string[] {
  if (/^abd[a-z]{3,}/.test(w) && PARTICLE_FORMS[w] === undefined) {
    let rest = w.slice(3);
    if (ALLAH.test(rest)) {
      return ['abd', 'lah'];
    }
    const article = new RegExp(`^[aeiou]{1,2}(?:l|(${SUN})(?=\\1))`).exec(rest);
    if (article && rest.length - article[0].length >= 2) {
      rest = rest.slice(article[0].length);
    } else {
      rest = rest.replace(/^[aeiou]{1,2}(?=[^aeiou])/, '');
    }
    return ['abd', ...splitCompound(rest)];
  }
  const din = /^([a-z]{3,}?)(?:[aeiou]{1,2}(?:l|d)?d|[aeiou]?dd)(?:i|ee|ii|y)ne?$/.exec(w);
  if (din) {
    return [din[1]!, 'din'];
  }
  // The stem keeps an i or e before the joining vowel (Samiullah: Sami + ullah, as سمیع‌الله).
  const lah = /^([a-z]{3,}?(?:[iey](?=[aeiou]))?)[aeiou]{1,2}(?:ll|l(?=ah))a+h?i?$/.exec(w);
  if (lah) {
    return [lah[1]!, 'lah'];
  }
  return [w];
}

/** A word-final é (not before another letter or mark). */
const FINAL_E_ACUTE = /[éÉ](?![\p{L}\p{M}])/gu;

/** A name as lower-case ASCII words: script transliterated, accents, apostrophes, slashes handled. */
export function latinWords(name: string, arabic = false, finalE = true): string[] {
  // A French final é is sounded (Zohré, Cissé, Konaté): written eh, as Persian -eh (Zohreh),
  // so the mute-e rule of the keys leaves it.
  const marked = finalE ? name.normalize('NFC').replace(FINAL_E_ACUTE, 'eh') : name;
  const latin = toLatin(marked, arabic)
    .toLowerCase()
    .replace(/\b([a-z])\s*\/\s*/g, (m, c: string) =>
      SLASH_PREFIX[c] ? `${SLASH_PREFIX[c]} ` : ' ',
    )
    .replace(/['`\u2018\u2019\u02BB\u02BC\u02BE\u02BF]/g, '')
    .replace(/[^a-z]+/g, ' ');
  return latin.split(' ').filter(Boolean);
}

/** One comparable word: its canonical form and, when an article was stripped, the word as written. */
export interface CanonicalWord {
  norm: string;
  raw: string;
}

/**
 * The comparable words of a name: particles in one spelling (ben/bin/ibn → bin, abdel/abdul
 * → abd), standalone articles dropped, joined or assimilated articles stripped (the word as
 * written is kept beside it, since Assefa or Alberto start the same way), compounds split
 * (abdelrahman → abd rahman, salahuddin → salah din, nasrullah → nasr lah).
 */
export function canonicalWords(name: string): CanonicalWord[] {
  const written = latinWords(name).map(somali);
  // A Persian ث, ذ, ض or ظ: the word as written read as Arabic-style spellings read it
  // (ثریا: srya, and thrya as Thuraya writes it), compared as well.
  const arabic = hasPersianSounds(name) ? latinWords(name, true) : [];
  // A final é: the word as written read with a mute e as well (Cissé / Cisse, Konaté / Konate).
  const plain =
    name.normalize('NFC').search(FINAL_E_ACUTE) >= 0 ? latinWords(name, false, false) : [];
  const asWritten = (i: number) =>
    arabic.length === written.length && arabic[i] !== written[i]
      ? arabic[i]!
      : plain.length === written.length
        ? somali(plain[i]!)
        : written[i]!;
  const words = written.map(somaliFinal);
  const out: CanonicalWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (isArticle(w, words[i + 1])) {
      continue;
    }
    const particle = PARTICLE_FORMS[w];
    if (particle !== undefined) {
      out.push({ norm: particle, raw: w });
      continue;
    }
    const stripped = stripArticle(w);
    const parts = splitCompound(stripped);
    for (const part of parts) {
      const norm = PARTICLE_FORMS[part] ?? stripArticle(part);
      if (norm) {
        out.push({ norm, raw: parts.length === 1 ? asWritten(i) : part });
      }
    }
  }
  return out;
}
