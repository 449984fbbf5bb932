// A snapshot of the embedded database right after every migration (ADR 0122). Creating a
// PGlite data folder from nothing runs initdb inside WebAssembly, the largest part of a first
// start; unpacking a snapshot taken after the same migrations is several times cheaper. The
// snapshot lives in the dependency cache and is keyed by the PGlite version and every
// migration's bytes, so a new or changed migration never starts from a stale schema.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MIGRATIONS_DIR } from './migrate.js';

const require = createRequire(import.meta.url);

function pgliteVersion(): string {
  const entry = require.resolve('@electric-sql/pglite');
  let dir = dirname(entry);
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith('pglite')) {
    const up = dirname(dir);
    if (up === dir) {
      return 'unknown';
    }
    dir = up;
  }
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** The key of the schema a snapshot holds: PGlite's version and every migration's name and bytes. */
export function snapshotKey(dir = MIGRATIONS_DIR): string {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion()}\n`);
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(`${name}\n`).update(readFileSync(join(dir, name)));
  }
  return hash.digest('hex').slice(0, 24);
}

/** Where snapshots are kept: ARIADNE_CACHE_DIR, else node_modules/.cache/ariadne. */
export function snapshotFolder(): string {
  if (process.env.ARIADNE_CACHE_DIR) {
    return process.env.ARIADNE_CACHE_DIR;
  }
  const pglite = require.resolve('@electric-sql/pglite');
  const nodeModules = pglite.slice(0, pglite.lastIndexOf('node_modules') + 'node_modules'.length);
  return join(nodeModules, '.cache', 'ariadne');
}

/** The file of the snapshot for the current migrations. */
export function snapshotFile(key = snapshotKey()): string {
  return join(snapshotFolder(), `pglite-${key}.tar.gz`);
}

/** The snapshot of the current migrations, or undefined when none has been taken. */
export function readSnapshot(): Blob | undefined {
  const file = snapshotFile();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** Stores a snapshot (written whole, then renamed, so a reader never sees half a file). */
export function writeSnapshot(tarball: Buffer, key = snapshotKey()): string {
  const file = snapshotFile(key);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, tarball);
  renameSync(partial, file);
  return file;
}

/**
 * The snapshot as a ready data folder (a cluster PGlite started from the tarball and shut down
 * cleanly). An empty data folder is started by copying it, a plain file copy that costs far less
 * than unpacking the tarball inside WebAssembly (ADR 0129).
 */
export function snapshotDataDir(key = snapshotKey()): string {
  return join(snapshotFolder(), `pglite-${key}.pgdata`);
}

/**
 * Fills an empty data folder with the snapshot's data folder; false when there is none (the
 * caller then falls back to the tarball or initdb).
 */
export function copySnapshotDataDir(dataDir: string): boolean {
  const template = snapshotDataDir();
  if (!existsSync(join(template, 'PG_VERSION'))) {
    return false;
  }
  cpSync(template, dataDir, { recursive: true });
  return true;
}

/** Whether a data folder has no database in it yet. */
export function isEmptyDataDir(dataDir: string | undefined): boolean {
  return !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));
}
