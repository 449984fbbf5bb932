// The match job queue in PostgreSQL: enqueue in the transaction of the change, claim with
// FOR UPDATE SKIP LOCKED, finish in the transaction of the work, retry with back-off.
import type { Queryable } from '../../platform/db/index.js';

/** Which side a job matches from. */
export type JobSubject = 'report' | 'remains';

/** A claimed job. */
export interface MatchJob {
  id: string;
  subjectType: JobSubject;
  subjectId: string;
  attempts: number;
}

/** Queues a match job for a record (one pending job per record; a second adds nothing). */
export async function enqueueJob(q: Queryable, type: JobSubject, id: string): Promise<void> {
  await q.query(
    `INSERT INTO match_jobs (subject_type, subject_id) VALUES ($1, $2)
     ON CONFLICT (subject_type, subject_id) WHERE status = 'pending' DO NOTHING`,
    [type, id],
  );
}

/**
 * Claims up to `limit` due jobs and marks them running (its own short transaction). Jobs left
 * running longer than `staleMs` (a crashed worker) are claimed again.
 */
export async function claimJobs(q: Queryable, limit: number, staleMs: number): Promise<MatchJob[]> {
  const rows = await q.query<MatchJob>(
    `UPDATE match_jobs SET status = 'running', claimed_at = now(), attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM match_jobs
         WHERE (status = 'pending' AND run_after <= now())
            OR (status = 'running'
                AND claimed_at < now() - ($2::double precision * interval '1 millisecond'))
         ORDER BY run_after, created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING id, subject_type AS "subjectType", subject_id AS "subjectId", attempts`,
    [limit, staleMs],
  );
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

/** Marks a job done (in the transaction of its work). */
export async function finishJob(q: Queryable, id: string): Promise<void> {
  await q.query(
    `UPDATE match_jobs SET status = 'done', finished_at = now(), last_error = NULL WHERE id = $1`,
    [id],
  );
}

/**
 * Records a failed attempt after the work rolled back: pending again after `delayMs`, or failed
 * for good once `maxAttempts` is reached. `error` is a code, never a message with personal data.
 * A pending job queued for the same record meanwhile makes this one redundant: it is closed.
 */
export async function failJob(
  q: Queryable,
  id: string,
  error: string,
  delayMs: number,
  maxAttempts: number,
): Promise<'pending' | 'failed' | 'done'> {
  const rows = await q.query<{ status: 'pending' | 'failed' | 'done' }>(
    `UPDATE match_jobs j SET last_error = $2,
       status = CASE
         WHEN j.attempts >= $3 THEN 'failed'
         WHEN EXISTS (SELECT 1 FROM match_jobs o WHERE o.id <> j.id AND o.status = 'pending'
           AND o.subject_type = j.subject_type AND o.subject_id = j.subject_id) THEN 'done'
         ELSE 'pending' END,
       finished_at = CASE WHEN j.attempts >= $3 THEN now() ELSE NULL END,
       run_after = now() + ($4::double precision * interval '1 millisecond')
     WHERE j.id = $1 RETURNING j.status`,
    [id, error.slice(0, 200), maxAttempts, delayMs],
  );
  return rows[0]?.status ?? 'failed';
}

/**
 * Gives a claimed job back unstarted (the worker is stopping): pending and due at once, its
 * attempt not counted; closed instead when a pending job for the same record was queued meanwhile.
 */
export async function releaseJob(q: Queryable, id: string): Promise<void> {
  await q.query(
    `UPDATE match_jobs j SET attempts = greatest(j.attempts - 1, 0),
       status = CASE WHEN EXISTS (SELECT 1 FROM match_jobs o WHERE o.id <> j.id
         AND o.status = 'pending' AND o.subject_type = j.subject_type
         AND o.subject_id = j.subject_id) THEN 'done' ELSE 'pending' END
     WHERE j.id = $1 AND j.status = 'running'`,
    [id],
  );
}

/** Job counts by status (operations and tests). */
export async function jobCounts(q: Queryable): Promise<Record<string, number>> {
  const rows = await q.query<{ status: string; n: number | string }>(
    `SELECT status, count(*) AS n FROM match_jobs GROUP BY status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
