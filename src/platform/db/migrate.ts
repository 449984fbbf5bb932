import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLogger } from '../logger.js';
import type { Database } from './database.js';

const log = getLogger('db');

/** Folder of the committed SQL migrations, applied in file-name order. */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies every migration not yet applied, each in its own transaction; returns the names applied. */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  // Nothing pending: no DDL at all, so a role that owns no tables (ADR 0105) can start.
  if (await upToDate(db, dir, files)) {
    return [];
  }
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  for (const name of files) {
    const sql = readFileSync(join(dir, name), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const done = await db.transaction(async (tx) => {
      // One migrator at a time across processes sharing a server.
      await tx.query('SELECT pg_advisory_xact_lock(727274)');
      const rows = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE name = $1',
        [name],
      );
      if (rows[0]) {
        if (rows[0].checksum !== checksum) {
          throw new Error(`migration ${name} was changed after it was applied`);
        }
        return false;
      }
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [
        name,
        checksum,
      ]);
      return true;
    });
    if (done) {
      applied.push(name);
      log.info('migration applied', { migration: name });
    }
  }
  return applied;
}

/** Whether every migration file is applied with its checksum (throws on a changed one). */
async function upToDate(db: Database, dir: string, files: readonly string[]): Promise<boolean> {
  const [table] = await db.query<{ t: string | null }>(
    "SELECT to_regclass('schema_migrations')::text AS t",
  );
  if (!table?.t) {
    return false;
  }
  const rows = await db.query<{ name: string; checksum: string }>(
    'SELECT name, checksum FROM schema_migrations',
  );
  const applied = new Map(rows.map((r) => [r.name, r.checksum]));
  let pending = false;
  for (const name of files) {
    const checksum = applied.get(name);
    if (checksum === undefined) {
      pending = true;
    } else if (
      checksum !==
      createHash('sha256')
        .update(readFileSync(join(dir, name), 'utf8'))
        .digest('hex')
    ) {
      throw new Error(`migration ${name} was changed after it was applied`);
    }
  }
  return !pending;
}
