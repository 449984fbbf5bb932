import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Database, Queryable, QueryOptions } from './database.js';
import { assertNotInTransaction, markTransaction } from './tx-guard.js';

let driver: Promise<typeof pg> | undefined;

/** The `pg` driver, loaded when a server is used (never by the embedded default; ADR 0129). */
function loadPg(): Promise<typeof pg> {
  driver ??= import('pg').then(({ default: loaded }) => {
    // int8 (counts, sequences) as JS numbers: our values stay far below 2^53.
    loaded.types.setTypeParser(20, (v) => Number(v));
    return loaded;
  });
  return driver;
}

/** Texts given a prepared-statement name at most (a misuse cannot grow every connection forever). */
const MAX_PREPARED = 500;
const preparedNames = new Map<string, string>();

/**
 * What `pg` is asked to run: a named statement for a prepared text (each connection parses and
 * plans it once, ADR 0136), else an unnamed one.
 */
function statement(sql: string, params: readonly unknown[], options?: QueryOptions) {
  const values = params as unknown[];
  if (!options?.prepared) {
    return { text: sql, values };
  }
  let name = preparedNames.get(sql);
  if (!name) {
    if (preparedNames.size >= MAX_PREPARED) {
      return { text: sql, values };
    }
    // Named by the text's digest: one name never stands for two texts.
    name = `ariadne_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    preparedNames.set(sql, name);
  }
  return { name, text: sql, values };
}

/** Connects to a PostgreSQL server through a `pg` pool. */
export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pg = await loadPg();
  const pool = new pg.Pool({ connectionString: url, max });
  // Channels listened on, and which connections have issued LISTEN for them. Every connection
  // listens, so a transaction hears its own NOTIFY before its COMMIT returns; losing one
  // calls every handler, since it may have missed a notification.
  const handlers = new Map<string, Set<() => void>>();
  const listening = new WeakMap<pg.PoolClient, Set<string>>();
  const notifyAll = (channel?: string) => {
    for (const [name, set] of handlers) {
      if (channel === undefined || channel === name) {
        set.forEach((h) => h());
      }
    }
  };
  const ensureListening = async (client: pg.PoolClient) => {
    let done = listening.get(client);
    if (!done) {
      done = new Set();
      listening.set(client, done);
      client.on('notification', (msg) => notifyAll(msg.channel));
    }
    for (const channel of handlers.keys()) {
      if (!done.has(channel)) {
        await client.query(`LISTEN "${channel}"`);
        done.add(channel);
      }
    }
  };
  pool.on('remove', () => notifyAll());
  /** Checks a connection out, listening on every channel before it runs anything. */
  const connect = async () => {
    const client = await pool.connect();
    try {
      await ensureListening(client);
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
    return client;
  };
  // Fail at start-up, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) {
      assertNotInTransaction();
      const client = await connect();
      try {
        return (await client.query(statement(sql, params, options))).rows as T[];
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      assertNotInTransaction();
      const client = await connect();
      try {
        await client.query(sql);
      } finally {
        client.release();
      }
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      assertNotInTransaction();
      const client = await connect();
      try {
        await client.query('BEGIN');
        const result = await markTransaction(() =>
          work({
            query: async <R>(
              sql: string,
              params: readonly unknown[] = [],
              options?: QueryOptions,
            ) => (await client.query(statement(sql, params, options))).rows as R[],
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
    async listen(channel, handler) {
      if (!/^[a-z_]+$/.test(channel)) {
        throw new Error(`bad channel name ${channel}`);
      }
      const set = handlers.get(channel) ?? new Set();
      set.add(handler);
      handlers.set(channel, set);
      // Connections listen before their next statement; make one listen now.
      const client = await connect();
      client.release();
    },
    async close() {
      await pool.end();
    },
  };
}
