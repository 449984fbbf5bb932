// The benchmark's records and queries: each person filed once per round with one of their
// spellings (other spellings are the queries), and decoys drawn from the same name pools
// with a seeded generator, never carrying every name of a person.
import { PEOPLE, REGIONS, spellingsOf, CONVENTIONS, type Region, type Spelling } from './people.js';

/** A name entry as a report stores it. */
export interface NameEntry {
  kind: string;
  value: string;
  script: string;
  latin?: string;
}

/** A record to seed: id, country (round or decoy set) and its names. */
export interface BenchRecord {
  id: string;
  country: string;
  names: NameEntry[];
}

/** A query: the text, the record it should find, and the script pair it tests. */
export interface BenchQuery {
  text: string;
  expected: string;
  round: string;
  pair: string;
  nickname: boolean;
}

/** Mulberry32: a small seeded generator, so every run draws the same decoys. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROUND_COUNTRIES = 'ABCDEFGHIJ';
const regionOf = new Map(REGIONS.map((r) => [r.code, r]));
/** Latin convention a native-script record is filed with, by round (the filing office's habit). */
const FILED_LATIN = ['it', 'fr', 'en'] as const;

function entries(region: Region, s: Spelling, names: string[], round: number): NameEntry[] {
  const reversed = s.convention === 'en-reversed';
  const kinds = s.parts.map((_, i) =>
    reversed
      ? i === 0
        ? 'family'
        : i === 1
          ? 'given'
          : 'other'
      : i === 0
        ? 'given'
        : i === s.parts.length - 1
          ? 'family'
          : 'other',
  );
  if (s.convention !== 'native') {
    return s.parts.map((value, i) => ({ kind: kinds[i]!, value, script: 'Latn' }));
  }
  const latinConv = FILED_LATIN[round % FILED_LATIN.length]!;
  return s.parts.map((value, i) => {
    const l = region.pool[names[i]!]!;
    const latin = (latinConv === 'it' ? l.it : latinConv === 'fr' ? l.fr : l.en) ?? l.en;
    return { kind: kinds[i]!, value, script: region.script, latin };
  });
}

const uuid = (rand: () => number) => {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
};

/** Records of the people (one per spelling and round) and their queries. */
export function peopleAndQueries(seed = 11) {
  const rand = seeded(seed);
  const records: BenchRecord[] = [];
  const queries: BenchQuery[] = [];
  for (const p of PEOPLE) {
    const region = regionOf.get(p.region)!;
    const spellings = spellingsOf(region, p.names);
    spellings.forEach((stored, r) => {
      const country = `Q${ROUND_COUNTRIES[r]}`;
      const id = uuid(rand);
      records.push({ id, country, names: entries(region, stored, p.names, r) });
      for (const q of spellings) {
        if (q !== stored) {
          queries.push({
            text: q.parts.join(' '),
            expected: id,
            round: country,
            pair: `${q.script}→${stored.script}`,
            nickname: false,
          });
        }
      }
      for (const n of r === 0 ? (p.nicknames ?? []) : []) {
        queries.push({ text: n, expected: id, round: country, pair: 'nickname', nickname: true });
      }
    });
  }
  return { records, queries };
}

/** Every spelling of a name, lower case. */
const spellingSet = (region: Region, name: string) => {
  const l = region.pool[name]!;
  return new Set(
    [l.native, l.en, l.fr, l.it, ...(l.alt ?? [])].filter(Boolean).map((x) => x!.toLowerCase()),
  );
};

/**
 * One name, also when the pool holds it twice (west African boubacar and abubakar are both
 * written Abubakar): a decoy holding it is the person, not a decoy.
 */
function sameName(region: Region, a: string, b: string): boolean {
  if (a === b) {
    return true;
  }
  const other = spellingSet(region, b);
  return [...spellingSet(region, a)].some((x) => other.has(x));
}

/** Decoys from the same pools: 2 or 3 names of one region, in a random convention. */
export function decoys(count: number, country: string, seed: number): BenchRecord[] {
  const rand = seeded(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  // A decoy never carries every name of a person (that could be the same person, more fully named).
  const people = PEOPLE.map((p) => ({ region: p.region, names: p.names }));
  const out: BenchRecord[] = [];
  while (out.length < count) {
    const region = pick(REGIONS);
    const keys = Object.keys(region.pool);
    const n = rand() < 0.55 ? 2 : 3;
    const names: string[] = [];
    while (names.length < n) {
      const k = pick(keys);
      if (!names.includes(k)) {
        names.push(k);
      }
    }
    if (
      people.some(
        (p) =>
          p.region === region.code &&
          p.names.every((x) => names.some((n) => sameName(region, x, n))),
      )
    ) {
      continue;
    }
    const spellings = spellingsOf(region, names);
    const wanted = pick(CONVENTIONS);
    const s = spellings.find((x) => x.convention === wanted) ?? spellings[0]!;
    out.push({
      id: uuid(rand),
      country,
      names: entries(region, s, names, Math.floor(rand() * 3)),
    });
  }
  return out;
}
