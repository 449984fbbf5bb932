import { expect } from 'chai';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openPglite } from '../../src/platform/db/index.js';
import { MIGRATIONS_DIR } from '../../src/platform/db/migrate.js';
import {
  readSnapshot,
  snapshotDataDir,
  snapshotFile,
  snapshotKey,
  writeSnapshot,
} from '../../src/platform/db/pglite-snapshot.js';

// ADR 0122: an empty data folder starts from the snapshot taken after every migration.
describe('embedded database: the migrated snapshot', function () {
  this.timeout(300_000);
  const saved = process.env.ARIADNE_CACHE_DIR;
  let work: string;
  // A migrated database's data folder, as `npm run db:snapshot` takes it: made once for the tests
  // that need one (an embedded database start costs 2–4 s of CPU), and never changed by them.
  let tarball: Buffer;

  before(async () => {
    const source = await openPglite(undefined);
    await migrate(source);
    tarball = await source.dump();
    await source.close();
  });
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'ariadne-snapshot-'));
  });
  afterEach(() => {
    if (saved === undefined) {
      delete process.env.ARIADNE_CACHE_DIR;
    } else {
      process.env.ARIADNE_CACHE_DIR = saved;
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('is keyed by every migration: a new or changed migration gives another snapshot', () => {
    const copy = join(work, 'migrations');
    cpSync(MIGRATIONS_DIR, copy, { recursive: true });
    const key = snapshotKey(copy);
    expect(key).to.equal(snapshotKey(MIGRATIONS_DIR));
    writeFileSync(join(copy, '299901010000_new.sql'), 'SELECT 1;');
    expect(snapshotKey(copy)).to.not.equal(key);
    const first = readdirSync(copy).sort()[0]!;
    rmSync(join(copy, '299901010000_new.sql'));
    writeFileSync(join(copy, first), '-- edited\n', { flag: 'a' });
    expect(snapshotKey(copy)).to.not.equal(key);
  });

  it('starts an empty folder migrated, and never replaces a folder that holds a database', async () => {
    // A snapshot of the current migrations in a cache of our own (from the shared one if taken).
    process.env.ARIADNE_CACHE_DIR = join(work, 'cache');
    expect(readSnapshot(), 'an empty cache has no snapshot').to.equal(undefined);
    expect(writeSnapshot(tarball)).to.equal(snapshotFile());
    expect(readSnapshot()).to.be.instanceOf(Blob);

    const dataDir = join(work, 'pgdata');
    const db = await openPglite(dataDir);
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'));
    expect(rows[0]!.n, 'every migration is in the snapshot').to.equal(files.length);
    expect(await migrate(db), 'nothing left to apply').to.deep.equal([]);
    await db.exec(
      `INSERT INTO organisations (name, kind, country) VALUES ('Kept', 'authority', 'IT')`,
    );
    await db.close();

    const again = await openPglite(dataDir);
    const kept = await again.query<{ name: string }>(
      `SELECT name FROM organisations WHERE name = 'Kept'`,
    );
    expect(kept, 'the folder was opened, not replaced by the snapshot').to.have.length(1);
    await again.close();
  });

  it('copies the snapshot data folder into an empty folder when there is one (ADR 0129)', async () => {
    process.env.ARIADNE_CACHE_DIR = join(work, 'cache');
    writeSnapshot(tarball);
    // The template: a folder started once from the tarball, marked so a copy can be told apart.
    const template = await openPglite(snapshotDataDir());
    await template.exec(
      `INSERT INTO organisations (name, kind, country) VALUES ('Template', 'authority', 'IT')`,
    );
    await template.close();

    const dataDir = join(work, 'pgdata');
    const db = await openPglite(dataDir);
    const marked = await db.query<{ name: string }>(
      `SELECT name FROM organisations WHERE name = 'Template'`,
    );
    expect(marked, 'the folder is a copy of the template').to.have.length(1);
    expect(await migrate(db), 'nothing left to apply').to.deep.equal([]);
    await db.exec(
      `INSERT INTO organisations (name, kind, country) VALUES ('Own', 'authority', 'IT')`,
    );
    await db.close();

    const again = await openPglite(snapshotDataDir());
    const own = await again.query(`SELECT 1 FROM organisations WHERE name = 'Own'`);
    expect(own, 'the template is not changed by the copy').to.have.length(0);
    await again.close();
  });
});
