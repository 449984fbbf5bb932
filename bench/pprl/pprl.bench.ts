// npm run bench:pprl — privacy-preserving record linkage figures:
//   1. Dice comparisons per CPU-second: hand-assembled wasm kernels beside a C kernel (gcc -O3
//      -march=native, compiled and run here), with the ratio;
//   2. encodings per CPU-second per core (token cache warm, and cold: one HMAC per token);
//   3. FEBRL 4 precision/recall/F1 under each hardening and threshold (greedy 1:1 and raw);
//   4. blocking (LSH) on FEBRL 4: candidates and recall lost against comparing every pair;
//   5. the multilingual names set against plain name matching;
//   6. n × n synthetic FEBRL-like records (100,000 by default) on every core, with blocking.
// Options: --n 100000, --skip-large, --kernels-only (section 1 alone). CPU-second figures are per core; the machine may be shared.
import { availableParallelism, loadavg } from 'node:os';
import {
  ClkEncoder,
  DEFAULT_LSH,
  deriveKeys,
  dice,
  linkAll,
  linkBlocked,
  linkParallel,
  pack,
  type Hardening,
} from '../../src/features/linkage/index.js';
import { febrlSchema, readFebrl } from './febrl.js';
import { measureKernels } from './kernels.js';
import { febrlQuality, encodeFebrl, namesBenchTop1, namesQuality } from './quality.js';
import { synthesise } from './synth.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const N = Number(arg('n', '100000'));
const SECRET = Buffer.alloc(32, 0x5a);
/** Threshold chosen for the FEBRL schema with XOR-folding (the default hardening). */
const FEBRL_THRESHOLD = 0.575;
const NAMES_THRESHOLD = 0.65;
const f = (x: number, d = 4) => x.toFixed(d);
const M = (x: number) => `${(x / 1e6).toFixed(1)} M`;
const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1]!;

console.log(`# PPRL benchmark — ${new Date().toISOString()}`);
console.log(
  `cores ${availableParallelism()}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (shared machine: figures are per CPU-second where stated)\n`,
);

// 1. Kernels.
const k = measureKernels();
const scalarC = k.rows[1]!;
console.log(
  `## Dice comparisons per CPU-second (one thread, 1,024-bit filters, ${k.rows[0]!.rounds.length} alternating rounds, medians)`,
);
console.log(`${k.cCompiler}; load average before ${k.loadBefore}, after ${k.loadAfter}\n`);
console.log('| kernel | comparisons/s | ratio to C -march=native | ratio to scalar C |');
console.log('|---|---|---|---|');
for (const r of k.rows) {
  const toScalar = median(r.rounds.map((x, i) => x / scalarC.rounds[i]!));
  console.log(`| ${r.label} | ${M(r.perSecond)} | ${f(r.ratioToNative, 2)} | ${f(toScalar, 2)} |`);
}
const g = k.agreement;
const agree = g.c === g.wasm && g.c === g.wasmSimd && (g.native === null || g.c === g.native);
console.log(
  `\nsame data, threshold ${g.threshold}: passes C ${g.c}, wasm ${g.wasm}, wasm SIMD ${g.wasmSimd}, native ${g.native ?? 'not built'}${agree ? ' (agree)' : ' — DISAGREE'}`,
);
console.log(
  `Dice with the service's kernel (${k.service.kernel}): ${M(k.service.row.perSecond)} comparisons/s per core, ${f(k.service.row.ratioToNative, 2)} × C -O3 -march=native\n`,
);
if (process.argv.includes('--kernels-only')) {
  process.exit(0);
}

