import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { loadConfig, type AppConfig } from '../src/config/index.js';
import {
  migrate,
  openPglite,
  openPostgres,
  type Database,
  type Queryable,
} from '../src/platform/db/index.js';
import { configureLogger } from '../src/platform/logger.js';
import { useTestPasswordCost } from '../src/platform/crypto/index.js';
import { createServices, type Services } from '../src/container.js';
import { buildApp } from '../src/app.js';

/** One node for the whole test run: database, services and app. */
export interface TestNode {
  db: Database;
  config: AppConfig;
  services: Services;
  app: Express;
}

// Kept on globalThis: mocha may load a spec file as ESM (when its imports use top-level await)
// while the root hooks were loaded through require, giving this module two instances.
const state = globalThis as typeof globalThis & { __ariadneTestNode?: TestNode };

/**
 * The mocha worker this process is when the suite runs with `--parallel` (`npm test`), else
 * undefined. Each worker has its own node: its own in-memory PGlite, or its own PostgreSQL database.
 */
const workerId = process.env.MOCHA_WORKER_ID;

/** Whether this process is a parallel mocha worker (its node lives until the worker exits). */
export const inParallelWorker = workerId !== undefined;

/** A temporary DATA_DIR for the run (stored files), removed when the node stops. */
let dataDir: string | undefined;
function testDataDir(): string {
  if (!dataDir) {
    const dir = mkdtempSync(join(tmpdir(), 'ariadne-test-'));
    dataDir = dir;
    if (inParallelWorker) {
      // A worker's node is never stopped by a hook: remove its files when the worker exits.
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
  }
  return dataDir;
}

/**
 * In a parallel worker under test:pg, creates the worker's own database beside the run's
 * (`<run database>_w<worker>`, dropped with it by scripts/test-pg.ts) and points
 * TEST_DATABASE_URL at it, so every test of this worker, and any connection a test opens
 * itself, uses it. Two workers never share tables.
 */
async function useWorkerDatabase(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url || workerId === undefined || process.env.ARIADNE_TEST_WORKER_DB === url) {
    return;
  }
  const target = new URL(url);
  const name = `${decodeURIComponent(target.pathname.slice(1))}_w${workerId}`;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (err) {
    // 42P04: a worker restarted by the pool finds its database already there.
    if ((err as { code?: string }).code !== '42P04') {
      throw err;
    }
  } finally {
    await client.end();
  }
  target.pathname = `/${encodeURIComponent(name)}`;
  process.env.TEST_DATABASE_URL = target.toString();
  process.env.ARIADNE_TEST_WORKER_DB = process.env.TEST_DATABASE_URL;
}

/** The configuration tests run with (env overrides allowed). */
export function testConfig(extra: NodeJS.ProcessEnv = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '10000',
    REFRESH_RATE_LIMIT: '10000',
    ACCOUNT_RATE_LIMIT: '10000',
    DATA_DIR: testDataDir(),
    ...(process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
    ...extra,
  });
}

/**
 * Starts the shared test node once per run: PGlite in memory by default, or the PostgreSQL
 * server named by TEST_DATABASE_URL (CI).
 */
export async function startTestNode(): Promise<TestNode> {
  if (state.__ariadneTestNode) {
    return state.__ariadneTestNode;
  }
  configureLogger({ level: 'silent' });
  await useWorkerDatabase();
  const config = testConfig();
  // argon2 at the suite's low cost (same algorithm and code path; ADR 0123).
  useTestPasswordCost(config.env);
  const db = config.env.DATABASE_URL
    ? await openPostgres(config.env.DATABASE_URL)
    : await openPglite(undefined);
  await migrate(db);
  const counted = countingDatabase(db);
  const services = createServices(counted, config);
  state.__ariadneTestNode = { db: counted, config, services, app: buildApp(services) };
  return state.__ariadneTestNode;
}

// SQL statements run through the test node's database (see countStatements), and the texts
// while recordStatements listens.
let statements = 0;
let recording: string[] | undefined;

