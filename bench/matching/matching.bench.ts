// Matching quality and speed benchmark: `npm run bench:matching [-- --seed 7 --sizes 1000,10000]`.
// Prints top-1 / top-10 recall of the true remains, the share of true pairs wrongly excluded, and
// the time to score all pairs with every CPU core (worker_threads) against one thread.
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runBlock, type BlockResult, type BlockTask } from './block.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const seed = Number(arg('seed', '20261127'));
const sizes = arg('sizes', '1000,10000').split(',').map(Number);
const threshold = Number(arg('threshold', '2'));
/** Share of the reports the single-thread baseline scores at the largest size (then scaled). */
const baselineShare = Number(arg('baseline-share', '0.2'));
const cores = Math.max(1, availableParallelism());

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
  for (const key of [
    'pairs',
    'withTruth',
    'top1',
    'top10',
    'falseExclusions',
    'candidates',
  ] as const) {
    total[key] = results.reduce((s, r) => s + r[key], 0);
  }
  for (const r of results) {
    for (const [rule, count] of Object.entries(r.falseExclusionRules)) {
      total.falseExclusionRules[rule] = (total.falseExclusionRules[rule] ?? 0) + count;
    }
  }
  total.prepareMs = Math.max(...results.map((r) => r.prepareMs));
  total.scoreMs = Math.max(...results.map((r) => r.scoreMs));
  return total;
}

const pct = (x: number, of: number) => `${((100 * x) / Math.max(1, of)).toFixed(1)}%`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function runSize(n: number): Promise<void> {
  const m = n;
  // Parallel: one block per core, reports split evenly.
  const step = Math.ceil(n / cores);
  const load = loadavg()[0]!.toFixed(1);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const tasks = Array.from({ length: cores }, (_, k) => ({
    seed,
    n,
    m,
    from: k * step,
    to: Math.min(n, (k + 1) * step),
    threshold,
  }));
  const parallel = merge(await Promise.all(tasks.map(inWorker)));
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // Single-thread baseline on the main thread, on a share of the reports at large sizes.
  const share = n > 2000 ? baselineShare : 1;
  const single = runBlock({ seed, n, m, from: 0, to: Math.round(n * share), threshold });
  const singleFull = single.scoreMs / share;
  const nsPerPair = (single.scoreMs * 1e6) / single.pairs;
  console.log(
    `\n${n} reports × ${m} remains (seed ${seed}, ${parallel.withTruth} true pairs, ${cores} cores, load average ${load})`,
  );
  console.log(`  top-1 recall of true remains   ${pct(parallel.top1, parallel.withTruth)}`);
  console.log(`  top-10 recall of true remains  ${pct(parallel.top10, parallel.withTruth)}`);
  console.log(
    `  true pairs wrongly excluded    ${pct(parallel.falseExclusions, parallel.withTruth)}  ${JSON.stringify(parallel.falseExclusionRules)}`,
  );
  console.log(`  candidates per report ≥ ${threshold}     ${(parallel.candidates / n).toFixed(1)}`);
  console.log(
    `  all ${(n * m).toLocaleString('en')} pairs, ${cores} worker threads: ${secs(parallel.scoreMs)} scoring (${secs(wall)} wall incl. generation, ${secs(cpuMs)} CPU)`,
  );
  console.log(
    `  single thread baseline:         ${secs(singleFull)}${share < 1 ? ` (measured on ${share * 100}% of reports, scaled)` : ''}, ${nsPerPair.toFixed(0)} ns/pair`,
  );
  console.log(
    `  speed-up with ${cores} threads:       ${(singleFull / parallel.scoreMs).toFixed(2)}×`,
  );
}

for (const n of sizes) {
  await runSize(n);
}