// 2. Encoding speed.
const A = readFebrl('dataset4a.csv');
const B = readFebrl('dataset4b.csv');
{
  const schema = febrlSchema('xor-fold');
  const enc = new ClkEncoder(
    schema,
    deriveKeys(SECRET, { agreementId: 'speed', secretVersion: 1 }, schema),
  );
  const rate = (records: typeof A) => {
    const t = process.cpuUsage();
    for (const r of records) {
      enc.encode(r.values);
    }
    const u = process.cpuUsage(t);
    return records.length / ((u.user + u.system) / 1e6);
  };
  rate(A);
  let warm = 0;
  for (let i = 0; i < 3; i++) {
    warm = Math.max(warm, rate([...A, ...B]));
  }
  enc.cacheTokens = false;
  const cold = rate(A.slice(0, 1000));
  console.log('## Encodings per CPU-second (FEBRL records, 10 fields, XOR-folded 1,024 bits)');
  console.log(`| token cache | encodings/s/core |\n|---|---|`);
  console.log(`| warm (positions of each q-gram cached) | ${warm.toFixed(0)} |`);
  console.log(`| off (one HMAC-SHA256 per q-gram) | ${cold.toFixed(0)} |\n`);
}

// 3. FEBRL quality.
const thresholds = [0.55, 0.575, 0.6, 0.625, 0.65, 0.7, 0.75, 0.8, 0.85];
console.log('## FEBRL 4 (5,000 × 5,000): precision / recall / F1');
console.log(
  'greedy = one-to-one solver (as anonlink, the published anchor); raw = every pair above the threshold\n',
);
console.log('| hardening | threshold | greedy P | greedy R | greedy F1 | raw P | raw R | raw F1 |');
console.log('|---|---|---|---|---|---|---|---|');
const best: Record<string, string> = {};
for (const h of ['none', 'xor-fold', 'balanced'] as Hardening[]) {
  const ts = h === 'balanced' ? thresholds.filter((t) => t >= 0.65) : thresholds;
  const q = febrlQuality(A, B, h, ts, SECRET);
  let top = q.greedy[0]!;
  q.greedy.forEach((g, i) => {
    const r = q.raw[i]!;
    top = g.f1 > top.f1 ? g : top;
    console.log(
      `| ${h} | ${g.threshold} | ${f(g.precision)} | ${f(g.recall)} | ${f(g.f1)} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.f1)} |`,
    );
  });
  best[h] = `best greedy F1 ${f(top.f1)} at ${top.threshold}`;
}
console.log(
  `\n${Object.entries(best)
    .map(([h, s]) => `${h}: ${s}`)
    .join('; ')}`,
);
console.log(
  `chosen: xor-fold at ${FEBRL_THRESHOLD} (anchor clkhash+anonlink: P 1.000, R 0.992 at 0.8)\n`,
);

// 4. Blocking on FEBRL.
{
  const { ea, eb } = encodeFebrl(A, B, 'xor-fold', SECRET);
  const pa = pack(ea);
  const pb = pack(eb);
  const full = linkAll(pa, pb, FEBRL_THRESHOLD);
  const blocked = linkBlocked(pa, pb, FEBRL_THRESHOLD, DEFAULT_LSH);
  const got = new Set(blocked.pairs.map((p) => p.a * pb.n + p.b));
  const lost = full.pairs.filter((p) => !got.has(p.a * pb.n + p.b)).length;
  console.log(
    `## Blocking (LSH, ${DEFAULT_LSH.bands} bands × ${DEFAULT_LSH.bitsPerBand} bits) on FEBRL 4 at ${FEBRL_THRESHOLD}`,
  );
  console.log(
    `candidates ${f((blocked.comparisons / (pa.n * pb.n)) * 100, 2)} % of all pairs; pairs above the threshold lost to blocking: ${lost} of ${full.pairs.length} (${f((lost / full.pairs.length) * 100, 2)} %)\n`,
  );
}

// 5. Names set.
{
  const q = namesQuality(SECRET, NAMES_THRESHOLD);
  console.log(
    `## Multilingual names set (30 people; side A in Arabic, Persian or Ge'ez script or one Latin spelling, side B another Latin spelling; threshold ${NAMES_THRESHOLD})`,
  );
  console.log('| method | top-1 | P | R | F1 |\n|---|---|---|---|---|');
  for (const [name, r] of Object.entries(q)) {
    console.log(
      `| ${name} | ${f(r.top1, 3)} | ${f(r.precision, 3)} | ${f(r.recall, 3)} | ${f(r.f1, 3)} |`,
    );
  }
  console.log('');
}