/** The database with every statement counted (in transactions too; BEGIN/COMMIT are not). */
function countingDatabase(db: Database): Database {
  const counting = (q: Queryable): Queryable => ({
    query: (sql, params, options) => {
      statements += 1;
      recording?.push(sql);
      return q.query(sql, params, options);
    },
    exec: (sql) => {
      statements += 1;
      recording?.push(sql);
      return q.exec(sql);
    },
  });
  return {
    ...db,
    ...counting(db),
    transaction: (work) => db.transaction((tx) => work(counting(tx))),
  };
}

/**
 * How many SQL statements `work` ran (nothing else may run meanwhile): e.g. to show that a
 * list's statement count does not grow with its page size.
 */
export async function countStatements(work: () => Promise<unknown>): Promise<number> {
  const before = statements;
  await work();
  return statements - before;
}

/** The SQL texts `work` ran (nothing else may run meanwhile). */
export async function recordStatements(work: () => Promise<unknown>): Promise<string[]> {
  const texts: string[] = [];
  recording = texts;
  try {
    await work();
  } finally {
    recording = undefined;
  }
  return texts;
}

/** The running test node (after the root hook started it). */
export function testNode(): TestNode {
  if (!state.__ariadneTestNode) {
    throw new Error('test node not started');
  }
  return state.__ariadneTestNode;
}

/** Builds another app on the shared database with different settings (e.g. a low rate limit). */
export function buildTestApp(extra: NodeJS.ProcessEnv): Express {
  const { db } = testNode();
  return buildApp(createServices(db, testConfig(extra)));
}

/** What a reset needs to know about the schema, read once per database (migrations are done by then). */
interface ResetPlan {
  /**
   * Empties every data table with triggers and foreign-key checks skipped, then restarts the
   * identity sequences (as TRUNCATE … RESTART IDENTITY would).
   */
  resetAll: string;
  /** The old way, for a database role that cannot skip triggers. */
  truncateAll: string;
  /** Whether the role may set session_replication_role (superuser: PGlite, the CI server). */
  canSkipTriggers: boolean;
}
const resetPlans = new WeakMap<Database, Promise<ResetPlan>>();
let resetsSinceVacuum = 0;

/** Tables a reset of the shared node keeps: the node's signing keys and the fixed lists. */
const KEPT_TABLES = ['schema_migrations', 'signing_keys', 'federation_message_kinds'];

