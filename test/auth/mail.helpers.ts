import { testNode } from '../node.js';

/** The newest account e-mail queued for an address (what the dispatcher would send). */
export async function lastMailTo(email: string): Promise<{ subject: string; body: string }> {
  const rows = await testNode().db.query<{ subject: string; body: string }>(
    `SELECT o.subject, o.body FROM notification_outbox o JOIN notifications n ON n.id = o.notification_id
     JOIN users u ON u.id = n.recipient_id WHERE lower(u.email) = lower($1) AND n.kind = 'account'
     ORDER BY o.created_at DESC, o.id LIMIT 1`,
    [email],
  );
  if (!rows[0]) {
    throw new Error(`no account e-mail to ${email}`);
  }
  return rows[0];
}

/** The one-time code in an e-mailed link. */
export function codeIn(body: string): string {
  return /code=([A-Za-z0-9_-]+)/.exec(body)![1]!;
}