{
  const q = namesBenchTop1(SECRET);
  const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)} %`;
  console.log(
    `## Names benchmark of the names feature (bench/names: ${q.people} people, ${q.queries} other spellings as queries, names only, top-1 among all people)`,
  );
  console.log(
    "| method | top-1 (all queries) | top-1 (person filed in Arabic, Ge'ez or N'Ko script) |\n|---|---|---|",
  );
  console.log(
    `| CLK (name + nameSound fields) | ${pct(q.hits.clk, q.queries)} | ${pct(q.crossScript.clk, q.crossScript.queries)} |`,
  );
  console.log(
    `| plain bigram Dice, normalised name forms (unencoded) | ${pct(q.hits.plainNormalised, q.queries)} | — |`,
  );
  console.log(
    `| plain bigram Dice, names as written | ${pct(q.hits.plainWritten, q.queries)} | ${pct(q.crossScript.plainWritten, q.crossScript.queries)} |\n`,
  );
}

// 6. n × n with blocking on every core.
if (!process.argv.includes('--skip-large')) {
  const { a, b } = synthesise(A, N, 20261129);
  const schema = febrlSchema('xor-fold');
  const enc = new ClkEncoder(
    schema,
    deriveKeys(SECRET, { agreementId: 'large', secretVersion: 1 }, schema),
  );
  let t = performance.now();
  const ea = a.map((r) => enc.encode(r.values));
  const eb = b.map((r) => enc.encode(r.values));
  const encodeMs = performance.now() - t;
  const pa = pack(ea);
  const pb = pack(eb);
  t = performance.now();
  const cpu = process.cpuUsage();
  const res = await linkParallel(pa, pb, FEBRL_THRESHOLD, DEFAULT_LSH);
  const linkMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const linkCpu = (used.user + used.system) / 1e6;
  const bIndex = new Map(b.map((r, i) => [r.entity, i]));
  const truth = a.map((r, i) => [i, bIndex.get(r.entity)!] as const);
  const above = truth.filter(([i, j]) => dice(ea[i]!, eb[j]!) >= FEBRL_THRESHOLD);
  const got = new Set(res.pairs.map((p) => p.a * pb.n + p.b));
  const lost = above.filter(([i, j]) => !got.has(i * pb.n + j)).length;
  const tp = res.pairs.filter((p) => a[p.a]!.entity === b[p.b]!.entity).length;
  console.log(
    `## ${N.toLocaleString('en')} × ${N.toLocaleString('en')} synthetic FEBRL-like records, ${availableParallelism()} worker threads, LSH blocking`,
  );
  console.log(`| step | figure |\n|---|---|`);
  console.log(`| encoding ${2 * N} records (one thread) | ${(encodeMs / 1000).toFixed(1)} s |`);
  console.log(
    `| blocking + comparison, wall on the shared machine | ${(linkMs / 1000).toFixed(1)} s |`,
  );
  console.log(
    `| blocking + comparison, CPU seconds of all threads | ${linkCpu.toFixed(1)} s (÷ ${availableParallelism()} cores = ${(linkCpu / availableParallelism()).toFixed(1)} s on an idle machine) |`,
  );
  console.log(
    `| candidate pairs compared | ${res.comparisons.toLocaleString('en')} (${f((res.comparisons / (N * N)) * 100, 2)} % of ${(N * N).toExponential(0)}) |`,
  );
  console.log(
    `| true pairs with Dice ≥ ${FEBRL_THRESHOLD} (what comparing every pair finds) | ${above.length} |`,
  );
  console.log(`| of them lost to blocking | ${lost} (${f((lost / above.length) * 100, 3)} %) |`);
  console.log(`| pairs returned / of them true | ${res.pairs.length} / ${tp} |`);
  console.log(
    `load average after: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}
