// The channel's outbox and inbox. Claiming is one statement (`FOR UPDATE SKIP LOCKED`) that
// takes only the oldest undelivered message of each subject and recipient, so messages of one
// subject leave in order and no row is ever claimed twice.
import type { Queryable } from '../../platform/db/index.js';

/** A message to send. */
export interface OutgoingMessage {
  kind: string;
  from: string;
  to: string;
  /** null: the recipient jurisdiction is hosted on this node. */
  peerId: string | null;
  subjectKey: string;
  agreementRef: string;
  body: unknown;
}

/** A claimed outbox row. */
export interface ClaimedMessage extends OutgoingMessage {
  seq: string;
  jti: string;
  attempts: number;
}

/** Writes a message in the caller's transaction; returns its jti. */
export async function insertOutgoing(q: Queryable, m: OutgoingMessage): Promise<string> {
  const rows = await q.query<{ jti: string }>(
    `INSERT INTO federation_outbox (kind, from_jurisdiction, to_jurisdiction, peer_id, subject_key,
       agreement_ref, body) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING jti`,
    [m.kind, m.from, m.to, m.peerId, m.subjectKey, m.agreementRef, JSON.stringify(m.body)],
  );
  return rows[0]!.jti;
}

/** Claims up to `limit` due messages, at most one per subject and recipient (the oldest). */
export async function claimDue(q: Queryable, now: Date, limit: number): Promise<ClaimedMessage[]> {
  return q.query<ClaimedMessage>(
    `WITH due AS (
       SELECT o.seq FROM federation_outbox o
       WHERE o.status = 'pending' AND o.next_attempt_at <= $1
         AND NOT EXISTS (
           SELECT 1 FROM federation_outbox p WHERE p.subject_key = o.subject_key
             AND p.to_jurisdiction = o.to_jurisdiction AND p.seq < o.seq
             AND p.status IN ('pending', 'sending'))
       ORDER BY o.seq LIMIT $2 FOR UPDATE SKIP LOCKED
     )
     UPDATE federation_outbox o SET status = 'sending', attempts = o.attempts + 1, claimed_at = $1
     FROM due WHERE o.seq = due.seq AND o.status = 'pending'
     RETURNING o.seq::text AS seq, o.jti::text AS jti, o.attempts, o.kind,
       trim(o.from_jurisdiction) AS "from", trim(o.to_jurisdiction) AS "to", o.peer_id AS "peerId",
       o.subject_key AS "subjectKey", o.agreement_ref AS "agreementRef", o.body`,
    [now, limit],
  );
}

/** Records a delivery (the receiver accepted it, or had already). The payload is dropped. */
export async function markSent(q: Queryable, seq: string, now: Date): Promise<void> {
  await q.query(
    `UPDATE federation_outbox SET status = 'sent', sent_at = $2, last_error = NULL, body = 'null'
     WHERE seq = $1 AND status = 'sending'`,
    [seq, now],
  );
}

/** Records a failed attempt: pending again at `retryAt`, or failed for good when null. */
export async function markFailed(
  q: Queryable,
  seq: string,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await q.query(
    `UPDATE federation_outbox SET status = $2, next_attempt_at = COALESCE($3, next_attempt_at),
       last_error = $4, claimed_at = NULL WHERE seq = $1 AND status = 'sending'`,
    [seq, retryAt ? 'pending' : 'failed', retryAt, error.slice(0, 500)],
  );
}

/**
 * Claims lost mid-send (a dispatcher died) go back to pending: unlike e-mail, a node message
 * may be sent again, because the receiver's inbox makes its effect happen once.
 */
export async function releaseStale(q: Queryable, staleBefore: Date): Promise<number> {
  const rows = await q.query<{ seq: string }>(
    `UPDATE federation_outbox SET status = 'pending', claimed_at = NULL,
       last_error = 'claim lost during sending'
     WHERE status = 'sending' AND claimed_at < $1 RETURNING seq`,
    [staleBefore],
  );
  return rows.length;
}

/** Outbox counts by status (for operators and tests). */
export async function outboxCounts(q: Queryable): Promise<Record<string, number>> {
  const rows = await q.query<{ status: string; n: string }>(
    `SELECT status, count(*) AS n FROM federation_outbox GROUP BY status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** A message accepted into the inbox. */
export interface InboxEntry {
  jti: string;
  issuer: string;
  kind: string;
  from: string;
  to: string;
  subjectKey: string;
  agreementRef: string;
}

/** Records a message as received; false when its jti was seen before (a replay). */
export async function insertInbox(q: Queryable, e: InboxEntry): Promise<boolean> {
  const rows = await q.query<{ jti: string }>(
    `INSERT INTO federation_inbox (jti, issuer, kind, from_jurisdiction, to_jurisdiction,
       subject_key, agreement_ref) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (jti) DO NOTHING RETURNING jti`,
    [e.jti, e.issuer, e.kind, e.from, e.to, e.subjectKey, e.agreementRef],
  );
  return rows.length === 1;
}

/** Records messages as received in one statement; returns the jtis not seen before. */
export async function insertInboxMany(q: Queryable, entries: InboxEntry[]): Promise<Set<string>> {
  const fresh = new Set<string>();
  for (let start = 0; start < entries.length; start += 500) {
    const params: unknown[] = [];
    const rows = entries.slice(start, start + 500).map((e) => {
      const values = [e.jti, e.issuer, e.kind, e.from, e.to, e.subjectKey, e.agreementRef];
      return `(${values.map((v) => `$${params.push(v)}`).join(', ')})`;
    });
    const inserted = await q.query<{ jti: string }>(
      `INSERT INTO federation_inbox (jti, issuer, kind, from_jurisdiction, to_jurisdiction,
         subject_key, agreement_ref) VALUES ${rows.join(', ')}
       ON CONFLICT (jti) DO NOTHING RETURNING jti`,
      params,
    );
    for (const r of inserted) {
      fresh.add(r.jti);
    }
  }
  return fresh;
}

/** Forgets an inbox entry whose effect was refused (so the message leaves no trace). */
export async function deleteInbox(q: Queryable, jti: string): Promise<void> {
  await q.query(`DELETE FROM federation_inbox WHERE jti = $1`, [jti]);
}

/** Records several deliveries at once (see markSent). */
export async function markSentMany(q: Queryable, seqs: string[], now: Date): Promise<void> {
  if (seqs.length > 0) {
    await q.query(
      `UPDATE federation_outbox SET status = 'sent', sent_at = $2, last_error = NULL, body = 'null'
       WHERE seq = ANY($1::bigint[]) AND status = 'sending'`,
      [seqs, now],
    );
  }
}
