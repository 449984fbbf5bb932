// npm run db:snapshot — takes the snapshot of the embedded database after every migration
// (ADR 0122), so that a new data folder (a first `npm start`, a test run) skips initdb.
// `--if-missing` does nothing when the snapshot of the current migrations exists already;
// `--never-fail` (npm's prepare step) only warns, since the service starts without a snapshot.
import { existsSync } from 'node:fs';
import { configureLogger } from '../src/platform/logger.js';
import { migrate, openPglite } from '../src/platform/db/index.js';
import { snapshotFile, writeSnapshot } from '../src/platform/db/pglite-snapshot.js';

async function main(): Promise<void> {
  configureLogger({ level: 'warn' });
  const file = snapshotFile();
  if (process.argv.includes('--if-missing') && existsSync(file)) {
    console.log(`db:snapshot: up to date (${file})`);
    return;
  }
  const started = performance.now();
  const db = await openPglite(undefined, { fromSnapshot: false });
  try {
    await migrate(db);
    const written = writeSnapshot(await db.dump());
    console.log(`db:snapshot: ${written} in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error('db:snapshot: no snapshot taken;', err);
  process.exit(process.argv.includes('--never-fail') ? 0 : 1);
});
