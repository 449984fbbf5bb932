// Diagnostic of missed true pairs (`npx tsx bench/matching/diagnose.ts --size 2000 --profile B`):
// ranks every report against every remains with the reference scorer and prints, per attribute,
// the mean calibrated part of the missed true pairs, of all true pairs and of the 10th-best
// candidate of the missed reports; then, per attribute and part value, how often the value
// occurs among true pairs and among all other pairs (its empirical log10 LR).
import {
  createContext,
  evaluate,
  explainPrepared,
  prepareAm,
  preparePm,
} from '../../src/features/matching/index.js';
import { generate } from './generator.js';
import { arg, dataOptions } from './cli.js';

const { size, profile, seed } = dataOptions(2000);
const data = generate(seed, size, size, profile);
const ctx = createContext();
const pms = data.pm.map(preparePm);
const ams = data.am.map(prepareAm);

const sums = {
  missed: new Map<string, number>(),
  all: new Map<string, number>(),
  tenth: new Map<string, number>(),
};
const counts = { missed: 0, all: 0, tenth: 0 };
const add = (key: keyof typeof sums, am: number, pm: number) => {
  counts[key]++;
  for (const p of explainPrepared(ams[am]!, pms[pm]!, ctx).parts) {
    sums[key].set(p.attribute, (sums[key].get(p.attribute) ?? 0) + p.log10lr);
  }
};
// Part values of true pairs and of a sample of other pairs, per attribute (rounded to 0.25).
const hist = new Map<string, { same: Map<number, number>; diff: Map<number, number> }>();
let sameN = 0;
let diffN = 0;
const tally = (am: number, pm: number, same: boolean) => {
  const seen = new Set<string>();
  for (const p of explainPrepared(ams[am]!, pms[pm]!, ctx).parts) {
    seen.add(p.attribute);
    const h = hist.get(p.attribute) ?? { same: new Map(), diff: new Map() };
    hist.set(p.attribute, h);
    const v = Math.round(p.log10lr * 4) / 4;
    const m = same ? h.same : h.diff;
    m.set(v, (m.get(v) ?? 0) + 1);
  }
  void seen;
};
const show = Number(arg('show', '0'));
let shown = 0;
let top10 = 0;
let top1 = 0;
let truths = 0;
for (let i = 0; i < ams.length; i++) {
  const t = data.truth[i]!;
  if (t < 0) {
    continue;
  }
  truths++;
  const scores = pms.map((p, j) => ({ j, s: evaluate(ams[i]!, p, ctx, null) }));
  scores.sort((a, b) => b.s - a.s);
  const rank = scores.findIndex((x) => x.j === t);
  if (rank === 0) {
    top1++;
  }
  if (rank < 10) {
    top10++;
  }
  add('all', i, t);
  tally(i, t, true);
  sameN++;
  for (let k = 0; k < 20; k++) {
    const j = (i * 7919 + k * 104729) % pms.length;
    if (j !== t) {
      tally(i, j, false);
      diffN++;
    }
  }
  if (rank >= 10) {
    if (shown++ < show) {
      for (const [label, j] of [
        ['TRUE rank ' + rank, t],
        ['10th', scores[9]!.j],
      ] as const) {
        const e = explainPrepared(ams[i]!, pms[j]!, ctx);
        console.log(
          `${ams[i]!.id} ${label} ${e.score}: ${e.parts.map((p) => `${p.attribute} ${p.log10lr} (${p.explanation})`).join('; ')}`,
        );
      }
    }
    add('missed', i, t);
    add('tenth', i, scores[9]!.j);
  }
}
console.log(
  `${size} × ${size} profile ${profile}: top-1 ${((100 * top1) / truths).toFixed(1)} %, top-10 ${((100 * top10) / truths).toFixed(1)} % of ${truths}`,
);
const attrs = [...new Set([...sums.all.keys(), ...sums.tenth.keys()])];
console.log('attribute      missed true   all true   10th of missed');
for (const a of attrs) {
  const f = (k: keyof typeof sums) =>
    ((sums[k].get(a) ?? 0) / Math.max(1, counts[k])).toFixed(2).padStart(10);
  console.log(`${a.padEnd(14)} ${f('missed')} ${f('all')} ${f('tenth')}`);
}
if (process.argv.includes('--hist')) {
  for (const [a, h] of hist) {
    console.log(`\n${a}: part value → true pairs / other pairs → empirical log10 LR`);
    const values = [...new Set([...h.same.keys(), ...h.diff.keys()])].sort((x, y) => x - y);
    for (const v of values) {
      const s = h.same.get(v) ?? 0;
      const d = h.diff.get(v) ?? 0;
      const lr = s && d ? Math.log10(s / sameN / (d / diffN)).toFixed(2) : '—';
      console.log(
        `  ${v.toFixed(2).padStart(6)}  ${String(s).padStart(5)} / ${String(d).padStart(6)}  ${lr}`,
      );
    }
  }
}
