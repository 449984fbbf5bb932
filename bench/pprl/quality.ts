// Linkage quality figures: FEBRL 4 under each hardening and threshold, and the multilingual
// names set encoded across scripts against plain name matching.
import {
  ClkEncoder,
  deriveKeys,
  dice,
  DiceKernel,
  greedyOneToOne,
  pack,
  personFields,
  REPORT_SCHEMA,
  type DicePair,
  type Hardening,
} from '../../src/features/linkage/index.js';

import { parseFuzzyDate } from '../../src/platform/vocabulary/index.js';
import { febrlSchema, type FebrlRecord } from './febrl.js';
import { NAME_PAIRS } from './names-set.js';
import { PEOPLE, REGIONS, spellingsOf } from '../names/people.js';

/** Precision, recall and F1. */
export interface Quality {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

function quality(
  threshold: number,
  found: DicePair[],
  isTrue: (p: DicePair) => boolean,
  truths: number,
): Quality {
  const tp = found.filter(isTrue).length;
  const precision = found.length ? tp / found.length : 1;
  const recall = tp / truths;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, precision, recall, f1 };
}

/** Encodes both FEBRL files under a hardening. */
export function encodeFebrl(
  a: FebrlRecord[],
  b: FebrlRecord[],
  hardening: Hardening,
  secret: Buffer,
) {
  const schema = febrlSchema(hardening);
  const enc = new ClkEncoder(
    schema,
    deriveKeys(secret, { agreementId: 'febrl', secretVersion: 1 }, schema),
  );
  return { ea: a.map((r) => enc.encode(r.values)), eb: b.map((r) => enc.encode(r.values)) };
}

/** FEBRL 4 quality at each threshold: greedy one-to-one (as anonlink) and every pair above it. */
export function febrlQuality(
  a: FebrlRecord[],
  b: FebrlRecord[],
  hardening: Hardening,
  thresholds: number[],
  secret: Buffer,
): { greedy: Quality[]; raw: Quality[] } {
  const { ea, eb } = encodeFebrl(a, b, hardening, secret);
  const k = new DiceKernel();
  k.load(pack(ea), pack(eb));
  const lowest = Math.min(...thresholds);
  const all: DicePair[] = [];
  for (let i = 0; i < a.length; i += 500) {
    all.push(...k.block(lowest, i, Math.min(a.length, i + 500), 0, b.length, 1 << 22).pairs);
  }
  const isTrue = (p: DicePair) => a[p.a]!.entity === b[p.b]!.entity;
  const truths = a.filter((x) => b.some((y) => y.entity === x.entity)).length;
  return {
    greedy: thresholds.map((t) =>
      quality(t, greedyOneToOne(all.filter((p) => p.score >= t)), isTrue, truths),
    ),
    raw: thresholds.map((t) =>
      quality(
        t,
        all.filter((p) => p.score >= t),
        isTrue,
        truths,
      ),
    ),
  };
}

/** Bigram-set Dice of two lists of strings (plain, unencoded). */
function bigramDice(xs: readonly string[], ys: readonly string[]): number {
  const grams = (vs: readonly string[]) => {
    const s = new Set<string>();
    for (const v of vs) {
      const p = `_${v}_`;
      for (let i = 0; i + 2 <= p.length; i++) {
        s.add(p.slice(i, i + 2));
      }
    }
    return s;
  };
  const a = grams(xs);
  const b = grams(ys);
  let inter = 0;
  for (const g of a) {
    if (b.has(g)) {
      inter++;
    }
  }
  return a.size + b.size ? (2 * inter) / (a.size + b.size) : 0;
}

/** Top-1 accuracy and P/R/F1 at a threshold of one scoring over the names set (greedy 1:1). */
function assess(score: (i: number, j: number) => number, threshold: number) {
  const n = NAME_PAIRS.length;
  const pairs: DicePair[] = [];
  let top1 = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestScore = -1;
    for (let j = 0; j < n; j++) {
      const s = score(i, j);
      if (s > bestScore) {
        bestScore = s;
        best = j;
      }
      if (s >= threshold) {
        pairs.push({ a: i, b: j, score: s });
      }
    }
    top1 += best === i ? 1 : 0;
  }
  return { top1: top1 / n, ...quality(threshold, greedyOneToOne(pairs), (p) => p.a === p.b, n) };
}

