// Linking on every core: the LSH bands are dealt round-robin to worker threads, which share the
// packed encodings (SharedArrayBuffer, no copy) and each run linkBlocked on their bands.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LshParams } from './linkage.blocking.js';
import type { DicePair, PackedEncodings } from './linkage.dice.js';
import type { LinkResult } from './linkage.link.js';

/** What one worker is given. */
export interface LinkTask {
  a: { n: number; bytes: Uint8Array; popcounts: Uint32Array };
  b: { n: number; bytes: Uint8Array; popcounts: Uint32Array };
  threshold: number;
  lsh: LshParams;
  bands: number[];
}

function shared(p: PackedEncodings): PackedEncodings {
  if (p.bytes.buffer instanceof SharedArrayBuffer) {
    return p;
  }
  const bytes = new Uint8Array(new SharedArrayBuffer(p.bytes.length));
  bytes.set(p.bytes);
  const popcounts = new Uint32Array(new SharedArrayBuffer(p.popcounts.length * 4));
  popcounts.set(p.popcounts);
  return { n: p.n, bytes, popcounts };
}

function runWorker(task: LinkTask): Promise<LinkResult> {
  const here = import.meta.url;
  const entry = new URL(here.endsWith('.ts') ? './linkage.worker.ts' : './linkage.worker.js', here)
    .href;
  // Under tsx (tests, benchmarks, npm start) a worker's .ts entry needs tsx registered first.
  const boot = here.endsWith('.ts')
    ? `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`
    : `import(${JSON.stringify(entry)})`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: task });
    worker.once('message', (r: LinkResult) => {
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Pairs of A × B with Dice ≥ threshold among LSH candidates, on `threads` worker threads. */
export async function linkParallel(
  a: PackedEncodings,
  b: PackedEncodings,
  threshold: number,
  lsh: LshParams,
  threads = availableParallelism(),
): Promise<LinkResult> {
  const sa = shared(a);
  const sb = shared(b);
  const tasks: LinkTask[] = Array.from({ length: threads }, (_, t) => ({
    a: sa,
    b: sb,
    threshold,
    lsh,
    bands: Array.from({ length: lsh.bands }, (_, i) => i).filter((i) => i % threads === t),
  }));
  const results = await Promise.all(tasks.map(runWorker));
  const seen = new Map<number, DicePair>();
  let comparisons = 0;
  let skippedBuckets = 0;
  for (const r of results) {
    comparisons += r.comparisons;
    skippedBuckets += r.skippedBuckets;
    for (const p of r.pairs) {
      seen.set(p.a * b.n + p.b, p);
    }
  }
  return { pairs: [...seen.values()], comparisons, skippedBuckets };
}
