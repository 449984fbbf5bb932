import { AsyncLocalStorage } from 'node:async_hooks';

const openTransaction = new AsyncLocalStorage<true>();

/** Runs work marked as inside a transaction (for the guard below). */
export function markTransaction<T>(work: () => Promise<T>): Promise<T> {
  return openTransaction.run(true, work);
}

/**
 * Refuses a query on the database handle from code already inside a transaction: it would run
 * outside that transaction (on PostgreSQL) or wait forever for it (on PGlite). Use the `tx`.
 */
export function assertNotInTransaction(): void {
  if (openTransaction.getStore()) {
    throw new Error('database handle used inside a transaction: pass and use the transaction');
  }
}

/** True inside a transaction's work (slow CPU work such as argon2 refuses to run there). */
export function inOpenTransaction(): boolean {
  return openTransaction.getStore() === true;
}
