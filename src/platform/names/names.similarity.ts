// How close two spellings of one word are: a weighted edit distance on sound keys. Vowels are
// cheap, more so against an Arabic-script spelling (short vowels are not written there);
// consonants that spellings confuse (s/z/sh, d/z, k/q/g, h/kh, j/y, b/p, t/d) cost less than
// others; a final r or h may go (Okafo/Okafor). No business rules.

const VOWELS = new Set(['a', 'i', 'u', 'A', 'I', 'U']);
const isLong = (ch: string) => ch === 'A' || ch === 'I' || ch === 'U';
/** Consonants that transliterations swap for each other, by group. */
const GROUPS = ['szS', 'zd', 'td', 'kgx', 'xh', 'jyg', 'bp', 'fp', 'wuU', 'yiI'];

function substitution(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  const va = VOWELS.has(a);
  const vb = VOWELS.has(b);
  if (va && vb) {
    return a.toLowerCase() === b.toLowerCase() ? 0 : 0.35;
  }
  if (GROUPS.some((g) => g.includes(a) && g.includes(b))) {
    return 0.45;
  }
  return va || vb ? 0.9 : 1;
}

/** One side of a comparison: its marked sound key and whether short vowels go unwritten. */
export interface Spelling {
  mkey: string;
  abjad: boolean;
}

function indelCost(ch: string, at: number, len: number, abjadOther: boolean, abjadSelf: boolean) {
  if (VOWELS.has(ch)) {
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

/** The weighted edit distance between two sound keys. */
export function keyDistance(a: Spelling, b: Spelling): number {
  const x = a.mkey;
  const y = b.mkey;
  let prev = new Array<number>(y.length + 1);
  prev[0] = 0;
  for (let j = 1; j <= y.length; j++) {
    prev[j] = prev[j - 1]! + indelCost(y[j - 1]!, j - 1, y.length, a.abjad, b.abjad);
  }
  for (let i = 1; i <= x.length; i++) {
    const cur = new Array<number>(y.length + 1);
    const del = indelCost(x[i - 1]!, i - 1, x.length, b.abjad, a.abjad);
    cur[0] = prev[0]! + del;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(
        prev[j]! + del,
        cur[j - 1]! + indelCost(y[j - 1]!, j - 1, y.length, a.abjad, b.abjad),
        prev[j - 1]! + substitution(x[i - 1]!, y[j - 1]!),
      );
    }
    prev = cur;
  }
  return prev[y.length]!;
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
