import { join } from 'node:path';
import type { Env } from '../../config/index.js';
import type { Database } from './database.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export type { Database, Queryable, QueryOptions } from './database.js';
export { inTransaction } from './database.js';
export { assignments, placeholders } from './sql.js';
export { migrate } from './migrate.js';
export { isRetryable, transactionWithRetry } from './retry.js';
export { openPglite } from './pglite.js';
export { openPostgres } from './postgres.js';

/** Opens the database the environment names: PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR. */
export function openDatabase(env: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>): Promise<Database> {
  return env.DATABASE_URL
    ? openPostgres(env.DATABASE_URL)
    : openPglite(join(env.DATA_DIR, 'pgdata'));
}
export { grantAppRole, appRoleUrl, AppRoleError } from './app-role.js';
