// Phonetic keys of one canonical word. The sound key folds spelling conventions (French,
// English, Italian, Somali, Kurdish) and keeps two vowel classes; the consonant skeleton
// drops vowels, which is what an Arabic-script spelling (no short vowels) can be compared on.
// No business rules.

/** Spelling conventions folded to one form, in order (x before kh, dj before j…). */
const FOLDS: [RegExp, string][] = [
  [/x/g, 'h'],
  [/ow$/, 'o'],
  [/^ndi(?=[aeiou])/, 'nj'],
  [/^di(?=[aeiou])/, 'j'],
  // Italian: sci/sce and a final sc are sh (Aiscia, Scerif, Negasc), ci before a/o/u is ch (Ciaudri), u before a vowel
  // is w (Uoldu, Haua, Ualid); French: ou before a vowel is w (Oualid, Djouan), rh is gh (Rhada).
  [/sci(?=[aou])|sc(?=[ei])|sc$/g, 'S'],
  [/ci(?=[aou])/g, 'S'],
  [/^uo/, 'wo'],
  [/ou(?=[aei])/g, 'w'],
  [/(?<=^|[aei])u(?=[aeio])/g, 'w'],
  [/^rh(?=[aeiou])/, 'g'],
  [/sch|tch|tsh|ch|sh/g, 'S'],
  [/kh/g, 'x'],
  [/gh/g, 'g'],
  [/ph/g, 'f'],
  [/dzh|dj|zh/g, 'j'],
  [/dh|th/g, 'z'],
  [/ck|q/g, 'k'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/v/g, 'w'],
  [/ou|oo|uu/g, 'U'],
  [/ee|ea|ii/g, 'I'],
  [/aa/g, 'A'],
];

/** Spelling folded, doubled letters collapsed, French mute final e and final h dropped. */
function folded(word: string): string {
  let t = word;
  for (const [re, to] of FOLDS) {
    t = t.replace(re, to);
  }
  t = t.replace(/^gi(?=[aou])/, 'j');
  // Italian writes an initial y as i before a vowel (Iusuf, Iahia, Iacub).
  t = t.replace(/^i(?=[aeou])/, 'y');
  t = t.replace(/^j/, 'y');
  t = t.replace(/(.)\1+/g, '$1');
  if (t.length > 3) {
    t = t.replace(/(?<=[^aeiouy])e$/, '');
  }
  if (t.length >= 2) {
    t = t.replace(/h$/, '');
  }
  return t;
}

/**
 * Four vowel classes: a run holding i or y is "i", else one holding u is "u", else one holding
 * o is "o" (near both a and u: Persian Hossein is Husain, Tigrinya Woldu is Weldu), else "a".
 */
function vowelClass(run: string): string {
  const r = run.toLowerCase();
  const cls = /[iy]/.test(r) ? 'i' : r.includes('u') ? 'u' : r.includes('o') ? 'o' : 'a';
  // A written long vowel (ou, ee, aa, ei, ai…) is kept apart from a short one.
  return run.length > 1 || run !== r ? cls.toUpperCase() : cls;
}

/**
 * The sound key of a word with long vowels marked (upper case): folded spelling, every vowel
 * run one of four classes (i, u, o, a), an initial vowel written "a" (Omar, Umar, عمر → amar).
 */
export function markedKey(word: string, abjad = false): string {
  const t = folded(word);
  // An initial y is the consonant (يحيى yhya; Jwan, Ciwan read yiwan).
  const y = t.startsWith('y');
  const rest = y ? t.slice(1) : t;
  const head = /^[aeiouyAIOU]+/.exec(rest);
  // In a Latin spelling a y between back vowels is a consonant (Kuyateh is not Keita); next
  // to i or e it joins them (Hoseyni / Hosseini, Rezayi / Rezaei, Zakariya / Zakaria).
  const body = (head ? rest.slice(head[0].length) : rest)
    .replace(abjad ? /(?!)/g : /(?<=[aouAOU])y(?=[aouAOU])/g, 'Y')
    .replace(/[aeiouyAIOU]+/g, vowelClass)
    .replace(/Y/g, 'y');
  const key = (y ? 'y' : '') + (head ? (y ? vowelClass(head[0]) : 'a') : '') + body;
  return key.replace(/(.)\1+/g, '$1') || word;
}

/** The sound key of a word: the marked key without long-vowel marks (Yusuf = Youssouf). */
export function soundKey(word: string, abjad = false): string {
  return markedKey(word, abjad)
    .replace(/[AIOU]/g, (v) => v.toLowerCase())
    .replace(/(.)\1+/g, '$1');
}

/** The consonant skeleton of a word: its sound key without non-initial vowels, kh read as h. */
export function consonantSkeleton(word: string): string {
  const key = soundKey(word);
  const skel =
    key[0]! +
    key
      .slice(1)
      .replace(/[aiouy]/g, '')
      .replace(/x/g, 'h');
  return skel.replace(/^x/, 'h').replace(/(.)\1+/g, '$1');
}
