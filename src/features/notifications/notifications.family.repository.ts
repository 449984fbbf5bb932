// SQL of message threads and co-followers.
import type { Queryable } from '../../platform/db/index.js';

/** A message of a report's thread. */
export interface Message {
  id: string;
  reportId: string;
  authorId: string;
  authorSide: 'family' | 'contact_point';
  body: string;
  createdAt: Date;
}

/** Appends a message to a report's thread. */
export async function insertMessage(
  q: Queryable,
  m: Pick<Message, 'reportId' | 'authorId' | 'authorSide' | 'body'>,
): Promise<Message> {
  const [row] = await q.query<Message>(
    `INSERT INTO report_messages (report_id, author_id, author_side, body) VALUES ($1, $2, $3, $4)
     RETURNING id, report_id AS "reportId", author_id AS "authorId", author_side AS "authorSide",
       body, created_at AS "createdAt"`,
    [m.reportId, m.authorId, m.authorSide, m.body],
  );
  return row!;
}

/** The thread of a report, oldest first. */
export async function listMessages(
  q: Queryable,
  reportId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: Message[]; total: number }> {
  // Newest first to page (offset 0 is the latest page), then oldest first within the page.
  const rows = await q.query<Message & { total: number }>(
    `SELECT id, report_id AS "reportId", author_id AS "authorId", author_side AS "authorSide", body,
       created_at AS "createdAt", count(*) OVER ()::int AS total
     FROM report_messages WHERE report_id = $1 ORDER BY created_at DESC, id DESC
     LIMIT $2 OFFSET $3`,
    [reportId, page.limit, page.offset],
  );
  const total = rows[0]?.total ?? (await countMessages(q, reportId));
  return { rows: rows.reverse().map(({ total: _t, ...m }) => m), total };
}

async function countMessages(q: Queryable, reportId: string): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM report_messages WHERE report_id = $1',
    [reportId],
  );
  return row?.n ?? 0;
}

/** A co-follower invitation. */
export interface Follower {
  id: string;
  reportId: string;
  inviteeEmail: string;
  relationship: string;
  userId: string | null;
  status: 'invited' | 'active' | 'declined' | 'revoked';
  createdAt: Date;
  decidedAt: Date | null;
}

const F_COLUMNS = `id, report_id AS "reportId", invitee_email AS "inviteeEmail", relationship,
  user_id AS "userId", status, created_at AS "createdAt", decided_at AS "decidedAt"`;

/** Records an invitation. */
export async function insertFollower(
  q: Queryable,
  f: { reportId: string; email: string; relationship: string; invitedBy: string },
): Promise<Follower> {
  const [row] = await q.query<Follower>(
    `INSERT INTO report_followers (report_id, invitee_email, relationship, status, invited_by)
     VALUES ($1, lower($2), $3, 'invited', $4) RETURNING ${F_COLUMNS}`,
    [f.reportId, f.email, f.relationship, f.invitedBy],
  );
  return row!;
}

/** Loads one invitation. */
export async function findFollower(q: Queryable, id: string): Promise<Follower | undefined> {
  return (
    await q.query<Follower>(`SELECT ${F_COLUMNS} FROM report_followers WHERE id = $1`, [id])
  )[0];
}

/** Invitations and co-followers of a report. */
export async function listFollowers(q: Queryable, reportId: string): Promise<Follower[]> {
  return q.query<Follower>(
    `SELECT ${F_COLUMNS} FROM report_followers WHERE report_id = $1 ORDER BY created_at, id`,
    [reportId],
  );
}

/** Open invitations addressed to an e-mail address. */
export async function listInvitationsFor(q: Queryable, email: string): Promise<Follower[]> {
  return q.query<Follower>(
    `SELECT ${F_COLUMNS} FROM report_followers WHERE invitee_email = lower($1) AND status = 'invited'
     ORDER BY created_at, id`,
    [email],
  );
}

/** Accepts, declines or revokes an invitation. */
export async function decideFollower(
  q: Queryable,
  id: string,
  status: 'active' | 'declined' | 'revoked',
  userId: string | null,
): Promise<void> {
  await q.query(
    `UPDATE report_followers SET status = $2, user_id = COALESCE($3, user_id), decided_at = now()
     WHERE id = $1`,
    [id, status, userId],
  );
}
