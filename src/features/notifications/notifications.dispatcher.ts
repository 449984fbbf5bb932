// The background dispatcher: claims due outbox rows, sends them, retries with back-off.
import type { Database } from '../../platform/db/index.js';
import { getLogger } from '../../platform/logger.js';
import { describeFailure, type Mailer } from './notifications.mailer.js';
import {
  claimDue,
  markFailed,
  markSent,
  markStaleUncertain,
} from './notifications.outbox.repository.js';

const log = getLogger('jobs');

/** Tuning of the dispatcher. */
export interface DispatcherOptions {
  /** Rows claimed per run. */
  batchSize: number;
  /** Delay before the first retry; doubles with every failed attempt. */
  baseDelayMs: number;
  /** Longest delay between attempts. */
  maxDelayMs: number;
  /** Attempts before a delivery is marked failed for good. */
  maxAttempts: number;
  /** A claim older than this is considered lost (the row becomes uncertain). */
  leaseMs: number;
}

/** Defaults: 30 s, 1 min, 2 min, … up to 1 h; 8 attempts. */
export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  batchSize: 20,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 8,
  leaseMs: 600_000,
};

/** Delay before the next attempt after `attempts` failures (exponential, capped). */
export function backoffMs(attempts: number, o: DispatcherOptions): number {
  return Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/** What one run did. */
export interface RunSummary {
  sent: number;
  retried: number;
  failed: number;
}

/** A startable, stoppable dispatcher; tests call `runOnce(now)` directly. */
export interface Dispatcher {
  runOnce(now?: Date): Promise<RunSummary>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

/** Creates a dispatcher sending the outbox's e-mails through `mailer`. */
export function createDispatcher(
  db: Database,
  mailer: Mailer,
  options: Partial<DispatcherOptions> = {},
): Dispatcher {
  const o = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RunSummary> | undefined;
  let stopped = true;

  async function run(now: Date): Promise<RunSummary> {
    const summary: RunSummary = { sent: 0, retried: 0, failed: 0 };
    const lost = await markStaleUncertain(db, new Date(now.getTime() - o.leaseMs));
    if (lost > 0) {
      log.warn('outbox claims lost; deliveries marked uncertain', { count: lost });
    }
    for (const d of await claimDue(db, now, o.batchSize)) {
      try {
        await mailer.send({
          to: d.to,
          subject: d.subject,
          text: d.body,
          messageId: `<${d.id}@ariadne>`,
        });
        await markSent(db, d.id, new Date());
        summary.sent += 1;
      } catch (err) {
        const reason = describeFailure(err);
        const retry = d.attempts < o.maxAttempts;
        await markFailed(
          db,
          d.id,
          reason,
          retry ? new Date(now.getTime() + backoffMs(d.attempts, o)) : null,
        );
        summary[retry ? 'retried' : 'failed'] += 1;
        log.warn('e-mail delivery failed', { delivery: d.id, attempt: d.attempts, reason, retry });
      }
    }
    return summary;
  }

  const dispatcher: Dispatcher = {
    async runOnce(now = new Date()) {
      // One run at a time in this process; other processes are kept apart by SKIP LOCKED.
      while (running) {
        await running.catch(() => undefined);
      }
      running = run(now);
      try {
        return await running;
      } finally {
        running = undefined;
      }
    },
    start(intervalMs = 5_000) {
      if (!stopped) {
        return;
      }
      stopped = false;
      const tick = () => {
        dispatcher
          .runOnce()
          .catch((err: unknown) => log.error('dispatcher run failed', { err }))
          .finally(() => {
            if (!stopped) {
              timer = setTimeout(tick, intervalMs);
              timer.unref();
            }
          });
      };
      timer = setTimeout(tick, 0);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
      mailer.close();
    },
  };
  return dispatcher;
}
