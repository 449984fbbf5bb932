// Spare in-memory PGlite databases for tests that start a second node (federation, linkage).
// Opening one costs a database start-up from the snapshot (2–4 s of CPU); a database handed
// back is emptied (signing keys too) and lent to the next test, which then sees the same
// migrated, empty database a fresh one would be.
import { migrate, openPglite, type Database } from '../src/platform/db/index.js';
import { emptyDatabase } from './node.js';

/** A database lent by the pool: `release` empties it and keeps it for the next borrower. */
export interface PooledDatabase {
  db: Database;
  release(): Promise<void>;
}

const spare: Database[] = [];

/**
 * Lends a migrated, empty in-memory PGlite. The borrower sees its own view of it: notifications
 * reach the listeners it registered only until it releases the database, so a stopped node's
 * caches never hear the next test's traffic.
 */
export async function borrowPglite(): Promise<PooledDatabase> {
  let base = spare.pop();
  if (!base) {
    base = await openPglite(undefined);
    await migrate(base);
  }
  const db = base;
  let lent = true;
  const view: Database = {
    ...db,
    listen: (channel, handler) =>
      db.listen(channel, () => {
        if (lent) {
          handler();
        }
      }),
    // The pool owns the database: a node closing its own database just hands it back.
    close: () => Promise.resolve(),
  };
  return {
    db: view,
    async release() {
      if (!lent) {
        return;
      }
      lent = false;
      try {
        await emptyDatabase(db, { signingKeys: true });
        spare.push(db);
      } catch {
        // A database that cannot be emptied is not lent again.
        await db.close();
      }
    },
  };
}

/** Closes the spare databases (when the run ends). */
export async function closePool(): Promise<void> {
  for (const db of spare.splice(0)) {
    await db.close();
  }
}
