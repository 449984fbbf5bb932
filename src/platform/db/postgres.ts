import pg from 'pg';
import type { Database, Queryable } from './database.js';
import { assertNotInTransaction, markTransaction } from './tx-guard.js';

// int8 (counts, sequences) as JS numbers: our values stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/** Connects to a PostgreSQL server through a `pg` pool. */
export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // Fail at start-up, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      assertNotInTransaction();
      return (await pool.query(sql, params as unknown[])).rows as T[];
    },
    async exec(sql) {
      assertNotInTransaction();
      await pool.query(sql);
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      assertNotInTransaction();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await markTransaction(() =>
          work({
            query: async <R>(sql: string, params: readonly unknown[] = []) =>
              (await client.query(sql, params as unknown[])).rows as R[],
            exec: async (sql: string) => {
              await client.query(sql);
            },
          }),
        );
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
