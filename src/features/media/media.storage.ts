import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/** Where file bytes live; records in PostgreSQL point at keys in a store. */
export interface FileStore {
  /** Writes bytes under a key (replacing any previous bytes). */
  put(key: string, data: Buffer): Promise<void>;
  /** Reads the bytes of a key; throws when missing. */
  get(key: string): Promise<Buffer>;
  /** Removes a key; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9]+(?:\/[a-z0-9][a-z0-9._-]*)*$/;

/** Refuses keys that could escape the store's folder. */
export function assertKey(key: string): string {
  if (!KEY.test(key) || key.includes('..')) {
    throw new Error(`file store: invalid key ${JSON.stringify(key)}`);
  }
  return key;
}

/** SHA-256 of some bytes, as 64 lower-case hex digits. */
export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Content address of an original: the same bytes always land on the same key. */
export function originalKey(hash: string): string {
  return assertKey(`originals/${hash.slice(0, 2)}/${hash}`);
}

/** Key of one derived image of a file record. */
export function derivedKey(fileId: string, variant: string, ext: string): string {
  return assertKey(`derived/${fileId.slice(0, 2)}/${fileId}/${variant}.${ext}`);
}

/** A store on the local disk, under one folder (DATA_DIR/files by default). */
export class LocalDiskStore implements FileStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    const full = resolve(join(this.root, assertKey(key)));
    if (!full.startsWith(this.root + sep)) {
      throw new Error('file store: key escapes the store');
    }
    return full;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    // Write then rename, so a reader never sees half a file.
    const temp = `${target}.${randomUUID()}.tmp`;
    await writeFile(temp, data, { mode: 0o600 });
    await rename(temp, target);
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
