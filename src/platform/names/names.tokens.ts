// A name as comparable tokens (canonical word, sound key, consonant skeleton), and the forms
// other features encode or index. No business rules.
import { consonantSkeleton, markedKey, soundKey } from './names.keys.js';
import { canonicalWords } from './names.particles.js';
import { hasArabicScript } from './names.script.js';
import { spellingSimilarity } from './names.similarity.js';

/** One comparable word of a name. */
export interface NameToken {
  /** Canonical Latin form (particles in one spelling, article stripped). */
  norm: string;
  /** The word as written, in Latin letters (differs from norm when an article was stripped). */
  raw: string;
  /** Sound key: spelling conventions folded, three vowel classes. */
  key: string;
  /** Sound key with written long vowels in upper case (ou, ee, aa; every Arabic vowel letter). */
  mkey: string;
  /** Consonant skeleton: the sound key without its vowels after the first letter. */
  skel: string;
  /** Written in an abjad (Arabic script): short vowels are missing, not different. */
  abjad: boolean;
  /** Ends in -i after a consonant, as written (Hosseini, Rahimi: the -i of descent). */
  nisba: boolean;
}

/**
 * Version of the normaliser's output: stored keys made by another version are rebuilt at
 * start-up. Bump it with any change to transliteration, particles or keys.
 */
export const NAME_INDEX_VERSION = 6;

/** A token rebuilt from its stored canonical form (keys are derived again, never trusted). */
export function storedToken(norm: string, raw: string, abjad: boolean): NameToken {
  return token(norm, raw, abjad);
}

/**
 * Each derived word's number, under a symbol: copies of a token (`{ ...token, weight }`) keep it
 * and JSON leaves it out. Numbers are never reused, so a number always means one word.
 */
const WORD_NUMBER = Symbol('word number');
type Numbered = NameToken & { [WORD_NUMBER]?: number };
let words = 0;

/**
 * A copy of a token with more fields (its place in a record, its weight in a query), built as
 * one literal: spreading a token (`{ ...token, line }`) is far slower, and storedWords makes
 * thousands per search.
 */
export function tokenWith<T extends object>(t: NameToken, more: T): NameToken & T {
  const copy: Numbered = {
    norm: t.norm,
    raw: t.raw,
    key: t.key,
    mkey: t.mkey,
    skel: t.skel,
    abjad: t.abjad,
    nisba: t.nisba,
    [WORD_NUMBER]: (t as Numbered)[WORD_NUMBER],
  };
  return Object.assign(copy, more);
}

/** Tokens already derived (keys are pure functions of the word): a small bounded memo. */
const memo = new Map<string, NameToken>();
const MEMO_SIZE = 100_000;

function token(norm: string, raw: string, abjad: boolean): NameToken {
  const id = `${abjad ? 1 : 0}${norm}\u0000${raw}`;
  const known = memo.get(id);
  if (known) {
    return known;
  }
  if (memo.size >= MEMO_SIZE) {
    memo.clear();
  }
  const made = derive(norm, raw, abjad);
  memo.set(id, made);
  return made;
}

function derive(norm: string, raw: string, abjad: boolean): NameToken {
  const marked = markedKey(norm, abjad);
  const mkey = abjad ? marked.replace(/[aiou]/g, (v) => v.toUpperCase()) : marked;
  const nisba = /[^aeiouy]i$/.test(norm) && /[^aeiouy]i$/.test(raw);
  const made: Numbered = {
    norm,
    raw,
    key: soundKey(norm, abjad),
    mkey,
    skel: consonantSkeleton(norm),
    abjad,
    nisba,
    [WORD_NUMBER]: ++words,
  };
  return made;
}

/** The comparable tokens of one name in any script. */
export function nameTokens(name: string): NameToken[] {
  const abjad = hasArabicScript(name);
  return canonicalWords(name).map((w) => token(w.norm, w.raw, abjad));
}

/** Two adjacent tokens written as one word (Gebre Medhin → gebremedhin, Ben Aly → benaly). */
export function joinTokens(a: NameToken, b: NameToken): NameToken {
  return token(a.raw + b.raw, a.raw + b.raw, a.abjad || b.abjad);
}

/** The canonical Latin form of a name: its tokens joined by spaces ("abd rahman"). */
export function normaliseName(name: string): string {
  return nameTokens(name)
    .map((t) => t.norm)
    .join(' ');
}

/**
 * Normalised forms of every spelling and script of a person's names, for indexes and
 * encoders: each name's canonical Latin form and its consonant-skeleton form, so that
 * محمد and Mohamed share "mhmd". Sorted, without duplicates or empty forms.
 */
