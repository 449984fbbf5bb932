// Script to Latin: a hand table for the Arabic script (Arabic, Persian, Dari, Pashto, Urdu,
// Sorani Kurdish), where positional rules matter, and any-ascii for every other script
// (Ge'ez, Cyrillic, Latin with accents, Devanagari…). No business rules.
import anyAscii from 'any-ascii';

/** Arabic-script consonants and long vowels → Latin (short vowels are not written). */
const ARABIC: Record<string, string> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ٱ: 'a',
  ء: '',
  ؤ: 'u',
  ئ: 'i',
  ى: 'a',
  ة: 'a',
  ۃ: 'a',
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
  ع: 'a',
  غ: 'gh',
  ف: 'f',
  ڤ: 'v',
  ق: 'q',
  ك: 'k',
  ک: 'k',
  ڪ: 'k',
  گ: 'g',
  ل: 'l',
  ڵ: 'l',
  م: 'm',
  ن: 'n',
  ں: 'n',
  ڼ: 'n',
  ه: 'h',
  ہ: 'h',
  ھ: 'h',
  ۀ: 'e',
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  // Urdu retroflex letters.
  ٹ: 't',
  ڈ: 'd',
  ڑ: 'r',
  ے: 'e',
  ۓ: 'e',
  // Pashto.
  ټ: 't',
  ډ: 'd',
  ړ: 'r',
  ږ: 'zh',
  ګ: 'g',
  ښ: 'sh',
  ځ: 'z',
  څ: 's',
  ې: 'e',
  ۍ: 'ai',
  // Sorani Kurdish writes its vowels.
  ە: 'e',
  ۆ: 'o',
  ێ: 'e',
  ڕ: 'r',
};

/** Letters only Persian, Dari, Urdu or Pashto writers use: their ض ذ ظ ث sound as z, z, z, s. */
const NON_ARABIC_LETTERS = /[پچژگکیٹڈڑںےټډړږښځڅېۍەۆێڕڵ]/;
const PERSIAN_SOUNDS: Record<string, string> = { ض: 'z', ذ: 'z', ظ: 'z', ث: 's' };

const isArabicLetter = (ch: string | undefined) => !!ch && /[\u0620-\u064A\u0671-\u06D3]/.test(ch);
const YEH = /[يیىېۍے]/;

/** One Arabic-script word to Latin: و and ي are consonants at the start or before ا, else vowels. */
function arabicWord(word: string, persian: boolean): string {
  // The article ال is always written; Latin spellings drop, keep or assimilate it.
  let w = word.replace(/[\u064B-\u065F\u0670\u0640]/g, '');
  // Allah, written apart in a compound (حکمت‌الله, عبد الله): its ال is not the article.
  if (/^[اٱ]?لل[ه]$/.test(w)) {
    return 'allah';
  }
  if (w.length > 3 && w.startsWith('ال')) {
    w = w.slice(2);
  }
  const chars = Array.from(w);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    const semivowelAsConsonant = i === 0 || next === 'ا' || next === 'آ';
    if (ch === 'و') {
      out += semivowelAsConsonant ? (persian ? 'v' : 'w') : 'u';
    } else if (YEH.test(ch) && ch !== 'ى' && ch !== 'ے' && ch !== 'ې' && ch !== 'ۍ') {
      out += semivowelAsConsonant && i < chars.length - 1 ? 'y' : 'i';
    } else if (persian && PERSIAN_SOUNDS[ch] !== undefined) {
      out += PERSIAN_SOUNDS[ch];
    } else if (ARABIC[ch] !== undefined) {
      // ه or ح after s, z, k, g, t, d would read as a digraph (sh, zh…): a short vowel between.
      out += (ch === 'ه' || ch === 'ح') && /[szkgtdcp]$/.test(out) ? 'a' : '';
      out += ARABIC[ch];
    } else {
      out += anyAscii(ch);
    }
  }
  return out;
}

/** True when a string holds Arabic-script letters (an abjad: short vowels are not written). */
export function hasArabicScript(s: string): boolean {
  return /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/.test(s);
}

/**
 * True when a name is written with Persian, Dari, Urdu or Pashto letters and holds a letter
 * those languages sound otherwise than Arabic (ث is s there, th in Arabic-style spellings).
 */
export function hasPersianSounds(name: string): boolean {
  return NON_ARABIC_LETTERS.test(name) && /[ضذظث]/.test(name);
}

/**
 * Any name to plain ASCII: Arabic-script words through the table above, everything else
 * through any-ascii. Word separators (space, ZWNJ, hyphen) are kept as spaces. `arabic`:
 * letters read as in Arabic even in a Persian-script name (the reading Latin spellings
 * modelled on Arabic use: ثریا Thuraya).
 */
export function toLatin(name: string, arabic = false): string {
  const s = name.normalize('NFKC').replace(/[\u200C\u200D]/g, ' ');
  if (!hasArabicScript(s)) {
    return anyAscii(s);
  }
  const persian = !arabic && NON_ARABIC_LETTERS.test(s);
  let out = '';
  let word = '';
  for (const ch of s) {
    if (isArabicLetter(ch) || /[\u064B-\u065F\u0670\u0640\u06C0-\u06D3]/.test(ch)) {
      word += ch;
      continue;
    }
    if (word) {
      out += arabicWord(word, persian);
      word = '';
    }
    out += anyAscii(ch);
  }
  if (word) {
    out += arabicWord(word, persian);
  }
  return out;
}
