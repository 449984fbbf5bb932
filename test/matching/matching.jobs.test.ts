import { expect } from 'chai';
import { testNode } from '../node.js';
import {
  claimJobs,
  enqueueJob,
  failJob,
  finishJob,
} from '../../src/features/matching/matching.jobs.repository.js';
import { buildUser } from '../factories.js';
import { trueRemainsBody } from '../matching.factories.js';
import { buildForensic, createRemains } from '../remains.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';

const statuses = async () =>
  (
    await testNode().db.query<{ status: string }>(
      'SELECT status FROM match_jobs ORDER BY created_at, status',
    )
  ).map((r) => r.status);

describe('matching: the job queue', () => {
  it('queues one job per change in the same transaction, deduplicated while pending', async () => {
    const f = await buildForensic('IT');
    const r = await createRemains(f.token);
    expect(await statuses()).to.deep.equal(['pending']);
    const { db } = testNode();
    await enqueueJob(db, 'remains', r.id);
    expect(await statuses()).to.deep.equal(['pending']);
    // A change while the job runs queues a new one, so it is not missed.
    const [job] = await claimJobs(db, 10, 60_000);
    expect(job?.subjectId).to.equal(r.id);
    expect(await claimJobs(db, 10, 60_000)).to.deep.equal([]);
    await enqueueJob(db, 'remains', r.id);
    expect((await statuses()).sort()).to.deep.equal(['pending', 'running']);
    await finishJob(db, job!.id);
    expect((await statuses()).sort()).to.deep.equal(['done', 'pending']);
  });

  it('retries a failed job later and gives up after the last attempt', async () => {
    const { db } = testNode();
    const f = await buildForensic('IT');
    await createRemains(f.token);
    let [job] = await claimJobs(db, 1, 60_000);
    expect(await failJob(db, job!.id, 'ECONNRESET', 60_000, 2)).to.equal('pending');
    expect(await claimJobs(db, 1, 60_000), 'not due yet').to.deep.equal([]);
    await db.query(`UPDATE match_jobs SET run_after = now() - interval '1 second'`);
    [job] = await claimJobs(db, 1, 60_000);
    expect(job?.attempts).to.equal(2);
    expect(await failJob(db, job!.id, 'ECONNRESET', 0, 2)).to.equal('failed');
    const [row] = await db.query<{ last_error: string }>('SELECT last_error FROM match_jobs');
    expect(row?.last_error).to.equal('ECONNRESET');
  });

  it('rolls back a failing job and schedules its retry (runOnce reports it)', async () => {
    const { db, services } = testNode();
    const f = await buildForensic('IT');
    await createRemains(f.token, trueRemainsBody());
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    // Make the work fail inside its transaction: the candidates table refuses every insert.
    await db.exec(
      `ALTER TABLE match_candidates ADD CONSTRAINT test_refuse CHECK (false) NOT VALID`,
    );
    try {
      await fileReport(cw.token, reportBody());
      const round = await services.matching.worker.runOnce();
      expect(round.failed).to.be.greaterThan(0);
    } finally {
      await db.exec(`ALTER TABLE match_candidates DROP CONSTRAINT test_refuse`);
    }
    const [cand] = await db.query<{ n: number | string }>(
      'SELECT count(*) AS n FROM match_candidates',
    );
    expect(Number(cand!.n)).to.equal(0);
    const failed = await db.query<{ status: string; last_error: string }>(
      `SELECT status, last_error FROM match_jobs WHERE last_error IS NOT NULL`,
    );
    expect(failed.map((j) => j.status)).to.include('pending');
    expect(failed[0]!.last_error).to.equal('23514');
    // Once the cause is gone, the retry succeeds.
    await db.query(`UPDATE match_jobs SET run_after = now() - interval '1 second'`);
    const retry = await services.matching.worker.runOnce();
    expect(retry.failed).to.equal(0);
    const [after] = await db.query<{ n: number | string }>(
      'SELECT count(*) AS n FROM match_candidates',
    );
    expect(Number(after!.n)).to.be.greaterThan(0);
  });

  it('stops after the job in progress: claimed jobs not started are given back, due at once', async () => {
    const { db, services } = testNode();
    const f = await buildForensic('IT');
    await createRemains(f.token);
    await createRemains(f.token);
    const round = services.matching.worker.runOnce();
    await services.matching.worker.stop();
    expect(await round).to.deep.equal({ done: 0, failed: 0 });
    const jobs = await db.query<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM match_jobs',
    );
    expect(jobs.map((j) => [j.status, Number(j.attempts)])).to.deep.equal([
      ['pending', 0],
      ['pending', 0],
    ]);
    expect(await services.matching.worker.runOnce()).to.deep.equal({ done: 2, failed: 0 });
  });
});
