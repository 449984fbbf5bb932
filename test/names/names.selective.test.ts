import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { testNode } from '../node.js';
import { buildUser } from '../factories.js';
import { insertNamedReports, latinNames as latin, searchByName } from './names.fixtures.js';
import type { Queryable } from '../../src/platform/db/index.js';
import { reportNameRows } from '../../src/features/reports/reports.names.js';

const insertReports = (q: Queryable, userId: string, people: [string, string][]) =>
  insertNamedReports(
    q,
    userId,
    'MT',
    people.map(([g, f]) => latin(g, f)),
  );

/** Inserts many bare reports in two statements (name rows made by the same code). */
async function bulkInsert(q: Queryable, userId: string, people: [string, string][]) {
  const ids = people.map(() => randomUUID());
  await q.query(
    `INSERT INTO reports (id, case_number, country, created_by, person, disappearance, consent,
       legal_basis)
     SELECT id, 'S-' || id::text, 'MT', $3, jsonb_build_object('names', names), '{}', '{}', 'consent'
     FROM unnest($1::uuid[], $2::jsonb[]) AS x(id, names)`,
    [ids, people.map(([g, f]) => JSON.stringify(latin(g, f))), userId],
  );
  const rows = people.flatMap(([g, f], i) =>
    reportNameRows({ names: latin(g, f) }).map((r) => ({ ...r, reportId: ids[i]! })),
  );
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await q.query(
    `INSERT INTO report_name_tokens
       (report_id, kind, norm, skeleton, sound, raw, abjad, line, entry, pos, span)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
       $6::text[], $7::boolean[], $8::smallint[], $9::smallint[], $10::smallint[], $11::smallint[])`,
    (
      [
        'reportId',
        'kind',
        'norm',
        'skel',
        'key',
        'raw',
        'abjad',
        'line',
        'entry',
        'pos',
        'span',
      ] as const
    ).map((k) => col(k)),
  );
}

const search = (q: Queryable, name: string, limit: number) => searchByName(q, 'MT', name, limit);

describe('names: selective candidates (bound of the score, early stop)', () => {
  it('a small page aligns fewer candidates and returns the very same first results', async function () {
    this.timeout(120_000);
    const { db } = testNode();
    const { user } = await buildUser({ role: 'caseworker', country: 'MT' });
    const family = ['Diallo', 'Kebede', 'Rezaei', 'Qureshi', 'Barzani', 'Safi', 'Sow', 'Haile'];
    const people: [string, string][] = [['Mamadou', 'Tounkara']];
    for (let i = 0; i < 90; i++) {
      people.push(['Mamadou', `${family[i % family.length]!}`]);
    }
    for (let i = 0; i < 30; i++) {
      people.push([`${['Ousmane', 'Bilal', 'Imran'][i % 3]!}`, 'Tounkara']);
    }
    const [target] = await db.transaction((t) => insertReports(t, user.id, people));
    await db.exec('ANALYZE report_name_tokens; ANALYZE name_words');
    const small = await db.transaction((t) => search(t, 'Mamadou Tounkara', 5));
    const large = await db.transaction((t) => search(t, 'Mamadou Tounkara', 100));
    expect(small.hits[0]!.id).to.equal(target);
    expect(small.hits.map((h) => h.id)).to.deep.equal(large.hits.slice(0, 5).map((h) => h.id));
    // Candidates that cannot reach the fifth result are never aligned.
    expect(small.scored).to.be.lessThan(large.scored);
    // The total still counts what may be on later pages.
    expect(small.total).to.be.at.least(large.hits.length);
  });

  it('rare words first: reports holding only a common word are never read when they cannot reach the page', async function () {
    this.timeout(180_000);
    const { db } = testNode();
    const { user } = await buildUser({ role: 'caseworker', country: 'MT' });
    // 1,600 reports hold Mamadou (more than the rare words' budget), 40 hold Tounkara.
    const family = ['Diallo', 'Kebede', 'Rezaei', 'Qureshi', 'Barzani', 'Safi', 'Sow', 'Haile'];
    const people: [string, string][] = [];
    for (let i = 0; i < 1600; i++) {
      people.push(['Mamadou', family[i % family.length]!]);
    }
    for (let i = 0; i < 40; i++) {
      people.push([['Ousmane', 'Bilal', 'Imran', 'Yonas'][i % 4]!, 'Tounkara']);
    }
    await db.transaction((t) => bulkInsert(t, user.id, people));
    const [target] = await db.transaction((t) =>
      insertReports(t, user.id, [['Mamadu', 'Tounkara']]),
    );
    await db.exec('ANALYZE report_name_tokens; ANALYZE name_words');
    const statements: string[] = [];
    const { hits, scored } = await db.transaction((t) =>
      search(
        {
          query: (text, params) => {
            statements.push(text);
            return t.query(text, params);
          },
          exec: (text) => t.exec(text),
        },
        'Mamadou Tounkara',
        20,
      ),
    );
    expect(hits[0]!.id).to.equal(target);
    const candidateStatements = statements.filter((s) => s.includes('FROM rough WHERE bound'));
    // One candidate statement, restricted to the holders of the rare word.
    expect(candidateStatements).to.have.length(1);
    expect(candidateStatements[0]).to.contain('rare.report_id');
    // The page is filled by Tounkara holders (each better than any Mamadou alone could be).
    expect(scored).to.be.at.most(60);
    expect(hits.slice(0, 20).every((h) => h.match!.words.some((w) => w.record === 'tounkara'))).to
      .be.true;
  });

  it('a vowel written on one side only does not hide a word from the lookup (Echerif / Sharif)', async function () {
    this.timeout(60_000);
    const { db } = testNode();
    const { user } = await buildUser({ role: 'caseworker', country: 'MT' });
    const [sharif] = await db.transaction((t) =>
      insertReports(t, user.id, [
        ['Khadija', 'Sharif'],
        ['Amina', 'Sow'],
      ]),
    );
    // Neither the sound key, nor the skeleton, nor trigrams bring Sharif near Echerif.
    const { hits } = await db.transaction((t) => search(t, 'Echerif', 20));
    expect(hits.map((h) => h.id)).to.deep.equal([sharif]);
  });

  it('reports holding a word are read from the index alone (PostgreSQL)', async function () {
    const { db } = testNode();
    if (db.kind !== 'postgres') {
      this.skip();
    }
    await db.exec('VACUUM ANALYZE report_name_tokens');
    const plan = await db.transaction(async (t) => {
      await t.query(`SET LOCAL enable_seqscan = off`);
      await t.query(`SET LOCAL enable_bitmapscan = off`);
      return t.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT t.report_id FROM (VALUES ('sharif')) AS v(norm)
         JOIN report_name_tokens t ON t.norm = v.norm`,
      );
    });
    const text = plan.map((p) => p['QUERY PLAN']).join('\n');
    expect(text, text).to.contain('Index Only Scan using report_name_tokens_norm_report_idx');
  });
});
