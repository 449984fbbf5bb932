// The benchmark's own database on the PostgreSQL server: created for a run and dropped after,
// or kept by name (--keep) so a seeded node is reused between runs.
import pg from 'pg';

/** A database URL on the same server as `server`, named `name`. */
export function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(server: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database unless it exists; says whether it was there already. */
export function ensureDatabase(server: string, name: string): Promise<boolean> {
  return onServer(server, async (c) => {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) {
      return true;
    }
    await c.query(`CREATE DATABASE "${name}"`);
    return false;
  });
}

/** Drops the database (its connections closed first). */
export function dropDatabase(server: string, name: string): Promise<void> {
  return onServer(server, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}
