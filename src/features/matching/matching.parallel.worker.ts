// A worker thread of rankAll (matching.parallel.ts): compiles the other side once, ranks its
// slice of subjects with the batch scorer and posts the rankings with its thread's CPU time.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { compile } from './matching.batch.js';
import { rankGroup } from './matching.batch.group.js';
import { createContext } from './matching.context.js';
import type { SliceResult, SliceTask } from './matching.parallel.js';

/** CPU time of this thread in ms (Linux /proc, 10 ms ticks); NaN elsewhere. */
function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

const task = workerData as SliceTask;
const started = threadCpuMs();
const ctx = createContext();
const others = compile(task.subjects[0]?.side === 'pm' ? 'am' : 'pm', task.others);
const rankings: SliceResult['rankings'] = [];
// First passes in groups of subjects (matching.batch.group.ts); each ranking as rankSubject's.
rankGroup(
  task.subjects,
  others,
  ctx,
  { threshold: task.threshold, topK: task.topK, explain: false },
  (r, i) => {
    rankings.push({
      id: task.subjects[i]!.id,
      pairs: r.pairs.map((p) => ({ id: p.id, score: p.score })),
      evaluated: r.evaluated,
    });
  },
);
parentPort?.postMessage({ rankings, cpuMs: threadCpuMs() - started } satisfies SliceResult);
