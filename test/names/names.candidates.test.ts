import { expect } from 'chai';
import { recordStatements, testNode } from '../node.js';
import { api } from '../http.js';
import { buildUser } from '../factories.js';
import { insertNamedReports, latinNames as latin, searchByName } from './names.fixtures.js';
import { fileReport, reportBody, reportUser } from '../reports.factories.js';
import type { Queryable } from '../../src/platform/db/index.js';
import { nameTokens } from '../../src/platform/names/index.js';
import { reportNameRows } from '../../src/features/reports/reports.names.js';
import { replaceNameTokens } from '../../src/features/reports/reports.names.repository.js';

const insertReports = (q: Queryable, userId: string, people: [string, string][]) =>
  insertNamedReports(
    q,
    userId,
    'IT',
    people.map(([g, f]) => latin(g, f)),
  );

const search = (q: Queryable, name: string) => searchByName(q, 'IT', name);

describe('names: candidate generation', () => {
  it('near spellings are looked up with the backend’s trigram form (% on PostgreSQL, similarity() on PGlite)', async () => {
    const cw = await reportUser('caseworker');
    const okafor = await fileReport(
      cw.token,
      reportBody({ person: { names: latin('Chinedu', 'Okafor'), sex: 'unknown', documents: [] } }),
    );
    // Okafo/Okafor share neither sound key nor skeleton: only the trigram lookup finds it.
    const [a, b] = [nameTokens('Okafo')[0]!, nameTokens('Okafor')[0]!];
    expect(a.key).to.not.equal(b.key);
    expect(a.skel).to.not.equal(b.skel);
    let res: Awaited<ReturnType<typeof api.get>> | undefined;
    const sql = (
      await recordStatements(async () => {
        res = await api.get(`/api/v1/reports?name=Okafo`, cw.token);
      })
    ).join('\n');
    expect(res!.status).to.equal(200);
    expect(res!.body.items.map((i: { id: string }) => i.id)).to.deep.equal([okafor.id]);
    if (testNode().db.kind === 'postgres') {
      expect(sql).to.contain('w.norm % q.norm');
      expect(sql).to.contain(`set_config('pg_trgm.similarity_threshold'`);
      expect(sql).to.not.contain('similarity(w.norm, q.norm) >=');
    } else {
      expect(sql).to.contain('similarity(w.norm, q.norm) >=');
      expect(sql).to.not.contain('%');
    }
  });

  it('the trigram lookup can use the vocabulary’s GIN index (PostgreSQL)', async function () {
    const { db } = testNode();
    if (db.kind !== 'postgres') {
      // PGlite scans the (small) vocabulary with similarity(): `%` hangs it.
      this.skip();
    }
    // A vocabulary of some size, with statistics, as a node's would be.
    await db.exec(
      `INSERT INTO name_words (norm, raw, abjad, span, sound, skeleton)
       SELECT md5(i::text), md5(i::text), false, 1 + i % 2, '', '' FROM generate_series(1, 20000) i;
       ANALYZE name_words`,
    );
    // Whether the planner prefers it depends on sizes; that it can use it is what is checked.
    const plan = await db.transaction(async (t) => {
      await t.query(`SET LOCAL enable_seqscan = off`);
      return t.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT w.norm FROM (VALUES ('okafo')) AS q(norm)
         JOIN name_words w ON w.span = 1 AND w.norm % q.norm`,
      );
    });
    const text = plan.map((p) => p['QUERY PLAN']).join('\n');
    expect(text, text).to.match(
      /Index Scan on name_words_trgm_idx[^\n]*\n\s*Index Cond: \(norm % /,
    );
  });

  it('every writer keeps the vocabulary: single words and pairs written joined', async () => {
    const { db } = testNode();
    const { user } = await buildUser({ role: 'caseworker', country: 'IT' });
    const [id] = await db.transaction((t) => insertReports(t, user.id, [['Yonas', 'Tekle']]));
    await db.transaction((t) =>
      replaceNameTokens(t, id!, reportNameRows({ names: latin('Yonas', 'Tekleab') })),
    );
    const words = await db.query<{ norm: string; span: number }>(
      `SELECT norm, span FROM name_words ORDER BY span, norm`,
    );
    expect(words).to.deep.include.members([
      { norm: 'yonas', span: 1 },
      { norm: 'tekle', span: 1 },
      { norm: 'tekleab', span: 1 },
      { norm: 'yonastekleab', span: 2 },
    ]);
  });

  it('common words order candidates, they do not drop them: near spellings survive 400 exact decoys', async function () {
    this.timeout(120_000);
    const { db } = testNode();
    const { user } = await buildUser({ role: 'caseworker', country: 'IT' });
    const given = ['Abebe', 'Kidane', 'Mamadou', 'Ousmane', 'Bilal', 'Imran', 'Zalmai', 'Rebwar'];
    const family = ['Diallo', 'Traore', 'Kebede', 'Rezaei', 'Qureshi', 'Barzani', 'Safi', 'Sow'];
    // 210 reports hold "Okonkwo" exactly, 210 hold "Okafor" exactly; none holds both.
    const decoys: [string, string][] = [];
    for (let i = 0; i < 210; i++) {
      decoys.push(['Okonkwo', family[i % family.length]!]);
      decoys.push([given[i % given.length]!, 'Okafor']);
    }
    const [target] = await db.transaction(async (t) => {
      // The true report is filed first (the oldest): recency does not help it.
      const ids = await insertReports(t, user.id, [['Okonkow', 'Okafo']]);
      await insertReports(t, user.id, decoys);
      return ids;
    });
    await db.exec('ANALYZE report_name_tokens; ANALYZE name_words');
    // Both query words are common and the true report holds neither exactly (nor by key).
    const { hits, scored } = await db.transaction((t) => search(t, 'Okonkwo Okafor'));
    expect(hits[0]!.id).to.equal(target);
    expect(hits[0]!.match!.words.map((w) => w.record)).to.have.members(['okonkow', 'okafo']);
    // Work stays bounded: not every report sharing a word is aligned.
    expect(scored).to.be.at.most(200);
  });
});
