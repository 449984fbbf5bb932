// The match worker off the web process's event loop (ADR 0138). On PostgreSQL the worker runs in
// its own thread with its own small pool (src/match-thread.entry.ts): loading and compiling 10^5
// records for a job then never stalls a request. On embedded PGlite (one connection, in this
// process) it stays on the calling thread, as before. `startMatchWorker` picks the one that fits.
import { Worker } from 'node:worker_threads';
import type { AppConfig } from './config/index.js';
import type { Services } from './container.js';
import type { RoundResult } from './features/matching/index.js';
import { getLogger } from './platform/logger.js';

const log = getLogger('jobs');

/** Messages to the thread. */
export type ToThread = { op: 'round'; id: number } | { op: 'start' } | { op: 'stop'; id: number };

/** Messages from the thread: ready, or the answer to a round or stop (an error code, never a message). */
export type FromThread =
  | { op: 'ready' }
  | { op: 'done'; id: number; result?: RoundResult }
  | { op: 'error'; id: number; code: string };

/** A match worker running in its own thread: the same runOnce/start/stop as MatchWorker. */
export interface MatchThread {
  /** Runs every due job now in the thread and resolves with the round (tests call it). */
  runOnce(): Promise<RoundResult>;
  /** Starts the thread's polling (idempotent). */
  start(): void;
  /** Stops polling, waits for the round in progress and ends the thread. */
  stop(): Promise<void>;
}

/** The entry module: TypeScript under tsx (tests, benchmarks), compiled JavaScript otherwise. */
function spawn(config: AppConfig): Worker {
  const ts = import.meta.url.endsWith('.ts');
  const entry = new URL(
    ts ? './match-thread.entry.ts' : './match-thread.entry.js',
    import.meta.url,
  );
  // Under tsx a worker must register tsx's loader itself before importing TypeScript.
  return ts
    ? new Worker(
        `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry.href)}); })`,
        { eval: true, workerData: { config } },
      )
    : new Worker(entry, { workerData: { config } });
}

/**
 * Starts the match worker's thread for a node on PostgreSQL (config.env.DATABASE_URL). The
 * thread never keeps the process alive; if it dies while started it is started again.
 */
export function createMatchThread(config: AppConfig, restartMs = 5_000): MatchThread {
  if (!config.env.DATABASE_URL) {
    throw new Error('the match thread needs DATABASE_URL (PGlite is single-connection)');
  }
  let worker: Worker | undefined;
  let polling = false;
  let stopping = false;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (r?: RoundResult) => void; reject: (e: Error) => void }
  >();

  function settleAll(err: Error): void {
    for (const p of pending.values()) {
      p.reject(err);
    }
    pending.clear();
  }

  function thread(): Worker {
    if (worker) {
      return worker;
    }
    const w = spawn(config);
    w.unref();
    w.on('message', (m: FromThread) => {
      if (m.op === 'ready') {
        return;
      }
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (pending.size === 0) {
        w.unref();
      }
      if (m.op === 'done') {
        p?.resolve(m.result);
      } else {
        const err = new Error(`match thread failed (${m.code})`);
        (err as Error & { code: string }).code = m.code;
        p?.reject(err);
      }
    });
    w.on('error', (err) => log.error('match thread error', { code: err.name }));
    w.on('exit', (code) => {
      worker = undefined;
      settleAll(new Error(`match thread exited with code ${code}`));
      if (polling && !stopping) {
        log.error('match thread exited; restarting', { code });
        setTimeout(() => {
          if (polling && !stopping) {
            thread().postMessage({ op: 'start' } satisfies ToThread);
          }
        }, restartMs).unref();
      }
    });
    worker = w;
    return w;
  }

  function ask(message: (id: number) => ToThread): Promise<RoundResult | undefined> {
    const w = thread();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.ref(); // an answer awaited keeps the process alive until it comes
      w.postMessage(message(id));
    });
  }

  return {
    async runOnce() {
      return (await ask((id) => ({ op: 'round', id })))!;
    },

    start() {
      if (polling) {
        return;
      }
      polling = true;
      stopping = false;
      thread().postMessage({ op: 'start' } satisfies ToThread);
    },

    async stop() {
      polling = false;
      if (!worker) {
        return;
      }
      stopping = true;
      const w = worker;
      const ended = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      await ask((id) => ({ op: 'stop', id })).catch(() => undefined);
      await ended;
      stopping = false;
    },
  };
}

/**
 * Starts the node's match worker where it belongs: in its own thread on PostgreSQL, on this
 * thread on embedded PGlite. Returns what stops it.
 */
export function startMatchWorker(
  services: Pick<Services, 'matching'>,
  config: AppConfig,
): { stop(): Promise<void> } {
  if (config.env.DATABASE_URL) {
    const t = createMatchThread(config);
    t.start();
    return t;
  }
  services.matching.worker.start();
  return services.matching.worker;
}
