// Free-text comparison for marks and effects: normalised tokens, a small synonym table, and
// Jaccard similarity on hashed token sets (sorted Uint32Arrays, so a comparison allocates nothing).

/** Words that carry no identifying meaning in descriptions. */
const STOPWORDS = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'on',
  'in',
  'with',
  'at',
  'to',
  'his',
  'her',
  'small',
  'large',
  'big',
  'old',
  'some',
  'de',
  'la',
  'el',
  'le',
]);

/** Words families and examiners use differently for the same thing; mapped to one form. */
const SYNONYMS: Record<string, string> = {
  tee: 'tshirt',
  't-shirt': 'tshirt',
  shirt: 'tshirt',
  sneaker: 'trainer',
  sneakers: 'trainer',
  trainers: 'trainer',
  denim: 'jeans',
  jean: 'jeans',
  trousers: 'trousers',
  pants: 'trousers',
  jumper: 'sweater',
  pullover: 'sweater',
  hoodie: 'sweater',
  sweatshirt: 'sweater',
  navy: 'blue',
  gray: 'grey',
  crimson: 'red',
  maroon: 'red',
  beige: 'brown',
  tan: 'brown',
  khaki: 'green',
  olive: 'green',
  necklace: 'chain',
  pendant: 'chain',
  cross: 'crucifix',
  rosary: 'crucifix',
  mobile: 'phone',
  cellphone: 'phone',
  smartphone: 'phone',
  rucksack: 'backpack',
  knapsack: 'backpack',
  sandals: 'sandal',
  flipflops: 'sandal',
  jacket: 'coat',
  anorak: 'coat',
  parka: 'coat',
  lifejacket: 'lifevest',
  rose: 'flower',
  blossom: 'flower',
  snake: 'serpent',
  initials: 'letters',
  letter: 'letters',
  writing: 'letters',
  script: 'letters',
  arabic: 'letters',
  incision: 'cut',
  laceration: 'cut',
  surgical: 'surgery',
  operation: 'surgery',
};

/** Lower-case, strip diacritics, split on non-letters, drop stopwords, fold plurals and synonyms. */
export function tokenize(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/t-shirt/g, 'tshirt')
    .replace(/flip[- ]flops?/g, 'flipflops')
    .replace(/life[- ]?jacket/g, 'lifejacket');
  const out: string[] = [];
  for (const raw of plain.split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || STOPWORDS.has(raw)) {
      continue;
    }
    let word = SYNONYMS[raw] ?? raw;
    if (word.length > 4 && word.endsWith('s') && !word.endsWith('ss')) {
      word = word.slice(0, -1);
    }
    out.push(SYNONYMS[word] ?? word);
  }
  return out;
}

/** FNV-1a 32-bit hash of a token (collisions are negligible for a handful of words). */
function hash(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The token set of some texts, as sorted unique hashes. */
export function tokenSet(...texts: (string | undefined)[]): Uint32Array {
  const hashes = new Set<number>();
  for (const text of texts) {
    if (text) {
      for (const token of tokenize(text)) {
        hashes.add(hash(token));
      }
    }
  }
  return Uint32Array.from(hashes).sort();
}

/** Jaccard similarity of two sorted token sets (0 when either is empty). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) {
    return 0;
  }
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) {
      i++;
    } else {
      j++;
    }
  }
  return common / (a.length + b.length - common);
}

/** Normalises a serial number for comparison: upper case letters and digits only. */
export function normaliseSerial(serial: string | undefined): string {
  return (serial ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
}
