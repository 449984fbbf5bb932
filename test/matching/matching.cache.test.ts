import { expect } from 'chai';
import { resetData, testNode } from '../node.js';
import { api } from '../http.js';
import { buildUser } from '../factories.js';
import { createContext } from '../../src/features/matching/index.js';
import {
  compile,
  rankSubject,
  type CompiledSide,
} from '../../src/features/matching/matching.batch.js';
import { createSideCache, type SideKey } from '../../src/features/matching/matching.cache.js';
import { loadOpenRemains, loadOpenReports } from '../../src/features/matching/matching.loader.js';
import { trueRemainsBody } from '../matching.factories.js';
import { buildForensic, createIncident, createRemains } from '../remains.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';

const FIELDS = [
  'sex',
  'certain',
  'ageMin',
  'ageMax',
  'statureMin',
  'dayEarliest',
  'dayLatest',
  'x',
  'incident',
  'route',
  'marksUb',
  'marksPlainUb',
  'hasDental',
  'implants',
  'effectsUb',
] as const;

/** The cached side holds exactly the records a fresh load gives, compiled alike. */
async function expectFresh(side: CompiledSide, key: SideKey) {
  const { db } = testNode();
  const fresh =
    key.side === 'pm'
      ? await loadOpenRemains(db, key.countries)
      : await loadOpenReports(db, key.countries);
  const compiled = compile(key.side, fresh);
  expect([...side.records].map((r) => r.id).sort()).to.deep.equal(fresh.map((r) => r.id));
  expect(side.index.size).to.equal(fresh.length);
  for (const r of fresh) {
    const i = side.index.get(r.id)!;
    const j = compiled.index.get(r.id)!;
    expect(side.records[i], r.id).to.deep.equal(r);
    for (const f of FIELDS) {
      expect(Object.is(side[f][i], compiled[f][j]), `${f} of ${r.id}`).to.equal(true);
    }
    expect([...side.dental.subarray(i * 10, i * 10 + 10)]).to.deep.equal([
      ...compiled.dental.subarray(j * 10, j * 10 + 10),
    ]);
    for (const f of ['markPairs', 'markText', 'effectKeys'] as const) {
      expect([...side[f].subarray(i * 2, i * 2 + 2)], `${f} of ${r.id}`).to.deep.equal([
        ...compiled[f].subarray(j * 2, j * 2 + 2),
      ]);
    }
  }
  return fresh;
}

