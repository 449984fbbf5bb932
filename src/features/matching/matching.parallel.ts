// All-pairs ranking on every core (ADR 0175): a regional run ranks each record of one side
// against every open record of the other side. The subjects are split into one slice per worker
// thread; each worker compiles the other side once and ranks its slice with the batch scorer
// (rankSubject), so the result is exactly the sequential one. Used for runs of 10^4–10^5 records
// a side; one record against a cached side (the runner's jobs) stays on the calling thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PreparedAm, PreparedPm } from './matching.profile.js';

/** What a worker is given: its slice of subjects, the other side, and the ranking options. */
export interface SliceTask {
  subjects: (PreparedAm | PreparedPm)[];
  others: (PreparedAm | PreparedPm)[];
  threshold?: number;
  topK?: number;
}

/** One subject's ranking: the other records' ids and scores, best first. */
export interface SubjectRanking {
  id: string;
  pairs: { id: string; score: number }[];
  evaluated: number;
}

/** What a worker returns: the rankings of its slice and its thread's CPU time (ms). */
export interface SliceResult {
  rankings: SubjectRanking[];
  cpuMs: number;
}

function startWorker(task: SliceTask): Promise<SliceResult> {
  const entry = new URL(
    import.meta.url.endsWith('.ts')
      ? './matching.parallel.worker.ts'
      : './matching.parallel.worker.js',
    import.meta.url,
  ).href;
  // Under tsx (tests, benchmarks) a worker must register tsx's loader itself before importing.
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`,
        { eval: true, workerData: task },
      )
    : new Worker(new URL(entry), { workerData: task });
  return new Promise((resolve, reject) => {
    worker.once('message', (r: SliceResult) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`matching worker exited with code ${code}`));
      }
    });
  });
}

/**
 * Ranks every subject against every record of `others` on `workers` threads (default: one per
 * core), each subject's pairs best first as rankSubject ranks them; rankings in subject order,
 * with the CPU time of each worker.
 */
export async function rankAll(
  subjects: readonly (PreparedAm | PreparedPm)[],
  others: readonly (PreparedAm | PreparedPm)[],
  options: { threshold?: number; topK?: number; workers?: number } = {},
): Promise<{ rankings: SubjectRanking[]; workerCpuMs: number[] }> {
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), subjects.length));
  const step = Math.ceil(subjects.length / workers);
  const results = await Promise.all(
    Array.from({ length: workers }, (_, k) =>
      startWorker({
        subjects: subjects.slice(k * step, (k + 1) * step),
        others: [...others],
        threshold: options.threshold,
        topK: options.topK,
      }),
    ),
  );
  return {
    rankings: results.flatMap((r) => r.rankings),
    workerCpuMs: results.map((r) => r.cpuMs),
  };
}
