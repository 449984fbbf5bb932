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
    // A final r, h or n either way: Okafo (akf) finds Ocafor (akfr) as Okafor finds Okafo.
    expect(skeletonVariants('akf')).to.include('akfr');
    expect(skeletonVariants('akfr')).to.not.include('akfrr');
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

  it('a word missing a final r is found by the spelling that has it (Okafo / Ocafor)', async function () {
    this.timeout(60_000);
    const { db } = testNode();
    const { user } = await buildUser({ role: 'caseworker', country: 'MT' });
    const [ocafor] = await db.transaction((t) =>
      insertReports(t, user.id, [
        latin('Cinedu', 'Ocafor'),
        latin('Chinedu', 'Obi'),
        latin('Okoro', 'Nnamdi'),
      ]),
    );
    // Not by sound key, skeleton or trigrams: only the skeleton with its final r added.
    const [okafo, stored] = [nameTokens('Okafo')[0]!, nameTokens('Ocafor')[0]!];
    expect(okafo.skel).to.not.equal(stored.skel);
    const found = await db.transaction((t) => search(t, 'Okafo'));
    expect(found.hits.map((h) => h.id)).to.deep.equal([ocafor]);
    expect(found.hits[0]!.match!.words.map((w) => w.record)).to.include('ocafor');
  });

  it('a word read as joined article + word is also looked up as written, both ways (Alioune / Aliou)', async function () {
    this.timeout(60_000);
    const { db } = testNode();
    const { user } = await buildUser({ role: 'caseworker', country: 'MT' });
    // "Alioune" reads as al + ioune: its canonical form shares no key, skeleton or trigrams
    // with Aliou or Aliyu; only the word as written comes near them.
    const [t] = nameTokens('Alioune');
    expect([t!.norm, t!.raw]).to.deep.equal(['ioune', 'alioune']);
    const [alioune, aliou] = await db.transaction((q) =>
      insertReports(q, user.id, [
        latin('Alioune', 'Ndiaye'),
        latin('Aliou', 'Diallo'),
        latin('Lamine', 'Faye'),
      ]),
    );
    // A stored word stripped of an article is found by its written form…
    const a = await db.transaction((q) => search(q, 'Aliyu'));
    expect(a.hits.map((h) => h.id)).to.include(alioune);
    // …and a query word stripped of one looks up its written form.
    const b = await db.transaction((q) => search(q, 'Alioune'));
    expect(b.hits.map((h) => h.id)).to.deep.equal([alioune, aliou]);
  });
});
