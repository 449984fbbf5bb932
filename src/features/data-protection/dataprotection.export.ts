// The family's right of access (issue 16): what the family export adds to the report and its
// timeline — the messages of the case's thread, the files held (what they are, not their bytes:
// file content stays behind the media feature's rules), the family's notifications about the
// case (never one held back before a death was told in person), and the erasure requests.
import type { Queryable } from '../../platform/db/index.js';
import type { Actor } from '../../platform/authz/index.js';

/** Everything else held about a report that the family export lists. */
export async function familyExportExtras(t: Queryable, actor: Actor, reportId: string) {
  const messages = await t.query<{ at: Date; from: string; body: string }>(
    `SELECT created_at AS at, author_side AS "from", body FROM report_messages
     WHERE report_id = $1 ORDER BY created_at, id`,
    [reportId],
  );
  const files = await t.query<{
    id: string;
    kind: string;
    mediaType: string;
    name: string;
    bytes: number;
    caption: string | null;
    at: Date;
  }>(
    `SELECT id, kind, media_type AS "mediaType", original_name AS name, byte_size AS bytes,
       caption, created_at AS at
     FROM media_files WHERE owner_type = 'report' AND owner_id = $1 ORDER BY created_at, id`,
    [reportId],
  );
  const notifications = await t.query<{
    at: Date;
    kind: string;
    title: string;
    body: string;
    readAt: Date | null;
  }>(
    `SELECT created_at AS at, kind, title, body, read_at AS "readAt" FROM notifications
     WHERE report_id = $1 AND recipient_id = $2 AND NOT held ORDER BY created_at, id`,
    [reportId, actor.id],
  );
  const erasure = await t.query<{ at: Date; status: string; decisionReason: string | null }>(
    `SELECT created_at AS at, status, decision_reason AS "decisionReason" FROM erasure_requests
     WHERE report_id = $1 ORDER BY created_at`,
    [reportId],
  );
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    messages: messages.map((m) => ({ at: iso(m.at), from: m.from, body: m.body })),
    files: files.map((f) => ({ ...f, bytes: Number(f.bytes), at: iso(f.at) })),
    notifications: notifications.map((n) => ({ ...n, at: iso(n.at), readAt: iso(n.readAt) })),
    erasureRequests: erasure.map((e) => ({ ...e, at: iso(e.at) })),
  };
}
