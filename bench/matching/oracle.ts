// Ceiling of per-attribute reweighting (`npx tsx bench/matching/oracle.ts --size 1000 --profile B`):
// learns, with the ground truth of another seed of the same noise profile, the empirical log10 LR
// of every attribute's part value (bins of 0.1; "absent" is a value too), then ranks the data of
// the benchmark's seed by the sum of those learned ratios. A model that only reweights the
// attributes cannot beat this naive-Bayes fit to the profile itself; the scorer's recall beside it.
import {
  createContext,
  evaluate,
  explainPrepared,
  prepareAm,
  preparePm,
} from '../../src/features/matching/index.js';
import { generate } from './generator.js';
import { dataOptions } from './cli.js';

const { size, profile, seed } = dataOptions(1000);
const ctx = createContext();
const ATTRS = [
  'sex',
  'age',
  'stature',
  'time',
  'distance',
  'incident',
  'route',
  'marks',
  'dental',
  'effects',
  'implants',
];

/** Per pair: the attribute → bin key map. */
function keys(data: ReturnType<typeof generate>) {
  const pms = data.pm.map(preparePm);
  const ams = data.am.map(prepareAm);
  return {
    pms,
    ams,
    key: (i: number, j: number) => {
      const parts = new Map<string, number>(
        explainPrepared(ams[i]!, pms[j]!, ctx).parts.map((p) => [p.attribute, p.log10lr]),
      );
      return ATTRS.map((a) => (parts.has(a) ? `${a}:${Math.round(parts.get(a)! * 10)}` : `${a}:-`));
    },
  };
}
// Learn on another seed: true pairs against a sample of other pairs.
const train = generate(seed + 1, size, size, profile);
const t = keys(train);
const same = new Map<string, number>();
const diff = new Map<string, number>();
let nSame = 0;
let nDiff = 0;
for (let i = 0; i < t.ams.length; i++) {
  const truth = train.truth[i]!;
  if (truth >= 0) {
    nSame++;
    for (const k of t.key(i, truth)) {
      same.set(k, (same.get(k) ?? 0) + 1);
    }
  }
  for (let s = 0; s < 60; s++) {
    const j = (i * 7919 + s * 104729) % t.pms.length;
    if (j === truth) {
      continue;
    }
    nDiff++;
    for (const k of t.key(i, j)) {
      diff.set(k, (diff.get(k) ?? 0) + 1);
    }
  }
}
const lr = (k: string) =>
  Math.log10(((same.get(k) ?? 0) + 0.5) / (nSame + 1) / (((diff.get(k) ?? 0) + 0.5) / (nDiff + 1)));
// Rank the benchmark's data by the learned ratios and by the scorer.
const test = generate(seed, size, size, profile);
const e = keys(test);
let truths = 0;
let oracle10 = 0;
let scorer10 = 0;
for (let i = 0; i < e.ams.length; i++) {
  const truth = test.truth[i]!;
  if (truth < 0) {
    continue;
  }
  truths++;
  const learned = e.pms.map((_, j) => e.key(i, j).reduce((s, k) => s + lr(k), 0));
  const exact = e.pms.map((p) => evaluate(e.ams[i]!, p, ctx, null));
  const rank = (xs: number[]) => xs.filter((x, j) => j !== truth && x >= xs[truth]!).length;
  oracle10 += rank(learned) < 10 ? 1 : 0;
  scorer10 += rank(exact) < 10 ? 1 : 0;
}
console.log(
  `${size} × ${size} profile ${profile}: top-10 scorer ${((100 * scorer10) / truths).toFixed(1)} %, per-attribute naive Bayes fitted on the profile ${((100 * oracle10) / truths).toFixed(1)} %`,
);