export function nameForms(names: string[]): string[] {
  const out = new Set<string>();
  for (const n of names) {
    const tokens = nameTokens(n);
    if (tokens.length === 0) {
      continue;
    }
    out.add(tokens.map((t) => t.norm).join(' '));
    out.add(tokens.map((t) => t.skel).join(' '));
  }
  return [...out].sort();
}

/** Sound keys of a name's tokens (blocking keys: equal for common spelling variants). */
export function nameKeys(name: string): string[] {
  return nameTokens(name).map((t) => t.skel);
}

/**
 * Similarity of two tokens, 0–1: 1 for the same canonical word, 0.97 for the same sound key,
 * else the weighted edit similarity of the keys (best of canonical and as-written forms).
 */
export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.norm === b.norm) {
    return 1;
  }
  if (a.key === b.key) {
    return 0.97;
  }
  const ia = (a as Numbered)[WORD_NUMBER];
  const ib = (b as Numbered)[WORD_NUMBER];
  if (ia === undefined || ib === undefined) {
    // A token built by hand, not by this module: its words are not numbered.
    return compare(a, b);
  }
  let row = similarities.get(ia);
  const known = row?.get(ib);
  if (known !== undefined) {
    return known;
  }
  if (++remembered > MEMO_SIZE * 3) {
    similarities.clear();
    remembered = 1;
    row = undefined;
  }
  if (!row) {
    row = new Map();
    similarities.set(ia, row);
  }
  const sim = compare(a, b);
  row.set(ib, sim);
  return sim;
}

/** Similarity factor of a word read by another convention, and of the words as written. */
const READING_DISCOUNT = 0.93;
const RAW_DISCOUNT = 0.95;

/**
 * Similarities already computed (a pure function of the two words), by word number: a bounded
 * memo looked up by numbers, not by strings built for each comparison.
 */
const similarities = new Map<number, Map<number, number>>();
let remembered = 0;

/**
 * Other readings of a Latin spelling, by the convention it may follow: Italian (ch and gh are
 * hard: Chaled, Cheita, Ghirmay; g before e or i is soft: Deregie, Giorgis), Kurmanji/Slavic
 * (c is j, j is y: Ciwan, Kejta), German (ch is kh: Achtar). The default keys read
 * French/English; a word may be compared under each reading.
 */
const READINGS: [RegExp, string][][] = [
  [
    [/ch/g, 'k'],
    [/gi(?=[aeou])/g, 'j'],
    [/g(?=[ei])/g, 'j'],
    [/gh/g, 'g'],
  ],
  [
    [/j/g, 'y'],
    [/c/g, 'j'],
  ],
  // German and Dutch: ch is kh (Achtar, Achmed, Chalid), sch and tsch aside.
  [[/(?<![st])ch/g, 'kh']],
];

/** Readings already made, by canonical word (a pure function of it): a bounded memo. */
const readingsOf = new Map<string, NameToken[]>();

/** The word under each other reading that changes it (none for an abjad spelling). */
export function otherReadings(t: NameToken): NameToken[] {
  if (t.abjad) {
    return [];
  }
  const known = readingsOf.get(t.norm);
  if (known) {
    return known;
  }
  if (readingsOf.size >= MEMO_SIZE) {
    readingsOf.clear();
  }
  const out: NameToken[] = [];
  readingsOf.set(t.norm, out);
  for (const rules of READINGS) {
    const alt = rules.reduce((w, [re, to]) => w.replace(re, to), t.norm);
    if (alt !== t.norm && !out.some((o) => o.norm === alt)) {
      out.push(token(alt, alt, false));
    }
  }
  return out;
}

function compare(a: NameToken, b: NameToken): number {
  let best = 0.97 * spellingSimilarity(a, b);
  // Either word read by another convention, at a small discount (never above 0.93: skipped
  // when the word as read by default is already that close).
  for (const ra of best < READING_DISCOUNT ? [a, ...otherReadings(a)] : []) {
    for (const rb of [b, ...otherReadings(b)]) {
      if (ra !== a || rb !== b) {
        best = Math.max(best, READING_DISCOUNT * spellingSimilarity(ra, rb));
      }
    }
  }
  if (best < RAW_DISCOUNT && (a.raw !== a.norm || b.raw !== b.norm)) {
    const ra = a.raw === a.norm ? a : token(a.raw, a.raw, a.abjad);
    const rb = b.raw === b.norm ? b : token(b.raw, b.raw, b.abjad);
    best = Math.max(best, RAW_DISCOUNT * (ra.key === rb.key ? 1 : spellingSimilarity(ra, rb)));
  }
  return best;
}
