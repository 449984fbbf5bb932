import { expect } from 'chai';
import type { Queryable } from '../../src/platform/db/index.js';
import { buildUser } from '../factories.js';
import { testNode } from '../node.js';

// `{ prepared: true }` on both drivers (ADR 0136 on PostgreSQL, ADR 0145 on PGlite): the same
// rows and errors as an unprepared statement, inside and outside transactions.
describe('prepared statements on both drivers (ADR 0136, 0145)', () => {
  const typed = `SELECT $1::timestamptz AS at, $2::jsonb AS details, $3::text[] AS words,
    $4::int AS n, $5::uuid AS id, $6::text AS missing, $7::bool AS flag`;
  const values = () => [
    new Date('2026-01-02T03:04:05.678Z'),
    JSON.stringify({ ids: ['a', 'b'], count: 2 }),
    ['one', 'two, three', 'quote"d'],
    42,
    '5f3b0f6e-2b7a-4c1e-9d3a-8e2f1b0c4d5a',
    null,
    true,
  ];

  it('returns exactly what the unprepared statement returns, every time', async () => {
    const { db } = testNode();
    const plain = await db.query(typed, values());
    const first = await db.query(typed, values(), { prepared: true });
    const again = await db.query(typed, values(), { prepared: true });
    expect(first).to.deep.equal(plain);
    expect(again).to.deep.equal(plain);
    expect(plain[0]).to.deep.include({ n: 42, missing: null, flag: true });
  });

  it('keeps one named statement per text on the session', async () => {
    const { db } = testNode();
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const sql = 'SELECT id, country FROM users WHERE id = $1 AND country = $2';
    const [names, rows] = await db.transaction(async (tx) => {
      const first = await tx.query(sql, [admin.user.id, 'IT'], { prepared: true });
      const again = await tx.query(sql, [admin.user.id, 'IT'], { prepared: true });
      const kept = await tx.query<{ name: string }>(
        'SELECT name FROM pg_prepared_statements WHERE statement = $1',
        [sql],
      );
      return [kept.map((r) => r.name), [first, again]] as const;
    });
    expect(names).to.have.length(1);
    expect(names[0]).to.match(/^ariadne_[0-9a-f]{32}$/);
    expect(rows[0]).to.deep.equal([{ id: admin.user.id, country: 'IT' }]);
    expect(rows[1]).to.deep.equal(rows[0]);
  });

  it('fails with the database’s error code and runs again afterwards', async () => {
    const { db } = testNode();
    const sql = 'SELECT id FROM users WHERE id = $1';
    let code: string | undefined;
    try {
      await db.query(sql, ['not a uuid'], { prepared: true });
    } catch (err) {
      code = (err as { code?: string }).code;
    }
    expect(code).to.equal('22P02');
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    expect(await db.query(sql, [admin.user.id], { prepared: true })).to.deep.equal([
      { id: admin.user.id },
    ]);
  });

  it('writes inside the transaction: rolled back with it', async () => {
    const { db } = testNode();
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const rename =
      'UPDATE users SET display_name = $2 WHERE id = $1 RETURNING display_name AS name';
    let seen: unknown;
    try {
      await db.transaction(async (tx) => {
        seen = await tx.query(rename, [admin.user.id, 'Renamed'], { prepared: true });
        throw new Error('roll back');
      });
    } catch (err) {
      expect((err as Error).message).to.equal('roll back');
    }
    expect(seen).to.deep.equal([{ name: 'Renamed' }]);
    const [after] = await db.query<{ name: string }>(
      'SELECT display_name AS name FROM users WHERE id = $1',
      [admin.user.id],
    );
    expect(after?.name).to.equal(admin.user.displayName);
  });

  it('runs again after the session dropped its statements (DEALLOCATE ALL)', async function () {
    const { db } = testNode();
    if (db.kind !== 'pglite') {
      // A pool connection's statements are `pg`'s to keep; only the embedded session is shared.
      this.skip();
    }
    const sql = 'SELECT $1::int + 1 AS n';
    const other = 'SELECT $1::int * 2 AS n';
    expect(await db.query(sql, [1], { prepared: true })).to.deep.equal([{ n: 2 }]);
    expect(await db.query(other, [1], { prepared: true })).to.deep.equal([{ n: 2 }]);
    await db.exec('DEALLOCATE ALL');
    expect(await db.query(sql, [2], { prepared: true })).to.deep.equal([{ n: 3 }]);
    // Every statement was forgotten, not only the one that failed: the other one runs inside a
    // transaction too (a failed Bind there would abort it).
    const inside = await db.transaction((tx) => tx.query(other, [4], { prepared: true }));
    expect(inside).to.deep.equal([{ n: 8 }]);
  });

  it('refuses to run on an embedded transaction that has ended', async function () {
    const { db } = testNode();
    if (db.kind !== 'pglite') {
      this.skip();
    }
    let kept: Queryable | undefined;
    await db.transaction(async (tx) => {
      kept = tx;
      await tx.query('SELECT 1 AS n', [], { prepared: true });
    });
    let message: string | undefined;
    try {
      await kept?.query('SELECT 1 AS n', [], { prepared: true });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.equal('Transaction is closed');
  });
});
