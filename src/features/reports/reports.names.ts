// Name normalisation that survives transliteration: Arabic, Persian and Ge'ez (Tigrinya,
// Amharic) script is transliterated to Latin, accents are dropped, and a consonant
// "skeleton" is derived so Mohammed / Muhammad / Mohamed / محمد share one key.

/** Arabic and Persian letters → Latin (short vowels are not written, long ones drop later). */
const ARABIC: Record<string, string> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ء: '',
  ؤ: 'u',
  ئ: 'i',
  ى: 'a',
  ة: '',
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: '',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  و: 'w',
  ي: 'y',
  // Persian additions.
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  گ: 'g',
  ک: 'k',
  ی: 'y',
};

/** Consonant of each Ethiopic syllable row (U+1200 + 8·row); vowel orders share a consonant. */
const GEEZ_ROWS = [
  'h',
  'l',
  'h',
  'm',
  's',
  'r',
  's',
  'sh',
  'q',
  'q',
  'q',
  'q',
  'b',
  'v',
  't',
  'ch',
  'h',
  'h',
  'n',
  'ny',
  '',
  'k',
  'k',
  'kh',
  'kh',
  'w',
  '',
  'z',
  'zh',
  'y',
  'd',
  'd',
  'j',
  'g',
  'g',
  'ng',
  't',
  'ch',
  'p',
  'ts',
  'ts',
  'f',
  'p',
];
/** Vowel of each order in a Ge'ez row (1st … 7th order). */
const GEEZ_VOWELS = ['e', 'u', 'i', 'a', 'e', '', 'o', 'wa'];

function transliterateChar(ch: string): string {
  const mapped = ARABIC[ch];
  if (mapped !== undefined) {
    return mapped;
  }
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x1200 && code < 0x1200 + GEEZ_ROWS.length * 8) {
    const row = (code - 0x1200) >> 3;
    return (GEEZ_ROWS[row] ?? '') + (GEEZ_VOWELS[(code - 0x1200) & 7] ?? '');
  }
  // Arabic diacritics (harakat), tatweel, zero-width joiners: nothing.
  if ((code >= 0x064b && code <= 0x065f) || code === 0x0640 || code === 0x200c || code === 0x200d) {
    return '';
  }
  return ch;
}

/** Lower-case Latin form of a name in any supported script, without accents or punctuation. */
export function normaliseName(name: string): string {
  const latin = Array.from(name.normalize('NFC')).map(transliterateChar).join('');
  return latin
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Latin spelling conventions (French, English, Italian…) folded to one form. */
const FOLDS: [RegExp, string][] = [
  [/ph/g, 'f'],
  [/dj/g, 'j'],
  [/tch/g, 'ch'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/c(?!h)/g, 'k'],
  [/x/g, 'ks'],
  [/ou/g, 'u'],
  [/ee/g, 'i'],
];

/**
 * The consonant skeleton of one normalised token: spelling folded, vowels dropped, y/w kept
 * only at the start, doubled letters collapsed (muhammad, mohamed, محمد → "mhmd").
 */
export function skeleton(token: string): string {
  let t = token;
  for (const [re, to] of FOLDS) {
    t = t.replace(re, to);
  }
  const head = /^[yw]/.test(t) ? t[0] : '';
  const body = (head ? t.slice(1) : t).replace(/[aeiouyw]/g, '');
  const key = (head + body).replace(/(.)\1+/g, '$1');
  return key || t;
}

/**
 * A "sound" key of one normalised token: spelling folded, doubled letters collapsed, vowels
 * reduced to two classes (a/e/o/u → a, i/y → i). It tells Hasan from Hussein, which share a
 * skeleton, while Muhammad and Mohamed still agree ("mahamad").
 */
export function soundKey(token: string): string {
  let t = token;
  for (const [re, to] of FOLDS) {
    t = t.replace(re, to);
  }
  const head = /^[yw]/.test(t) ? t[0] : '';
  const body = (head ? t.slice(1) : t).replace(/[aeou]/g, 'a').replace(/[iy]/g, 'i');
  return (head + body).replace(/(.)\1+/g, '$1');
}

/** Particles that carry no identity on their own (al-, el-, ben, de…) are joined to the next token. */
const PARTICLES = new Set([
  'al',
  'bd',
  'el',
  'ul',
  'ad',
  'ar',
  'as',
  'an',
  'abd',
  'abdel',
  'abdul',
]);

/** One searchable token of a name. */
export interface NameToken {
  norm: string;
  skeleton: string;
  sound: string;
}

/** Tokens of a name, each with its normal form and skeleton. */
export function nameTokens(name: string): NameToken[] {
  const parts = normaliseName(name).split(' ').filter(Boolean);
  const joined: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (PARTICLES.has(p) && i + 1 < parts.length) {
      joined.push(p + parts[++i]!);
    } else {
      joined.push(p);
    }
  }
  return joined.map((norm) => ({ norm, skeleton: skeleton(norm), sound: soundKey(norm) }));
}
