// The e-mail outbox: claiming due rows atomically and recording each attempt's outcome.
import type { Queryable } from '../../platform/db/index.js';

/** An outbox row claimed for sending, with where it goes. */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  subject: string;
  body: string;
  /** The recipient's current address (looked up now, never stored in the outbox). */
  to: string;
}

/**
 * Claims up to `limit` due rows: one statement moves them from pending to sending, skipping rows
 * another dispatcher holds (`FOR UPDATE SKIP LOCKED`), so no row is ever claimed twice.
 */
export async function claimDue(q: Queryable, now: Date, limit: number): Promise<ClaimedDelivery[]> {
  return q.query<ClaimedDelivery>(
    `WITH due AS (
       SELECT id FROM notification_outbox
       WHERE status = 'pending' AND next_attempt_at <= $1
       ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE notification_outbox o SET status = 'sending', attempts = o.attempts + 1, claimed_at = $1
       FROM due WHERE o.id = due.id AND o.status = 'pending'
       RETURNING o.id, o.attempts, o.subject, o.body, o.notification_id
     )
     SELECT c.id, c.attempts, c.subject, c.body, u.email AS "to"
     FROM claimed c JOIN notifications n ON n.id = c.notification_id
     JOIN users u ON u.id = n.recipient_id`,
    [now, limit],
  );
}

/** Records a successful send. */
export async function markSent(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query(
    `UPDATE notification_outbox SET status = 'sent', sent_at = $2, last_error = NULL
     WHERE id = $1 AND status = 'sending'`,
    [id, now],
  );
}

/** Records a failed attempt: back to pending at `retryAt`, or failed for good when null. */
export async function markFailed(
  q: Queryable,
  id: string,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await q.query(
    `UPDATE notification_outbox SET status = $2, next_attempt_at = COALESCE($3, next_attempt_at),
       last_error = $4, claimed_at = NULL
     WHERE id = $1 AND status = 'sending'`,
    [id, retryAt ? 'pending' : 'failed', retryAt, error],
  );
}

/**
 * Rows left in `sending` since before `staleBefore` (a dispatcher died mid-send) become
 * `uncertain`: the message may have left, so it is not resent automatically.
 */
export async function markStaleUncertain(q: Queryable, staleBefore: Date): Promise<number> {
  const rows = await q.query<{ id: string }>(
    `UPDATE notification_outbox SET status = 'uncertain', last_error = 'claim lost during sending'
     WHERE status = 'sending' AND claimed_at < $1 RETURNING id`,
    [staleBefore],
  );
  return rows.length;
}