async function planReset(db: Database, kept: string[]): Promise<ResetPlan> {
  const list = kept.map((t) => `'${t}'`).join(', ');
  const tables = await db.query<{ tablename: string; guarded: boolean }>(
    `SELECT t.tablename, EXISTS (
       SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
       WHERE c.relname = t.tablename AND NOT g.tgisinternal) AS guarded
     FROM pg_tables t WHERE t.schemaname = 'public' AND t.tablename NOT IN (${list})
     ORDER BY t.tablename`,
  );
  const sequences = await db.query<{ name: string; start: string }>(
    `SELECT s.relname AS name, q.seqstart::text AS start FROM pg_class s
       JOIN pg_sequence q ON q.seqrelid = s.oid
       JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE s.relkind = 'S' AND n.nspname = 'public' AND t.relname NOT IN (${list})`,
  );
  const [role] = await db.query<{ superuser: boolean }>(
    `SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
  );
  const quoted = tables.map((t) => `"${t.tablename}"`);
  const guarded = tables.filter((t) => t.guarded).map((t) => `"${t.tablename}"`);
  // Every owned sequence back to its start, used or not: a few setval calls cost less than asking
  // pg_sequences which ones were used (ADR 0125).
  const restart = sequences
    .map((s) => `SELECT setval('"${s.name}"', ${s.start}, false);`)
    .join('\n');
  return {
    resetAll: `SET session_replication_role = replica;
      ${quoted.map((t) => `DELETE FROM ${t};`).join('\n')}
      ${restart}
      SET session_replication_role = DEFAULT;
      SELECT pg_notify('ariadne_auth', 'reset');`,
    truncateAll: quoted.length
      ? `${guarded.map((t) => `ALTER TABLE ${t} DISABLE TRIGGER USER;`).join('\n')}
         TRUNCATE ${quoted.join(', ')} RESTART IDENTITY CASCADE;
         ${guarded.map((t) => `ALTER TABLE ${t} ENABLE TRIGGER USER;`).join('\n')}`
      : '',
    canSkipTriggers: role?.superuser === true,
  };
}

/**
 * Empties every data table of `db` and restarts identity sequences, as `TRUNCATE … RESTART
 * IDENTITY` would; with `signingKeys` its signing keys go too, leaving the database as a fresh
 * migrated one (a node on it creates its key on first use). It deletes rows with triggers and
 * foreign-key checks skipped for the reset's own transaction (`session_replication_role =
 * replica`), which is far cheaper than TRUNCATE: no new relation files, no cache invalidation,
 * no locks beyond the tables' own. Append-only guards are skipped the same way, only inside
 * that transaction.
 */
export async function emptyDatabase(
  db: Database,
  o: { signingKeys?: boolean } = {},
): Promise<void> {
  let planned = resetPlans.get(db);
  if (!planned) {
    planned = planReset(
      db,
      o.signingKeys ? KEPT_TABLES.filter((t) => t !== 'signing_keys') : KEPT_TABLES,
    );
    resetPlans.set(db, planned);
  }
  const plan = await planned;
  if (!plan.canSkipTriggers) {
    // Append-only tables refuse TRUNCATE through triggers: lift them for the reset only,
    // in the same implicit transaction, so a failure leaves every trigger in place.
    if (plan.truncateAll) {
      await db.exec(plan.truncateAll);
    }
    return;
  }
  // One implicit transaction: when it fails, the SET is rolled back with it.
  await db.exec(plan.resetAll);
}

/** Empties the shared node's data tables between tests (its signing keys and migrations stay). */
export async function resetData(): Promise<void> {
  const { db } = testNode();
  await emptyDatabase(db);
  // Deleted rows stay behind as dead tuples; PGlite has no autovacuum, so sweep now and then.
  resetsSinceVacuum += 1;
  if (db.kind === 'pglite' && resetsSinceVacuum >= 200) {
    resetsSinceVacuum = 0;
    await db.exec('VACUUM');
  }
}

// The test allowed to start from the data the previous test left (see keepDataFor), and the
// test that did. Only authorization-matrix rows use this; every other test starts empty.
let keepFor: unknown;
let keptFor: unknown;

/**
 * Lets `next` (a mocha test) start from the current data instead of empty tables. The matrix
 * uses it to build a row's fixture once: a cell that changed nothing hands its data on.
 */
export function keepDataFor(next: unknown): void {
  keepFor = next;
}

/** Whether `test` started from data a previous test kept for it (see keepDataFor). */
export function startedFromKeptData(test: unknown): boolean {
  return test !== undefined && keptFor === test;
}

/** Root beforeEach: empties the tables, unless the previous test kept its data for this one. */
export async function prepareTest(test: unknown): Promise<void> {
  const kept = keepFor !== undefined && keepFor === test;
  keepFor = undefined;
  keptFor = kept ? test : undefined;
  if (!kept) {
    await resetData();
  }
}

// Work to finish when the run ends (e.g. this process's Chromium), before the node stops.
const runEndHooks: (() => Promise<void>)[] = [];

/**
 * Registers `hook` to run when the run ends in this process (the root afterAll of a serial run).
 * A parallel worker never runs it: what it started ends with the worker process.
 */
export function atRunEnd(hook: () => Promise<void>): void {
  runEndHooks.push(hook);
}

/** Closes the shared node. */
export async function stopTestNode(): Promise<void> {
  for (const hook of runEndHooks.splice(0)) {
    await hook();
  }
  await state.__ariadneTestNode?.db.close();
  state.__ariadneTestNode = undefined;
  keepFor = undefined;
  keptFor = undefined;
  if (dataDir) {
    rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  }
}
