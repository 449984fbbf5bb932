// How close two spellings of one word are: a weighted edit distance on sound keys. Vowels are
// cheap, more so against an Arabic-script spelling (short vowels are not written there);
// consonants that spellings confuse (s/z/sh, d/z, k/q/g, h/kh, j/y, b/p, t/d) cost less than
// others; a final r or h may go (Okafo/Okafor). No business rules.

const VOWELS = new Set(['a', 'i', 'u', 'o', 'A', 'I', 'U', 'O']);
const isLong = (ch: string) => ch === 'A' || ch === 'I' || ch === 'U' || ch === 'O';
/** Consonants that transliterations swap for each other, by group. */
const GROUPS = ['szS', 'zd', 'td', 'tz', 'kgx', 'xh', 'jyg', 'bp', 'fp', 'wuUoO', 'yiI'];

/** For each letter, a bit per group it belongs to. */
const GROUP_BITS = new Map<string, number>();
GROUPS.forEach((g, i) => {
  for (const ch of g) {
    GROUP_BITS.set(ch, (GROUP_BITS.get(ch) ?? 0) | (1 << i));
  }
});

function substitution(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  const va = VOWELS.has(a);
  const vb = VOWELS.has(b);
  if (va && vb) {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    // o sits between a and u (Hossein / Husain / Hassan): cheap against either.
    if (x === y) {
      return 0;
    }
    if ((x === 'o' || y === 'o') && x !== 'i' && y !== 'i') {
      return 0.15;
    }
    // A written long vowel (every vowel letter of an abjad) against another vowel: a letter
    // of the name differs (سارا Sara is not ثریا Soraya), not a short vowel's colour.
    return isLong(a) || isLong(b) ? 0.5 : 0.35;
  }
  // One letter in Arabic script (ی), a consonant or a long vowel by its place.
  if ((a === 'y' && b === 'I') || (a === 'I' && b === 'y')) {
    return 0.2;
  }
  if (((GROUP_BITS.get(a) ?? 0) & (GROUP_BITS.get(b) ?? 0)) !== 0) {
    return 0.45;
  }
  return va || vb ? 0.9 : 1;
}

/** Substitution costs between ASCII letters, filled as met (NaN: not yet computed). */
const SUBSTITUTIONS = new Float64Array(128 * 128).fill(NaN);

/** `substitution`, looked up in the table for ASCII letters (keys are ASCII). */
function substitutionCost(a: string, b: string): number {
  const ca = a.charCodeAt(0);
  const cb = b.charCodeAt(0);
  if (ca >= 128 || cb >= 128) {
    return substitution(a, b);
  }
  const at = ca * 128 + cb;
  const known = SUBSTITUTIONS[at]!;
  if (known === known) {
    return known;
  }
  return (SUBSTITUTIONS[at] = substitution(a, b));
}

/** Cost of a word-final -i added after a consonant (about a consonant's). */
const NISBA_COST = 0.8;

/** One side of a comparison: its marked sound key and whether short vowels go unwritten. */
export interface Spelling {
  mkey: string;
  abjad: boolean;
  /** The word as written ends in -i after a consonant (Hosseini, حسینی), not Salih or سمیع. */
  nisba?: boolean;
}

function indelCost(
  ch: string,
  at: number,
  key: string,
  abjadOther: boolean,
  abjadSelf: boolean,
  nisbaSelf: boolean | undefined,
) {
  const len = key.length;
  if (VOWELS.has(ch)) {
    // A written final i after a consonant is a suffix, the Persian and Arabic -i of descent
    // (Hosseini of Hossein, Rahimi of Rahim): another name, not a short vowel left unwritten.
    if (nisbaSelf && at === len - 1 && at > 1 && !VOWELS.has(key[at - 1]!)) {
      return NISBA_COST;
    }
    if (abjadOther && !abjadSelf) {
      // A Latin vowel the Arabic spelling lacks: free if short, not if written long.
      return isLong(ch) ? 0.3 : 0.06;
    }
    return abjadSelf && !abjadOther ? 0.45 : 0.35;
  }
  if (at === len - 1 && (ch === 'r' || ch === 'h' || ch === 'n')) {
    return 0.5;
  }
  return ch === 'h' || ch === 'y' || ch === 'w' ? 0.6 : 1;
}

