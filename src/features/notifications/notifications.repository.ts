import type { Queryable } from '../../platform/db/index.js';

/** Kinds of notification. */
export type NotificationKind =
  | 'status_change'
  | 'message'
  | 'co_follower_invitation'
  | 'assignment'
  | 'death_notice'
  | 'account';

/** A stored in-app notification. */
export interface Notification {
  id: string;
  recipientId: string;
  reportId: string | null;
  kind: NotificationKind;
  language: string;
  title: string;
  body: string;
  held: boolean;
  readAt: Date | null;
  createdAt: Date;
}

/** A notification with its e-mail delivery state (for the contact point). */
export interface DeliveryRow extends Notification {
  recipientRole: string;
  emailStatus: string | null;
  emailAttempts: number | null;
  emailNextAttemptAt: Date | null;
  emailSentAt: Date | null;
  emailLastError: string | null;
}

const N_COLUMNS = `n.id, n.recipient_id AS "recipientId", n.report_id AS "reportId", n.kind, n.language,
  n.title, n.body, n.held, n.read_at AS "readAt", n.created_at AS "createdAt"`;

/** Writes a notification and, when given, its e-mail outbox row (same transaction as the change). */
export async function insertNotification(
  q: Queryable,
  n: Pick<
    Notification,
    'recipientId' | 'reportId' | 'kind' | 'language' | 'title' | 'body' | 'held'
  >,
  email?: { subject: string; body: string },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO notifications (recipient_id, report_id, kind, language, title, body, held)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [n.recipientId, n.reportId, n.kind, n.language, n.title, n.body, n.held],
  );
  if (email) {
    await q.query(
      `INSERT INTO notification_outbox (notification_id, channel, subject, body, status)
       VALUES ($1, 'email', $2, $3, $4)`,
      [row!.id, email.subject, email.body, n.held ? 'held' : 'pending'],
    );
  }
  return row!.id;
}

/** Releases the held notifications of a report (death notice given in person): visible and sendable. */
export async function releaseHeld(q: Queryable, reportId: string, now: Date): Promise<number> {
  const rows = await q.query<{ id: string }>(
    `UPDATE notifications SET held = false, created_at = $2 WHERE report_id = $1 AND held RETURNING id`,
    [reportId, now],
  );
  await q.query(
    `UPDATE notification_outbox SET status = 'pending', next_attempt_at = $2
     WHERE status = 'held' AND notification_id = ANY($1::uuid[])`,
    [rows.map((r) => r.id), now],
  );
  return rows.length;
}

/** A user's visible notifications, newest first. */
export async function listForRecipient(
  q: Queryable,
  recipientId: string,
  f: { unread?: boolean; limit: number; offset: number },
): Promise<{ rows: Notification[]; total: number }> {
  const where = `n.recipient_id = $1 AND NOT n.held${f.unread ? ' AND n.read_at IS NULL' : ''}`;
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications n WHERE ${where}`,
    [recipientId],
  );
  const rows = await q.query<Notification>(
    `SELECT ${N_COLUMNS} FROM notifications n WHERE ${where}
     ORDER BY n.created_at DESC, n.id LIMIT $2 OFFSET $3`,
    [recipientId, f.limit, f.offset],
  );
  return { rows, total: Number(count?.n ?? 0) };
}

/** Loads one notification. */
export async function findNotification(
  q: Queryable,
  id: string,
): Promise<Notification | undefined> {
  return (
    await q.query<Notification>(`SELECT ${N_COLUMNS} FROM notifications n WHERE n.id = $1`, [id])
  )[0];
}

/** Marks a notification read (keeps the first reading time). */
export async function markRead(q: Queryable, id: string): Promise<void> {
  await q.query(`UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1`, [id]);
}

/** Every notification of a report sent to its family, with e-mail delivery state. */
export async function listDeliveries(
  q: Queryable,
  reportId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: DeliveryRow[]; total: number }> {
  const rows = await q.query<DeliveryRow & { total: number }>(
    `SELECT ${N_COLUMNS}, u.role AS "recipientRole", o.status AS "emailStatus",
       o.attempts AS "emailAttempts", o.next_attempt_at AS "emailNextAttemptAt",
       o.sent_at AS "emailSentAt", o.last_error AS "emailLastError", count(*) OVER ()::int AS total
     FROM notifications n JOIN users u ON u.id = n.recipient_id
     LEFT JOIN notification_outbox o ON o.notification_id = n.id
     WHERE n.report_id = $1 AND u.role = 'family' ORDER BY n.created_at, n.id
     LIMIT $2 OFFSET $3`,
    [reportId, page.limit, page.offset],
  );
  let total = rows[0]?.total;
  if (total === undefined) {
    const [c] = await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.recipient_id
       WHERE n.report_id = $1 AND u.role = 'family'`,
      [reportId],
    );
    total = c?.n ?? 0;
  }
  return { rows: rows.map(({ total: _t, ...d }) => d), total };
}

