import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import type { Database, Queryable, QueryOptions } from './database.js';
import { assertNotInTransaction, markTransaction } from './tx-guard.js';
import { lockDataDir } from './data-dir-lock.js';
import { copySnapshotDataDir, isEmptyDataDir, readSnapshot } from './pglite-snapshot.js';
import { createPreparedStatements } from './pglite-prepared.js';

/** The embedded database, which can also be dumped as a gzipped tarball of its data folder. */
export interface PgliteDatabase extends Database {
  /** The data folder as a .tar.gz (PGlite's dumpDataDir). */
  dump(): Promise<Buffer>;
}

/**
 * Shared buffers of the embedded server: 32 MB instead of PostgreSQL's 128 MB. Start-up
 * initialises them inside WebAssembly memory, so 128 MB cost about 0.4 s of CPU on every start
 * (ADR 0129); pages beyond them are still cached by the operating system. No durability setting
 * changes.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/** Options of openPglite. */
export interface PgliteOptions {
  /** Start an empty data folder (or memory) from the migrated snapshot when one exists (default true). */
  fromSnapshot?: boolean;
}

/**
 * Opens the embedded PostgreSQL (PGlite); `dataDir` undefined keeps it in memory. An empty data
 * folder starts from the snapshot of the current migrations when one was taken (ADR 0122).
 */
export async function openPglite(
  dataDir: string | undefined,
  options: PgliteOptions = {},
): Promise<PgliteDatabase> {
  let unlock = () => undefined as void;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let pg: PGlite;
  try {
    const fromSnapshot = options.fromSnapshot !== false && isEmptyDataDir(dataDir);
    // A data folder is copied from the snapshot's folder when there is one; memory, or a
    // cache without that folder, unpacks the tarball (ADR 0122, 0129).
    const copied = fromSnapshot && dataDir !== undefined && copySnapshotDataDir(dataDir);
    const snapshot = fromSnapshot && !copied ? readSnapshot() : undefined;
    pg = await PGlite.create(dataDir, {
      extensions: { pg_trgm, unaccent, fuzzystrmatch, cube, earthdistance },
      startParams: START_PARAMS,
      ...(snapshot ? { loadDataDir: snapshot } : {}),
    });
  } catch (err) {
    unlock();
    throw err;
  }
  const prepared = createPreparedStatements(pg);
  const query = async <T>(
    sql: string,
    params: readonly unknown[] = [],
    options?: QueryOptions,
  ): Promise<T[]> => {
    assertNotInTransaction();
    if (options?.prepared && prepared.accepts(sql)) {
      // As PGlite's own query: no transaction in between, then the query lock.
      return pg._runExclusiveTransaction(() =>
        pg.runExclusive(() => prepared.run<T>(sql, params, true)),
      );
    }
    return (await pg.query<T>(sql, params as unknown[])).rows;
  };
  return {
    kind: 'pglite',
    query,
    async exec(sql) {
      assertNotInTransaction();
      await pg.exec(sql);
    },
    transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      assertNotInTransaction();
      return pg.transaction(async (tx) =>
        markTransaction(() =>
          work({
            query: async <R>(
              sql: string,
              params: readonly unknown[] = [],
              options?: QueryOptions,
            ) =>
              options?.prepared && prepared.accepts(sql) && !tx.closed
                ? pg.runExclusive(() => prepared.run<R>(sql, params, false))
                : // (A closed transaction refuses the statement here, as PGlite does.)
                  (await tx.query<R>(sql, params as unknown[])).rows,
            exec: async (sql: string) => {
              await tx.exec(sql);
            },
          }),
        ),
      );
    },
    async listen(channel, handler) {
      await pg.listen(channel, () => handler());
    },
    async dump() {
      const blob = await pg.dumpDataDir('gzip');
      return Buffer.from(await blob.arrayBuffer());
    },
    async close() {
      await pg.close();
      unlock();
    },
  };
}