/** The names set: CLK (all fields, names only) against plain matching of the written names. */
export function namesQuality(secret: Buffer, threshold: number) {
  const keys = deriveKeys(secret, { agreementId: 'names', secretVersion: 1 }, REPORT_SCHEMA);
  const enc = new ClkEncoder(REPORT_SCHEMA, keys);
  const side = (which: 'a' | 'b') =>
    NAME_PAIRS.map((p) =>
      personFields({
        names: [{ value: p[which] }],
        sex: p.sex,
        dateOfBirth: parseFuzzyDate(which === 'a' ? p.born : p.born.slice(0, 4)),
        nationalities: [p.nationality],
      }),
    );
  const fa = side('a');
  const fb = side('b');
  const ea = fa.map((v) => enc.encode(v));
  const eb = fb.map((v) => enc.encode(v));
  const na = fa.map((v) => enc.encode({ name: v.name, nameSound: v.nameSound }));
  const nb = fb.map((v) => enc.encode({ name: v.name, nameSound: v.nameSound }));
  const words = (s: string) => s.toLowerCase().split(/\s+/);
  return {
    clkAllFields: assess((i, j) => dice(ea[i]!, eb[j]!), threshold),
    clkNamesOnly: assess((i, j) => dice(na[i]!, nb[j]!), threshold),
    plainNormalisedNames: assess((i, j) => bigramDice(fa[i]!.name!, fb[j]!.name!), threshold),
    plainWrittenNames: assess(
      (i, j) => bigramDice(words(NAME_PAIRS[i]!.a), words(NAME_PAIRS[j]!.b)),
      threshold,
    ),
  };
}

/**
 * The names feature's benchmark people (bench/names): side A each person's native-script
 * spelling (or first spelling), side B every other spelling. Top-1 among all people, names only.
 */
export function namesBenchTop1(secret: Buffer) {
  const keys = deriveKeys(secret, { agreementId: 'names-bench', secretVersion: 1 }, REPORT_SCHEMA);
  const enc = new ClkEncoder(REPORT_SCHEMA, keys);
  const regions = new Map(REGIONS.map((r) => [r.code, r]));
  const people = PEOPLE.map((p) => spellingsOf(regions.get(p.region)!, p.names));
  const fieldsOf = (parts: string[]) => {
    const f = personFields({ names: parts.map((value) => ({ value })) });
    return { name: f.name, nameSound: f.nameSound };
  };
  const sideA = people.map((s) => fieldsOf(s[0]!.parts));
  const encA = sideA.map((f) => enc.encode(f));
  const writtenA = people.map((s) => s[0]!.parts.map((x) => x.toLowerCase()));
  const hits = { clk: 0, plainNormalised: 0, plainWritten: 0 };
  let queries = 0;
  const crossScript = { queries: 0, clk: 0, plainWritten: 0 };
  people.forEach((spellings, i) => {
    for (const s of spellings.slice(1)) {
      queries++;
      const f = fieldsOf(s.parts);
      const e = enc.encode(f);
      const w = s.parts.map((x) => x.toLowerCase());
      const best = (score: (j: number) => number) => {
        let top = -1;
        let topScore = -1;
        for (let j = 0; j < people.length; j++) {
          const v = score(j);
          if (v > topScore) {
            topScore = v;
            top = j;
          }
        }
        return top === i ? 1 : 0;
      };
      const c = best((j) => dice(e, encA[j]!));
      const pw = best((j) => bigramDice(w, writtenA[j]!));
      hits.clk += c;
      hits.plainNormalised += best((j) => bigramDice(f.name ?? [], sideA[j]!.name ?? []));
      hits.plainWritten += pw;
      if (spellings[0]!.script !== 'Latn') {
        crossScript.queries++;
        crossScript.clk += c;
        crossScript.plainWritten += pw;
      }
    }
  });
  return { people: people.length, queries, hits, crossScript };
}
