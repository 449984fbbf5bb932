import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { loadConfig, type AppConfig } from '../src/config/index.js';
import { migrate, openPglite, openPostgres, type Database } from '../src/platform/db/index.js';
import { configureLogger } from '../src/platform/logger.js';
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

/** A temporary DATA_DIR for the run (stored files), removed when the node stops. */
let dataDir: string | undefined;
function testDataDir(): string {
  dataDir ??= mkdtempSync(join(tmpdir(), 'ariadne-test-'));
  return dataDir;
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
  const config = testConfig();
  const db = config.env.DATABASE_URL
    ? await openPostgres(config.env.DATABASE_URL)
    : await openPglite(undefined);
  await migrate(db);
  const services = createServices(db, config);
  state.__ariadneTestNode = { db, config, services, app: buildApp(services) };
  return state.__ariadneTestNode;
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

/** Empties every data table between tests (signing keys and migrations stay). */
export async function resetData(): Promise<void> {
  const { db } = testNode();
  const tables = await db.query<{ tablename: string; guarded: boolean }>(
    `SELECT t.tablename, EXISTS (
       SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
       WHERE c.relname = t.tablename AND NOT g.tgisinternal) AS guarded
     FROM pg_tables t WHERE t.schemaname = 'public'
       AND t.tablename NOT IN ('schema_migrations', 'signing_keys')`,
  );
  if (tables.length === 0) {
    return;
  }
  // Append-only tables refuse TRUNCATE through triggers: lift them for the reset only,
  // in the same implicit transaction, so a failure leaves every trigger in place.
  const guarded = tables.filter((t) => t.guarded).map((t) => `"${t.tablename}"`);
  const list = tables.map((t) => `"${t.tablename}"`).join(', ');
  await db.exec(`
    ${guarded.map((t) => `ALTER TABLE ${t} DISABLE TRIGGER USER;`).join('\n')}
    TRUNCATE ${list} RESTART IDENTITY CASCADE;
    ${guarded.map((t) => `ALTER TABLE ${t} ENABLE TRIGGER USER;`).join('\n')}
  `);
}

/** Closes the shared node. */
export async function stopTestNode(): Promise<void> {
  await state.__ariadneTestNode?.db.close();
  state.__ariadneTestNode = undefined;
  if (dataDir) {
    rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  }
}
