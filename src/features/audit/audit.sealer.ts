// The audit sealer (ADR 0120): events are recorded in the work's transaction without a place in
// the chain; the sealer gives them position, prev_hash and hash after they commit, in the order
// it finds them committed. Sealers serialise on one advisory lock held only while sealing, so a
// node of several processes keeps one linear chain and writers never wait for each other.
import type { Database } from '../../platform/db/index.js';
import { getLogger } from '../../platform/logger.js';
import { hashEvent } from './audit.chain.js';
import { lockHead, sealEvents, unsealedBacklog, unsealedEvents } from './audit.repository.js';

const log = getLogger('audit');

/** Events sealed per transaction. */
const BATCH = 2000;

/**
 * Seals every event committed so far, oldest first, a batch per transaction; returns how many
 * it sealed. Safe to call from several places at once: sealers take turns on the lock.
 */
export async function sealPending(db: Database, batch = BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction(async (tx) => {
      let head = await lockHead(tx);
      const events = await unsealedEvents(tx, batch);
      if (events.length === 0) {
        return 0;
      }
      const seals = events.map(({ seq, ...content }) => {
        const chained = { ...content, position: head.position + 1, prevHash: head.hash };
        head = { position: chained.position, hash: hashEvent(chained) };
        return { seq, position: head.position, prevHash: chained.prevHash, hash: head.hash };
      });
      await sealEvents(tx, seals);
      return events.length;
    });
    total += sealed;
    if (sealed < batch) {
      return total;
    }
  }
}

// Set by recordAudit (before its transaction commits): the sealer runs at its next tick.
let nudged = false;

/** Tells the process's sealer that an event was recorded. */
export function notifySealer(): void {
  nudged = true;
}

/** How far sealing is behind, for /health. */
export interface SealerBacklog {
  /** Committed events not yet in the chain. */
  unsealed: number;
  /** Age of the oldest of them, in milliseconds (0 when none). */
  lagMs: number;
}

/** Reads the backlog from the database (all processes of the node). */
export async function sealerBacklog(db: Database): Promise<SealerBacklog> {
  const { count, oldest } = await unsealedBacklog(db);
  return { unsealed: count, lagMs: oldest ? Math.max(0, Date.now() - oldest.getTime()) : 0 };
}

/** Sealer timing. */
export interface SealerOptions {
  /** How often it looks for a nudge. */
  intervalMs: number;
  /** How often it seals even without a nudge (events of a process that stopped, of the CLI). */
  sweepMs: number;
}

/** Defaults: a nudged seal within 50 ms, a sweep every second. */
export const DEFAULT_SEALER_OPTIONS: SealerOptions = { intervalMs: 50, sweepMs: 1000 };

/** The background sealer of a process: start() on an unref'd timer, stop() seals what is left. */
export function createAuditSealer(db: Database, options: Partial<SealerOptions> = {}) {
  const o = { ...DEFAULT_SEALER_OPTIONS, ...options };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let lastSeal = 0;

  function tick(): void {
    if (running || (!nudged && Date.now() - lastSeal < o.sweepMs)) {
      return;
    }
    nudged = false;
    lastSeal = Date.now();
    running = sealPending(db)
      .then(
        () => undefined,
        (err: unknown) => {
          // Events stay unsealed (and visible in /health) until the next round succeeds.
          nudged = true;
          log.error('audit sealing failed', { err });
        },
      )
      .finally(() => {
        running = undefined;
      });
  }

  return {
    /** Starts sealing in the background. */
    start(): void {
      timer ??= setInterval(tick, o.intervalMs);
      timer.unref();
    },
    /** Stops the timer and seals what was committed meanwhile. */
    async stop(): Promise<void> {
      if (timer) {
        clearInterval(timer);
        timer = undefined;
      }
      await running;
      await sealPending(db);
    },
  };
}

/** A process's audit sealer. */
export type AuditSealer = ReturnType<typeof createAuditSealer>;
