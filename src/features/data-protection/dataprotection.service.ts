// The data-protection feature's services in one object: retention (and its schedule), legal
// holds, erasure requests and the access log of a record.
import type { Database } from '../../platform/db/index.js';
import type { AppConfig } from '../../config/index.js';
import { authorizeType, type Actor } from '../../platform/authz/index.js';
import { getLogger } from '../../platform/logger.js';
import { createAccessLog } from './dataprotection.accesslog.js';
import { createErasure, type ErasureDeps } from './dataprotection.erasure.js';
import { createLegalHolds } from './dataprotection.holds.js';
import { RETENTION } from './dataprotection.policy.js';
import { createRetention, type RetentionDeps } from './dataprotection.retention.js';

/** What the feature needs from others (wired in the container). */
export type DataProtectionDeps = Omit<RetentionDeps, 'db' | 'config'> &
  Omit<ErasureDeps, 'db' | 'removeFiles'>;

const log = getLogger('app');

/** Retention, holds, erasure and the access log. */
export function createDataProtectionService(
  db: Database,
  config: AppConfig,
  deps: DataProtectionDeps,
) {
  const retention = createRetention({
    db,
    config,
    removeOwnerFiles: deps.removeOwnerFiles,
    eraseReceivedDisclosures: deps.eraseReceivedDisclosures,
  });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  return {
    retention,
    holds: createLegalHolds(db),
    erasure: createErasure({
      ...deps,
      db,
      removeFiles: (t, id) => deps.removeOwnerFiles(t, 'report', id),
    }),
    accessLog: createAccessLog(db),

    /** The dry run for administrators: what retention would remove now (or at `at`). */
    planRetention(actor: Actor, at?: string) {
      authorizeType(actor, 'plan', RETENTION);
      return retention.apply(at ? new Date(at) : new Date(), { dryRun: true });
    },

    /**
     * The retention job inside the service: every `retention.intervalMinutes` (0 = off; the
     * first run comes one interval after start). server.ts starts it; tests call apply.
     */
    scheduler: {
      start(): boolean {
        const minutes = config.node.retention.intervalMinutes;
        if (minutes <= 0 || timer) {
          return false;
        }
        timer = setInterval(() => {
          if (running) {
            return;
          }
          running = retention
            .apply(new Date())
            .then((r) =>
              log.info('retention applied', {
                categories: Object.fromEntries(r.categories.map((c) => [c.category, c.due])),
              }),
            )
            .catch((err: unknown) => log.error('retention failed', { err }))
            .finally(() => {
              running = undefined;
            });
        }, minutes * 60_000);
        timer.unref();
        return true;
      },
      async stop(): Promise<void> {
        if (timer) {
          clearInterval(timer);
          timer = undefined;
        }
        await running;
      },
    },
  };
}

/** The data-protection service. */
export type DataProtectionService = ReturnType<typeof createDataProtectionService>;
