import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, lockDataDir } from '../../src/platform/db/data-dir-lock.js';

describe('embedded database folder lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'ariadne-lock-')), 'pgdata');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('refuses a folder another live process holds, naming it', () => {
    writeFileSync(`${dir}.lock`, '1'); // pid 1 is always alive
    expect(() => lockDataDir(dir)).to.throw(DataDirInUseError, /in use by process 1/);
  });

  it('takes over a lock left by a dead process and releases it', () => {
    writeFileSync(`${dir}.lock`, '999999999');
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).to.equal(String(process.pid));
    release();
    expect(existsSync(`${dir}.lock`)).to.equal(false);
  });
});