/** A user's e-mail channel choice (true when never set). */
export async function emailWanted(q: Queryable, userId: string): Promise<boolean> {
  const rows = await q.query<{ email: boolean }>(
    `SELECT email FROM notification_preferences WHERE user_id = $1`,
    [userId],
  );
  return rows[0]?.email ?? true;
}

/** Stores a user's channel choices. */
export async function savePreferences(q: Queryable, userId: string, p: { email: boolean }) {
  await q.query(
    `INSERT INTO notification_preferences (user_id, email) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET email = $2, updated_at = now()`,
    [userId, p.email],
  );
}

/** Death notice of a report, if any. */
export interface DeathNotice {
  reportId: string;
  pendingSince: Date;
  informedAt: Date | null;
  method: 'in_person' | 'phone' | null;
  informedBy: string | null;
  note: string | null;
}

/** Loads the death notice of a report. */
export async function findDeathNotice(
  q: Queryable,
  reportId: string,
): Promise<DeathNotice | undefined> {
  return (
    await q.query<DeathNotice>(
      `SELECT report_id AS "reportId", pending_since AS "pendingSince", informed_at AS "informedAt",
         method, informed_by AS "informedBy", note FROM death_notices WHERE report_id = $1`,
      [reportId],
    )
  )[0];
}

/** Opens a pending death notice (the missing person was identified among the deceased). */
export async function openDeathNotice(q: Queryable, reportId: string): Promise<void> {
  await q.query(
    `INSERT INTO death_notices (report_id) VALUES ($1)
     ON CONFLICT (report_id) DO UPDATE SET pending_since = now(), informed_at = NULL,
       method = NULL, informed_by = NULL, note = NULL`,
    [reportId],
  );
}

/** Records that the family was told in person or by phone. */
export async function recordInformed(
  q: Queryable,
  reportId: string,
  e: { method: 'in_person' | 'phone'; by: string; note: string | null; at: Date },
): Promise<void> {
  await q.query(
    `UPDATE death_notices SET informed_at = $2, method = $3, informed_by = $4, note = $5
     WHERE report_id = $1`,
    [reportId, e.at, e.method, e.by, e.note],
  );
}

/**
 * Queues an account e-mail (address verification, password reset, "someone tried to register"):
 * sent whatever the family's e-mail preference, since the account cannot work without it. The
 * in-app copy says only that an e-mail was sent; the code travels by e-mail alone.
 */
export async function queueAccountMail(
  q: Queryable,
  m: { recipientId: string; language: string; inApp: string; subject: string; body: string },
): Promise<void> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO notifications (recipient_id, report_id, kind, language, title, body, held, read_at)
     VALUES ($1, NULL, 'account', $2, $3, $3, false, now()) RETURNING id`,
    [m.recipientId, m.language, m.inApp],
  );
  await q.query(
    `INSERT INTO notification_outbox (notification_id, channel, subject, body, status)
     VALUES ($1, 'email', $2, $3, 'pending')`,
    [row!.id, m.subject, m.body],
  );
}
