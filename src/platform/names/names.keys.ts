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
  // Italian: sci/sce is sh (Aiscia, Scerif), an initial uo is wo (Uoldu).
  [/sci(?=[aou])|sc(?=[ei])/g, 'S'],
  [/^uo/, 'wo'],
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

/** Three vowel classes: a run holding i or y is "i", else one holding u is "u", else "a". */
function vowelClass(run: string): string {
  const r = run.toLowerCase();
  const cls = /[iy]/.test(r) ? 'i' : r.includes('u') ? 'u' : 'a';
  // A written long vowel (ou, ee, aa, ei, ai…) is kept apart from a short one.
  return run.length > 1 || run !== r ? cls.toUpperCase() : cls;
}

/**
 * The sound key of a word with long vowels marked (upper case): folded spelling, every vowel
 * run one of three classes (i, u, a), an initial vowel written "a" (Omar, Umar, عمر → amar).
 */
export function markedKey(word: string): string {
  const t = folded(word);
  const y = /^y(?=[aeiouAIU])/.test(t);
  const rest = y ? t.slice(1) : t;
  const head = /^[aeiouyAIU]+/.exec(rest);
  const body = (head ? rest.slice(head[0].length) : rest).replace(/[aeiouyAIU]+/g, vowelClass);
  const key = (y ? 'y' : '') + (head ? (y ? vowelClass(head[0]) : 'a') : '') + body;
  return key.replace(/(.)\1+/g, '$1') || word;
}

/** The sound key of a word: the marked key without long-vowel marks (Yusuf = Youssouf). */
export function soundKey(word: string): string {
  return markedKey(word)
    .replace(/[AIU]/g, (v) => v.toLowerCase())
    .replace(/(.)\1+/g, '$1');
}

/** The consonant skeleton of a word: its sound key without non-initial vowels, kh read as h. */
export function consonantSkeleton(word: string): string {
  const key = soundKey(word);
  const skel =
    key[0]! +
    key
      .slice(1)
      .replace(/[aiuy]/g, '')
      .replace(/x/g, 'h');
  return skel.replace(/^x/, 'h').replace(/(.)\1+/g, '$1');
}
