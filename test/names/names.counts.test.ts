import { expect } from 'chai';
import { testNode } from '../node.js';
import { buildUser } from '../factories.js';
import { insertNamedReports, latinNames as latin } from './names.fixtures.js';
import type { NameInput } from '../reports.factories.js';
import type { Queryable } from '../../src/platform/db/index.js';
import { reportNameRows } from '../../src/features/reports/reports.names.js';
import {
  nameFrequencies,
  replaceNameTokens,
} from '../../src/features/reports/reports.names.repository.js';

const insertReport = async (q: Queryable, userId: string, names: NameInput[]) =>
  (await insertNamedReports(q, userId, 'MT', [names]))[0]!;

/** The kept counts beside a fresh count over the name index, for every skeleton. */
async function keptAndCounted(q: Queryable) {
  const kept = await q.query<{ skeleton: string; n: number }>(
    `SELECT skeleton, reports AS n FROM name_skeleton_counts WHERE reports > 0 ORDER BY 1`,
  );
  const counted = await q.query<{ skeleton: string; n: number }>(
    `SELECT skeleton, count(DISTINCT report_id)::int AS n FROM report_name_tokens
     WHERE span = 1 GROUP BY skeleton ORDER BY 1`,
  );
  return {
    kept: kept.map((r) => [r.skeleton, Number(r.n)]),
    counted: counted.map((r) => [r.skeleton, Number(r.n)]),
  };
}

describe('names: how many reports hold each name (rarity weights)', () => {
  it('keeps the count of holders through filing, renaming and deleting reports', async function () {
    this.timeout(60_000);
    const { db } = testNode();
    const { user } = await buildUser({ role: 'caseworker', country: 'MT' });
    const ids = await db.transaction(async (t) => [
      await insertReport(t, user.id, latin('Mohamed', 'Ali')),
      await insertReport(t, user.id, latin('Mohammed', 'Hassan')),
      // The same name twice in one report counts that report once.
      await insertReport(t, user.id, latin('Ali', 'Mohamed', 'Mohamed')),
    ]);
    let now = await keptAndCounted(db);
    expect(now.kept).to.deep.equal(now.counted);
    const { holding } = await nameFrequencies(db, ['mhmd', 'al', 'hsn']);
    expect(holding.get('mhmd')).to.equal(3);
    expect(holding.get('hsn')).to.equal(1);

    // Renaming: Hassan is gone, Ibrahim arrives.
    await db.transaction((t) =>
      replaceNameTokens(t, ids[1]!, reportNameRows({ names: latin('Mohammed', 'Ibrahim') })),
    );
    now = await keptAndCounted(db);
    expect(now.kept).to.deep.equal(now.counted);
    expect((await nameFrequencies(db, ['hsn'])).holding.get('hsn') ?? 0).to.equal(0);

    // Deleting a report (the name rows go by cascade) counts its names down.
    await db.query(`DELETE FROM reports WHERE id = $1`, [ids[0]]);
    now = await keptAndCounted(db);
    expect(now.kept).to.deep.equal(now.counted);
    expect((await nameFrequencies(db, ['mhmd'])).holding.get('mhmd')).to.equal(2);
  });

  it('a rolled-back filing leaves the counts as they were', async function () {
    this.timeout(60_000);
    const { db } = testNode();
    const { user } = await buildUser({ role: 'caseworker', country: 'MT' });
    await insertReport(db, user.id, latin('Yonas', 'Tesfaye'));
    const before = await keptAndCounted(db);
    await db
      .transaction(async (t) => {
        await insertReport(t, user.id, latin('Yonas', 'Gebremedhin'));
        throw new Error('abandoned');
      })
      .catch(() => undefined);
    expect(await keptAndCounted(db)).to.deep.equal(before);
  });
});
