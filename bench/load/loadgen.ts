// The load generator of bench:load (runs in a worker thread: loadgen.worker.ts).
import { Worker } from 'node:worker_threads';

/** One concrete request: method, path, bearer token and JSON body. */
export interface PlannedRequest {
  method: string;
  path: string;
  token?: string;
  body?: string;
}

/** Requests of one kind and its share of the mix. */
export interface PlannedKind {
  kind: string;
  /** Read or write: the targets differ. */
  write: boolean;
  weight: number;
  requests: PlannedRequest[];
}

/** What the generator sends, how hard and how long. */
export interface Plan {
  base: string;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  kinds: PlannedKind[];
}

/** Figures of one kind. */
export interface KindResult {
  kind: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

/** Runs a plan in a worker thread; resolves with the figures per kind. */
export function runLoad(plan: Plan): Promise<KindResult[]> {
  return new Promise((resolve, reject) => {
    // Node 20 does not apply tsx's loader to a worker's .ts entry: register it inside the worker.
    const entry = new URL('./loadgen.worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: plan });
    worker.once('message', (r: KindResult[]) => resolve(r));
    worker.once('error', reject);
  });
}
