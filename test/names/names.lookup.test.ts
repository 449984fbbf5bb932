import { expect } from 'chai';
import { testNode } from '../node.js';
import { buildUser } from '../factories.js';
import { insertNamedReports, latinNames as latin, searchByName } from './names.fixtures.js';
import type { NameInput } from '../reports.factories.js';
import type { Queryable } from '../../src/platform/db/index.js';
import { nameTokens, skeletonVariants } from '../../src/platform/names/index.js';
import { setNameIndexVersion } from '../../src/features/reports/reports.names.repository.js';
import { rebuildNameIndex } from '../../src/features/reports/reports.names.rebuild.js';

const insertReports = (q: Queryable, userId: string, people: NameInput[][]) =>
  insertNamedReports(q, userId, 'MT', people);

const search = (q: Queryable, name: string) => searchByName(q, 'MT', name);

describe('names: vocabulary lookup (no exact-key gate)', () => {
  it('skeletons one confusable consonant away are looked up too', () => {
    expect(skeletonVariants('sbt')).to.include('zbt');
    expect(skeletonVariants('akfr')).to.include('akf');
    expect(skeletonVariants('mhmd')).to.not.include('mhmd');
    // k and kh (a skeleton reads kh as h): Bachtiar read as Baktiar finds Bakhtiar.
    expect(skeletonVariants('bktr')).to.include('bhtr');
  });

  it('a word whose key differs by one confusable consonant is found (Persian ث is s, Arabic th)', async function () {
    this.timeout(60_000);
    const { db } = testNode();
    const { user } = await buildUser({ role: 'caseworker', country: 'MT' });
    const [thabit, thuraya] = await db.transaction((t) =>
      insertReports(t, user.id, [
        latin('Thabit', 'Karimi'),
        latin('Thuraya', 'Rahmani'),
        latin('Sara', 'Rahmani'),
        latin('Saber', 'Karimi'),
      ]),
    );
    // Neither the sound key, nor the skeleton, nor trigrams bring Sabet near Thabit.
    expect(nameTokens('Sabet')[0]!.skel).to.not.equal(nameTokens('Thabit')[0]!.skel);
    const a = await db.transaction((t) => search(t, 'Sabet Karimi'));
    expect(a.hits[0]!.id).to.equal(thabit);
    const b = await db.transaction((t) => search(t, 'ثریا رحمانی'));
    expect(b.hits[0]!.id).to.equal(thuraya);
    expect(b.hits[0]!.match!.words.map((w) => w.record)).to.include('thuraya');
  });

  it('a rebuild of the name index also renews the keys of the vocabulary', async function () {
    this.timeout(60_000);
    const { db } = testNode();
    const { user } = await buildUser({ role: 'caseworker', country: 'MT' });
    await db.transaction((t) => insertReports(t, user.id, [latin('Hossein', 'Soltani')]));
    // As an older normaliser left them: other keys, an older version.
    await db.exec(`UPDATE name_words SET sound = 'stale', skeleton = 'stale'`);
    await setNameIndexVersion(db, 0);
    expect(await rebuildNameIndex(db)).to.be.greaterThan(0);
    const rows = await db.query<{ norm: string; sound: string; skeleton: string }>(
      `SELECT norm, sound, skeleton FROM name_words WHERE norm IN ('hossein', 'soltani')`,
    );
    expect(rows).to.have.length(2);
    for (const r of rows) {
      const t = nameTokens(r.norm)[0]!;
      expect([r.sound, r.skeleton]).to.deep.equal([t.key, t.skel]);
    }
  });
});