/** The length a key counts for: consonants, plus half of each vowel unless either side is an abjad. */
function weightOf(key: string, vowels: boolean): number {
  let w = 0;
  for (const ch of key) {
    w += VOWELS.has(ch) ? (vowels ? 0.5 : 0) : 1;
  }
  return Math.max(w, 2);
}

/** Rows of the edit-distance table, reused across calls (keys are short; grown when not). */
let prevRow = new Float64Array(32);
let curRow = new Float64Array(32);
let insertCosts = new Float64Array(32);

/**
 * The weighted edit distance between two sound keys. Each letter's insertion cost is computed
 * once per comparison, not once per cell, and the rows are reused: the same sums in the same
 * order as the plain table, so the same distance.
 */
export function keyDistance(a: Spelling, b: Spelling): number {
  const x = a.mkey;
  const y = b.mkey;
  const m = y.length;
  if (prevRow.length <= m) {
    prevRow = new Float64Array(2 * (m + 1));
    curRow = new Float64Array(2 * (m + 1));
    insertCosts = new Float64Array(2 * (m + 1));
  }
  let prev = prevRow;
  let cur = curRow;
  prev[0] = 0;
  for (let j = 1; j <= m; j++) {
    insertCosts[j] = indelCost(y[j - 1]!, j - 1, y, a.abjad, b.abjad, b.nisba);
    prev[j] = prev[j - 1]! + insertCosts[j]!;
  }
  for (let i = 1; i <= x.length; i++) {
    const xi = x[i - 1]!;
    const del = indelCost(xi, i - 1, x, b.abjad, a.abjad, a.nisba);
    cur[0] = prev[0]! + del;
    for (let j = 1; j <= m; j++) {
      cur[j] = Math.min(
        prev[j]! + del,
        cur[j - 1]! + insertCosts[j]!,
        prev[j - 1]! + substitutionCost(xi, y[j - 1]!),
      );
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m]!;
}

/** Similarity of two spellings, 0–1: 1 − distance ÷ the longer key's weight. */
export function spellingSimilarity(a: Spelling, b: Spelling): number {
  if (a.mkey === b.mkey) {
    return 1;
  }
  const vowels = !a.abjad && !b.abjad;
  const d = keyDistance(a, b);
  return Math.max(0, 1 - d / Math.max(weightOf(a.mkey, vowels), weightOf(b.mkey, vowels)));
}

/** Consonants a skeleton may hold in place of each other (the groups above, vowels aside). */
const SKELETON_SWAPS = new Map<string, string[]>();
for (const g of GROUPS) {
  // A skeleton reads kh (x) as h: k/kh spellings differ there by k and h (Achtar / Akhter).
  const consonants = [
    ...new Set([...g].filter((ch) => !VOWELS.has(ch)).map((ch) => (ch === 'x' ? 'h' : ch))),
  ];
  for (const ch of consonants) {
    const others = consonants.filter((o) => o !== ch);
    SKELETON_SWAPS.set(ch, [...new Set([...(SKELETON_SWAPS.get(ch) ?? []), ...others])]);
  }
}

/**
 * Skeletons one confusable consonant away (s/z, d/z/t, k/g, j/y, b/p…), and without or with
 * a final r, h or n: the vocabulary lookup finds a word whose skeleton differs by one such
 * letter (Persian ثریا is srya, the Arabic-style Thuraya zuraya; Okafor / Okafo either way),
 * which the similarity above would score close but an exact-key lookup would never propose.
 */
export function skeletonVariants(skel: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < skel.length; i++) {
    for (const alt of SKELETON_SWAPS.get(skel[i]!) ?? []) {
      out.add(skel.slice(0, i) + alt + skel.slice(i + 1));
    }
  }
  if (skel.length > 2 && /[rhn]$/.test(skel)) {
    out.add(skel.slice(0, -1));
  }
  if (skel.length >= 2 && !/[rhn]$/.test(skel)) {
    for (const end of 'rhn') {
      out.add(skel + end);
    }
  }
  out.delete(skel);
  return [...out];
}
