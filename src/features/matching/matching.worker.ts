// The background worker: claims match jobs from PostgreSQL and runs each in its own
// transaction (the work, its audit event and the job's completion commit together). A failed
// job rolls back and is retried with back-off. runOnce() drains due jobs (tests call it); start()
// polls on an unref'd timer, so it never keeps a process alive.
import type { Database } from '../../platform/db/index.js';
import { getLogger } from '../../platform/logger.js';
import { recordAudit } from '../audit/index.js';
import {
  claimJobs,
  failJob,
  finishJob,
  releaseJob,
  type MatchJob,
} from './matching.jobs.repository.js';
import type { Runner } from './matching.runner.js';

const log = getLogger('jobs');

/** Worker settings. */
export interface WorkerOptions {
  /** Poll interval when started. */
  intervalMs: number;
  /** Jobs claimed per round. */
  batchSize: number;
  /** Attempts before a job is marked failed. */
  maxAttempts: number;
  /** Back-off base: attempt n waits base · 4^(n-1). */
  retryBaseMs: number;
  /** A job running longer than this is considered abandoned and claimed again. */
  staleMs: number;
}

/** Defaults: poll every 5 s, 10 jobs a round, 5 attempts from 10 s back-off. */
export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  intervalMs: 5_000,
  batchSize: 10,
  maxAttempts: 5,
  retryBaseMs: 10_000,
  staleMs: 10 * 60_000,
};

/** What a round did. */
export interface RoundResult {
  done: number;
  failed: number;
}

/** Creates the match worker of a node. */
export function createMatchWorker(
  db: Database,
  runner: Runner,
  options: Partial<WorkerOptions> = {},
) {
  const o = { ...DEFAULT_WORKER_OPTIONS, ...options };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RoundResult> | undefined;
  // Set while stop() waits: the round ends after its current job (the rest stay due).
  let halting = false;

  async function runJob(job: MatchJob): Promise<void> {
    await db.transaction(async (t) => {
      const result =
        job.subjectType === 'report'
          ? await runner.matchReport(t, job.subjectId)
          : await runner.matchRemains(t, job.subjectId);
      await recordAudit(t, null, {
        action: 'match',
        subjectType: job.subjectType === 'report' ? 'Report' : 'Remains',
        subjectId: job.subjectId,
        fields: ['matchCandidates'],
        purpose: 'identification',
        details: {
          job: job.id,
          stored: result.stored.length,
          pruned: result.pruned,
          ...(result.skipped ? { skipped: result.skipped } : {}),
        },
      });
      await finishJob(t, job.id);
    });
  }

  /** Runs every due job once (jobs that fail are rescheduled, not retried in this call). */
  async function drain(): Promise<RoundResult> {
    const total: RoundResult = { done: 0, failed: 0 };
    const seen = new Set<string>();
    for (;;) {
      const jobs = (await claimJobs(db, o.batchSize, o.staleMs)).filter((j) => !seen.has(j.id));
      if (jobs.length === 0) {
        return total;
      }
      for (const job of jobs) {
        if (halting) {
          // Claimed but not started: due again at once (the attempt is given back).
          for (const left of jobs.slice(jobs.indexOf(job))) {
            await releaseJob(db, left.id);
          }
          return total;
        }
        seen.add(job.id);
        try {
          await runJob(job);
          total.done += 1;
        } catch (err) {
          total.failed += 1;
          const code = errorCode(err);
          const delay = o.retryBaseMs * 4 ** Math.max(0, job.attempts - 1);
          const status = await failJob(db, job.id, code, delay, o.maxAttempts);
          log.warn('match job failed', { job: job.id, attempts: job.attempts, code, status });
        }
      }
    }
  }

  /** Runs all due jobs now and resolves when they are done (waits for a round in progress). */
  async function runOnce(): Promise<RoundResult> {
    while (running) {
      await running.catch(() => undefined);
    }
    running = drain();
    try {
      return await running;
    } finally {
      running = undefined;
    }
  }

  return {
    runOnce,

    /** Starts polling (idempotent). The timer is unref'd: it never keeps the process alive. */
    start(): void {
      if (timer) {
        return;
      }
      timer = setInterval(() => {
        if (!running) {
          runOnce().catch((err: unknown) =>
            log.error('match worker round failed', { code: errorCode(err) }),
          );
        }
      }, o.intervalMs);
      timer.unref();
    },

    /** Stops polling and waits for the job in progress (a round stops after it). */
    async stop(): Promise<void> {
      if (timer) {
        clearInterval(timer);
        timer = undefined;
      }
      halting = true;
      try {
        await running?.catch(() => undefined);
      } finally {
        halting = false;
      }
    },
  };
}

/** A code for an error that never carries personal data (no message). */
function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; name?: unknown };
    if (typeof e.code === 'string') {
      return e.code;
    }
    if (typeof e.name === 'string') {
      return e.name;
    }
  }
  return 'unknown';
}

/** The match worker. */
export type MatchWorker = ReturnType<typeof createMatchWorker>;
