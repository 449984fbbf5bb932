import type { Database, Queryable } from './database.js';

/** PostgreSQL errors after which the whole transaction may simply be run again. */
export const RETRYABLE_PG_CODES = new Set(['40001', '40P01']);

/** True for a serialisation failure (40001) or a deadlock (40P01). */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_PG_CODES.has(code);
}

/**
 * Runs `work` in one transaction and runs it again (a fresh transaction, a short growing pause)
 * when PostgreSQL aborted it as a serialisation failure or a deadlock victim; any other error,
 * or the last failed attempt, is thrown. `work` must do nothing outside the transaction.
 */
export async function transactionWithRetry<T>(
  db: Database,
  work: (tx: Queryable) => Promise<T>,
  attempts = 4,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) {
        throw err;
      }
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 10));
    }
  }
}
