// Synthetic FEBRL-like data at any size for the 100k × 100k run: originals drawn from the FEBRL 4
// vocabularies (names, streets, suburbs, postcodes) with random dates of birth and ids, and one
// corrupted duplicate each with FEBRL 4's corruption profile (1–4 edits per record, at most 2 per
// field: substitution, insertion, deletion, transposition or a missing value). Seeded.
import type { FebrlRecord } from './febrl.js';

/** A seeded xorshift32 generator returning [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

const FIELDS = [
  'given_name',
  'surname',
  'street_number',
  'address_1',
  'address_2',
  'suburb',
  'postcode',
  'state',
  'date_of_birth',
  'soc_sec_id',
] as const;

function edit(value: string, r: () => number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const op = r();
  if (op < 0.1 || value.length < 2) {
    return '';
  }
  const i = Math.floor(r() * value.length);
  const c =
    letters[Math.floor(r() * (/\d/.test(value[i]!) ? 10 : 26)) + (/\d/.test(value[i]!) ? 26 : 0)]!;
  if (op < 0.4) {
    return value.slice(0, i) + c + value.slice(i + 1);
  }
  if (op < 0.6) {
    return value.slice(0, i) + c + value.slice(i);
  }
  if (op < 0.8) {
    return value.slice(0, i) + value.slice(i + 1);
  }
  const j = Math.min(value.length - 1, i + 1);
  return value.slice(0, i) + value[j]! + value[i]! + value.slice(j + 1);
}

/** n originals and their n duplicates (entity ids "s<i>"), from the vocabularies of `source`. */
export function synthesise(
  source: readonly FebrlRecord[],
  n: number,
  seed: number,
): { a: FebrlRecord[]; b: FebrlRecord[] } {
  const r = rng(seed);
  const vocab = new Map<string, string[]>();
  for (const f of FIELDS) {
    vocab.set(f, [...new Set(source.map((x) => x.values[f]?.[0] ?? '').filter(Boolean))]);
  }
  const pick = (f: string): string => {
    const v = vocab.get(f)!;
    return v[Math.floor(r() * v.length)]!;
  };
  const a: FebrlRecord[] = [];
  const b: FebrlRecord[] = [];
  for (let i = 0; i < n; i++) {
    const y = 1920 + Math.floor(r() * 90);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    const rec: Record<string, string> = {
      given_name: pick('given_name'),
      surname: pick('surname'),
      street_number: String(1 + Math.floor(r() * 200)),
      address_1: pick('address_1'),
      address_2: r() < 0.5 ? pick('address_2') : '',
      suburb: pick('suburb'),
      postcode: pick('postcode'),
      state: pick('state'),
      date_of_birth: `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`,
      soc_sec_id: String(1_000_000 + Math.floor(r() * 8_999_999)),
    };
    const dup = { ...rec };
    const perField = new Map<string, number>();
    const edits = 1 + Math.floor(r() * 4);
    for (let e = 0; e < edits; e++) {
      const f = FIELDS[Math.floor(r() * FIELDS.length)]!;
      if ((perField.get(f) ?? 0) >= 2) {
        continue;
      }
      perField.set(f, (perField.get(f) ?? 0) + 1);
      dup[f] = edit(dup[f]!, r);
    }
    const values = (x: Record<string, string>) =>
      Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v ? [v] : []]));
    a.push({ entity: `s${i}`, values: values(rec) });
    b.push({ entity: `s${i}`, values: values(dup) });
  }
  // Shuffle B so that index order tells nothing.
  for (let i = b.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [b[i], b[j]] = [b[j]!, b[i]!];
  }
  return { a, b };
}
