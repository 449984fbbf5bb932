import { expect } from 'chai';
import { testNode } from '../node.js';
import { buildUser } from '../factories.js';
import { trueRemainsBody } from '../matching.factories.js';
import { buildForensic, createRemains } from '../remains.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { createMatchThread, startMatchWorker, type MatchThread } from '../../src/match-thread.js';

const count = async (sql: string, params: unknown[] = []) => {
  const [row] = await testNode().db.query<{ n: number | string }>(sql, params);
  return Number(row!.n);
};

describe('matching: the worker off the web thread (ADR 0138)', function () {
  // A thread loads the application's modules (under tsx: compiles them) before its first round.
  this.timeout(120_000);

  describe('on PostgreSQL: its own thread and pool', () => {
    let thread: MatchThread | undefined;
    beforeEach(function () {
      if (!testNode().config.env.DATABASE_URL) {
        this.skip();
      }
    });
    afterEach(async () => {
      await thread?.stop();
      thread = undefined;
    });

    it('runs due jobs in the thread, each committed with its audit event', async () => {
      const f = await buildForensic('IT');
      const remains = await createRemains(f.token, trueRemainsBody());
      const cw = await buildUser({ role: 'caseworker', country: 'IT' });
      const report = await fileReport(cw.token, reportBody());
      thread = createMatchThread(testNode().config);
      const round = await thread.runOnce();
      expect(round).to.deep.equal({ done: 2, failed: 0 });
      expect(await testNode().services.matching.jobs()).to.deep.equal({ done: 2 });
      expect(
        await count(
          'SELECT count(*) AS n FROM match_candidates WHERE report_id = $1 AND remains_id = $2',
          [report.id, remains.id],
        ),
      ).to.equal(1);
      const events = await testNode().db.query<{ subject_id: string }>(
        `SELECT subject_id FROM audit_events WHERE action = 'match' ORDER BY subject_id`,
      );
      expect(events.map((e) => e.subject_id)).to.have.members([report.id, remains.id]);
      // Nothing left: a second round does nothing.
      expect(await thread.runOnce()).to.deep.equal({ done: 0, failed: 0 });
    });

    it('rolls a failing job back in the thread and retries it once the cause is gone', async () => {
      const { db } = testNode();
      const f = await buildForensic('IT');
      await createRemains(f.token, trueRemainsBody());
      const cw = await buildUser({ role: 'caseworker', country: 'IT' });
      thread = createMatchThread(testNode().config);
      await thread.runOnce();
      await db.exec(
        `ALTER TABLE match_candidates ADD CONSTRAINT test_refuse CHECK (false) NOT VALID`,
      );
      let report: { id: string };
      try {
        report = await fileReport(cw.token, reportBody());
        expect(await thread.runOnce()).to.deep.equal({ done: 0, failed: 1 });
      } finally {
        await db.exec(`ALTER TABLE match_candidates DROP CONSTRAINT test_refuse`);
      }
      const [job] = await db.query<{ status: string; last_error: string; attempts: number }>(
        `SELECT status, last_error, attempts FROM match_jobs WHERE subject_id = $1`,
        [report.id],
      );
      expect(job).to.include({ status: 'pending', last_error: '23514', attempts: 1 });
      const audited = `SELECT count(*) AS n FROM audit_events WHERE action = 'match' AND subject_id = $1`;
      expect(await count(audited, [report.id]), 'no event for the rolled-back work').to.equal(0);
      expect(
        await count('SELECT count(*) AS n FROM match_candidates WHERE report_id = $1', [report.id]),
      ).to.equal(0);
      await db.query(`UPDATE match_jobs SET run_after = now() - interval '1 second'`);
      expect(await thread.runOnce()).to.deep.equal({ done: 1, failed: 0 });
      expect(await count(audited, [report.id])).to.equal(1);
      expect(
        await count('SELECT count(*) AS n FROM match_candidates WHERE report_id = $1', [report.id]),
      ).to.equal(1);
    });

    it('starts polling in the thread and stops it (startMatchWorker on a server)', async () => {
      const f = await buildForensic('IT');
      await createRemains(f.token, trueRemainsBody());
      const running = startMatchWorker(testNode().services, testNode().config);
      // The web thread's worker is left alone: the job is run by the thread's poll (every 5 s).
      const deadline = Date.now() + 60_000;
      while ((await testNode().services.matching.jobs()).done !== 1 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
      }
      await running.stop();
      expect(await testNode().services.matching.jobs()).to.deep.equal({ done: 1 });
    });
  });

  describe('on embedded PGlite: on the calling thread', () => {
    beforeEach(function () {
      if (testNode().config.env.DATABASE_URL) {
        this.skip();
      }
    });

    it('refuses a thread (one in-process connection) and runs the worker in-process', async () => {
      const { config, services } = testNode();
      expect(() => createMatchThread(config)).to.throw(/DATABASE_URL/);
      const running = startMatchWorker(services, config);
      try {
        expect(running).to.equal(services.matching.worker);
      } finally {
        await running.stop();
      }
      const f = await buildForensic('IT');
      await createRemains(f.token, trueRemainsBody());
      expect(await services.matching.worker.runOnce()).to.deep.equal({ done: 1, failed: 0 });
      expect(await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'match'`)).to.equal(
        1,
      );
    });
  });
});
