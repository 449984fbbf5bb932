// Matching quality and speed benchmark:
//   npm run bench:matching [-- --sizes 1000,10000,100000 --profiles A,B --incremental 100000]
// For each size and noise profile: top-1 / top-10 recall of the true remains, true pairs wrongly
// excluded, and the time to rank every report against every remains with one worker thread per
// core (batch scorer, top ten per report); then the time of one incremental match against the
// largest side. At large sizes a share of the reports is ranked (`--share`, default 0.5% at
// 100k) and the time is scaled; the recall is measured on that sample.
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BlockResult, BlockTask } from './block.js';
import { calibrate } from './calibration.js';
import { incremental } from './incremental.js';
import type { NoiseProfile } from './generator.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const seed = Number(arg('seed', '20261127'));
const sizes = arg('sizes', '1000,10000').split(',').map(Number);
const profiles = arg('profiles', 'A,B').split(',') as NoiseProfile[];
const verify = Number(arg('verify', '10'));
const incrementalSize = Number(arg('incremental', String(Math.max(...sizes))));
const cores = Math.max(1, availableParallelism());

/** Share of the reports ranked at a size (1 = all), unless --share is given. */
function shareFor(n: number): number {
  const given = arg('share', '');
  return given ? Number(given) : n >= 100_000 ? 0.005 : 1;
}

function inWorker(task: BlockTask): Promise<BlockResult> {
  return new Promise((resolve, reject) => {
    // Node 20 does not apply tsx's loader to a worker's .ts entry: register it inside the worker.
    const entry = new URL('./worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: task });
    worker.once('message', (r: BlockResult) => resolve(r));
    worker.once('error', reject);
  });
}

function merge(results: BlockResult[]): BlockResult {
  const total: BlockResult = { ...results[0]!, falseExclusionRules: {} };
  const keys = [
    'subjects',
    'withTruth',
    'top1',
    'top10',
    'falseExclusions',
    'contradicted',
    'evaluated',
    'verified',
    'mismatches',
  ] as const;
  for (const key of keys) {
    total[key] = results.reduce((s, r) => s + r[key], 0);
  }
  for (const r of results) {
    for (const [rule, count] of Object.entries(r.falseExclusionRules)) {
      total.falseExclusionRules[rule] = (total.falseExclusionRules[rule] ?? 0) + count;
    }
  }
  total.compileMs = Math.max(...results.map((r) => r.compileMs));
  total.rankMs = Math.max(...results.map((r) => r.rankMs));
  total.compileCpuMs = Math.max(...results.map((r) => r.compileCpuMs));
  total.rankCpuMs = Math.max(...results.map((r) => r.rankCpuMs));
  return total;
}

const pct = (x: number, of: number) => `${((100 * x) / Math.max(1, of)).toFixed(1)} %`;
const secs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const rows: string[] = [];

async function runSize(n: number, profile: NoiseProfile): Promise<void> {
  const share = shareFor(n);
  const stride = Math.max(1, Math.round(1 / share));
  const step = Math.ceil(n / cores);
  const load = loadavg()[0]!.toFixed(1);
  const started = performance.now();
  const tasks: BlockTask[] = Array.from({ length: cores }, (_, k) => ({
    seed,
    n,
    m: n,
    profile,
    from: k * step,
    to: Math.min(n, (k + 1) * step),
    stride,
    verify: Math.ceil(verify / cores),
  }));
  const r = merge(await Promise.all(tasks.map(inWorker)));
  const wall = performance.now() - started;
  // Ranking time scaled to every report when a sample was ranked; compiling is done once.
  const scaled = r.compileMs + r.rankMs * stride;
  const scaledCpu = r.compileCpuMs + r.rankCpuMs * stride;
  const sampled = stride > 1 ? ` (ranked ${r.subjects} reports, 1 in ${stride}; time scaled)` : '';
  console.log(
    `\n${n} × ${n}, noise profile ${profile} (seed ${seed}, ${r.withTruth} true pairs${sampled}, load average ${load})`,
  );
  console.log(`  top-1 recall                  ${pct(r.top1, r.withTruth)}`);
  console.log(`  top-10 recall                 ${pct(r.top10, r.withTruth)}`);
  console.log(
    `  true pairs wrongly excluded   ${pct(r.falseExclusions, r.withTruth)} ${JSON.stringify(r.falseExclusionRules)}`,
  );
  console.log(
    `  true pairs with a contradiction (strong evidence against, not excluded) ${pct(r.contradicted, r.withTruth)}`,
  );
  console.log(
    `  pairs scored exactly          ${(r.evaluated / r.subjects).toFixed(0)} per report of ${n} (${pct(r.evaluated, r.subjects * n)}); the rest pruned by bound`,
  );
  console.log(
    `  time, ${cores} workers             ${secs(scaledCpu)} CPU of the busiest worker (compile ${secs(r.compileCpuMs)}, rank ${secs(r.rankCpuMs)}${stride > 1 ? ` × ${stride}` : ''})`,
  );
  console.log(
    `  wall time                     ${secs(scaled)} (compile ${secs(r.compileMs)}, rank ${secs(r.rankMs)}${stride > 1 ? ` × ${stride}` : ''}; ${secs(wall)} incl. data generation) — waits for a core on a shared machine`,
  );
  console.log(
    `  pruning check                 ${r.verified - r.mismatches} of ${r.verified} reports rank exactly as the reference scorer over all pairs`,
  );
  rows.push(
    `| ${n.toLocaleString('en')} × ${n.toLocaleString('en')} | ${profile} | ${pct(r.top1, r.withTruth)} | ${pct(r.top10, r.withTruth)} | ${pct(r.falseExclusions, r.withTruth)} | ${secs(scaledCpu)} CPU / ${secs(scaled)} wall${stride > 1 ? ' (scaled)' : ''} | ${r.verified - r.mismatches}/${r.verified} |`,
  );
}

if (process.argv.includes('--calibrate')) {
  calibrate(seed, Number(arg('calibration-size', '1000')));
} else {
  for (const n of sizes) {
    for (const profile of profiles) {
      await runSize(n, profile);
    }
  }
  console.log(
    `\n| size | noise | top-1 | top-10 | wrongly excluded | time, ${cores} workers | top 10 = reference |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(row);
  }
  if (incrementalSize > 0) {
    incremental(seed, incrementalSize);
  }
}
