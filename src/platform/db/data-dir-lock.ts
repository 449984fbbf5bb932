import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/** Raised when another live process already has the embedded database open. */
export class DataDirInUseError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded database folder for this process: PGlite is one process's database, and two
 * processes writing the same folder would lose or corrupt data. A lock left by a dead process is
 * taken over. Returns the function that releases it.
 */
export function lockDataDir(dir: string): () => void {
  // Beside the folder, not in it: PostgreSQL wants its data folder to itself.
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw err;
      }
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new DataDirInUseError(
          `The embedded database in ${dir} is in use by process ${holder} (is the server running?). ` +
            'Stop it first, or point both at a PostgreSQL server with DATABASE_URL.',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the embedded database in ${dir}`);
}
