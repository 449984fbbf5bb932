// Runs the whole test suite against a real PostgreSQL server, in a database it creates and drops.
// The whole suite runs as `npm test` does, in parallel workers (package.json "test"), each with
// its own database `<run database>_w<worker>` (test/node.ts), dropped here with the run's.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const adminUrl = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `ariadne_test_${process.pid}_${Date.now()}`;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Two parallel workers, like `npm test`, unless TEST_SERIAL=1 asks for one process (as
 * `npm run test:serial`) (ADR 0124).
 */
const PARALLEL = process.env.TEST_SERIAL === '1' ? [] : ['--parallel', '--jobs', '2'];

/** Drops the run's database and its workers' (`<name>_w<n>`). */
async function dropRunDatabases(): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $1 || '\\_w%'`,
      [name],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  console.log(`test:pg: running the suite against ${url.host}/${name}`);
  try {
    const args =
      process.argv.length > 2 ? process.argv.slice(2) : [...PARALLEL, 'test/**/*.test.ts'];
    const run = spawnSync('npx', ['mocha', ...args], {
      stdio: 'inherit',
      env: { ...process.env, TEST_DATABASE_URL: url.toString() },
    });
    return run.status ?? 1;
  } finally {
    await dropRunDatabases();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
