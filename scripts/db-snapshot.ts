// npm run db:snapshot — takes the snapshot of the embedded database after every migration
// (ADR 0122), so that a new data folder (a first `npm start`, a test run) skips initdb.
// Beside the tarball it leaves the same database as a data folder, which an empty data folder is
// copied from (ADR 0129). `--if-missing` does nothing when both exist for the current migrations;
// `--never-fail` (npm's prepare step) only warns, since the service starts without a snapshot.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { configureLogger } from '../src/platform/logger.js';
import { migrate, openPglite } from '../src/platform/db/index.js';
import {
  snapshotDataDir,
  snapshotFile,
  writeSnapshot,
} from '../src/platform/db/pglite-snapshot.js';

/** Starts PGlite once on a new folder from the tarball and shuts it down: the template folder. */
async function writeSnapshotDataDir(): Promise<string> {
  const dir = snapshotDataDir();
  const partial = `${dir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const db = await openPglite(partial);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return dir;
}

async function main(): Promise<void> {
  configureLogger({ level: 'warn' });
  const file = snapshotFile();
  const folder = snapshotDataDir();
  const complete = existsSync(file) && existsSync(join(folder, 'PG_VERSION'));
  if (process.argv.includes('--if-missing') && complete) {
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
  console.log(`db:snapshot: ${await writeSnapshotDataDir()} (data folder)`);
}

main().catch((err: unknown) => {
  console.error('db:snapshot: no snapshot taken;', err);
  process.exit(process.argv.includes('--never-fail') ? 0 : 1);
});