describe('matching: the cache of compiled sides follows every change (ADR 0176)', function () {
  this.timeout(60_000);
  const remainsKey: SideKey = { side: 'pm', countries: ['IT'] };

  it('updates remains in place on edits, new records, parts, routes and closures', async () => {
    const { db } = testNode();
    const f = await buildForensic('IT');
    const a = await createRemains(f.token, trueRemainsBody());
    const b = await createRemains(f.token);
    const cache = createSideCache();
    const first = await cache.side(db, remainsKey);
    await expectFresh(first, remainsKey);
    expect(cache.stats.builds).to.equal(1);

    // Unchanged: the same side, not rebuilt (at most the records of transactions still in
    // flight at the build are read again: the watermark is the oldest one then running).
    expect(await cache.side(db, remainsKey)).to.equal(first);
    expect(cache.stats.builds).to.equal(1);
    expect(cache.stats.reloaded).to.be.at.most(2);

    // An edit, a new record, a part linked to a principal, an incident route, a closure.
    const edited = await api.patch(`/api/v1/remains/${b.id}`, { sex: 'female' }, f.token);
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    await expectFresh(await cache.side(db, remainsKey), remainsKey);
    const incidentId = await createIncident(f.token);
    const c = await createRemains(f.token, {
      recovery: { ...trueRemainsBody().recovery, incidentId },
    });
    const part = await createRemains(f.token, {
      kind: 'fragment',
      bodyPart: 'left femur',
      condition: 'skeletal',
      marks: [{ kind: 'tattoo', bodyLocation: 'left_leg', description: 'anchor' }],
      implants: [],
    });
    const linked = await api.patch(
      `/api/v1/remains/${part.id}`,
      { associatedWithId: a.id },
      f.token,
    );
    expect(linked.status, JSON.stringify(linked.body)).to.equal(200);
    let side = await cache.side(db, remainsKey);
    const fresh = await expectFresh(side, remainsKey);
    expect(fresh.map((r) => r.id)).to.include.members([a.id, b.id, c.id]);
    expect(fresh.map((r) => r.id)).to.not.include(part.id);
    expect(side.records[side.index.get(a.id)!]!.marks?.map((m) => m.kind)).to.include('tattoo');

    await db.query(`UPDATE incidents SET route = 'western_balkans' WHERE id = $1`, [incidentId]);
    side = await cache.side(db, remainsKey);
    await expectFresh(side, remainsKey);
    expect(side.records[side.index.get(c.id)!]!.route).to.equal('western_balkans');

    await db.query(`UPDATE remains SET status = 'repatriated' WHERE id = $1`, [b.id]);
    side = await cache.side(db, remainsKey);
    await expectFresh(side, remainsKey);
    expect(side.index.has(b.id)).to.equal(false);
    expect(cache.stats.builds).to.equal(1);
    expect(cache.stats.reloaded).to.be.greaterThan(0);

    // Ranking on the cached side equals ranking on a freshly compiled one.
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    await fileReport(caseworker.token, reportBody());
    const [am] = await loadOpenReports(db, ['IT']);
    const fromCache = rankSubject(am!, side, createContext(), { topK: 10 }).pairs;
    const fromFresh = rankSubject(
      am!,
      compile('pm', await loadOpenRemains(db, ['IT'])),
      createContext(),
      { topK: 10 },
    ).pairs;
    expect(fromCache.length).to.be.greaterThan(0);
    expect(fromCache.map((p) => [p.id, p.score])).to.deep.equal(
      fromFresh.map((p) => [p.id, p.score]),
    );
  });

  it('drops reports when consent is withdrawn or the row is deleted', async () => {
    const { db } = testNode();
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const one = await fileReport(caseworker.token, reportBody());
    const two = await fileReport(caseworker.token, reportBody());
    const key: SideKey = { side: 'am', countries: ['IT'] };
    const cache = createSideCache();
    await expectFresh(await cache.side(db, key), key);
    await db.query(
      `UPDATE reports SET consent = jsonb_set(consent, '{forensicSharing}', '"refused"') WHERE id = $1`,
      [one.id],
    );
    await db.query('DELETE FROM reports WHERE id = $1', [two.id]);
    const three = await fileReport(caseworker.token, reportBody());
    const side = await cache.side(db, key);
    await expectFresh(side, key);
    expect([...side.index.keys()]).to.deep.equal([three.id]);
    expect(cache.stats.builds).to.equal(1);
  });

  it('never shares a transaction’s own uncommitted changes, and rebuilds after the log is emptied', async () => {
    const { db } = testNode();
    const f = await buildForensic('IT');
    const a = await createRemains(f.token);
    const cache = createSideCache();
    await cache.side(db, remainsKey);
    await db
      .transaction(async (t) => {
        await t.query(`UPDATE remains SET sex = 'female' WHERE id = $1`, [a.id]);
        const own = await cache.side(t, remainsKey);
        expect(own.records[own.index.get(a.id)!]!.sex).to.equal('female');
        expect(cache.stats.bypassed).to.equal(1);
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).to.equal('roll back'));
    const after = await cache.side(db, remainsKey);
    await expectFresh(after, remainsKey);
    expect(after.records[after.index.get(a.id)!]!.sex).to.equal('male');

    // Tables emptied without triggers (as the test reset does): the marker row is gone.
    await resetData();
    const g = await buildForensic('IT');
    const b = await createRemains(g.token);
    const rebuilt = await cache.side(db, remainsKey);
    expect([...rebuilt.index.keys()]).to.deep.equal([b.id]);
    expect(cache.stats.builds).to.equal(2);
  });
});
