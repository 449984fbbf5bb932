// SQL of the retention job (ADR 0142): what each category holds past its period, and the
// statements that purge or reduce it. Active legal holds are left out of every purge of a report
// or remains record (and so of its files).
import type { Queryable } from '../../platform/db/index.js';

/** One record a category would purge, with the date its period ran from. */
export interface Due {
  id: string;
  /** A reference that names no one (case number, remains code, row id). */
  ref: string;
  /** The outcome or status the period was chosen by, when it depends on one. */
  by?: string;
  since: Date;
  held: boolean;
}

const HELD = (type: 'report' | 'remains', col: string) =>
  `EXISTS (SELECT 1 FROM legal_holds h WHERE h.subject_type = '${type}'
     AND h.subject_id = ${col} AND h.lifted_at IS NULL)`;

/** Closed reports with the outcome they closed on (the status before `closed`). */
export function closedReports(q: Queryable, oldest: Date): Promise<Due[]> {
  return q.query<Due>(
    `SELECT r.id, r.case_number AS ref, coalesce(e.from_status, 'none') AS by,
       r.closed_at AS since, ${HELD('report', 'r.id')} AS held
     FROM reports r
     LEFT JOIN LATERAL (SELECT CASE WHEN s.from_status IN ('located_alive', 'identified_deceased')
         THEN s.from_status ELSE 'none' END AS from_status
       FROM report_status_events s WHERE s.report_id = r.id AND s.to_status = 'closed'
       ORDER BY s.id DESC LIMIT 1) e ON true
     WHERE r.status = 'closed' AND r.closed_at < $1 ORDER BY r.closed_at, r.id`,
    [oldest.toISOString()],
  );
}

/** Identified remains not yet reduced, by status, since their last status change. */
export function identifiedRemains(q: Queryable, oldest: Date): Promise<Due[]> {
  return q.query<Due>(
    `SELECT r.id, r.code AS ref, r.status AS by, r.status_changed_at AS since,
       ${HELD('remains', 'r.id')} AS held
     FROM remains r
     WHERE r.status IN ('identified', 'handed_over', 'repatriated') AND r.reduced_at IS NULL
       AND r.status_changed_at < $1 ORDER BY r.status_changed_at, r.id`,
    [oldest.toISOString()],
  );
}

/** Deletes reports (their timeline, names, links, candidates and notifications cascade). */
export async function deleteReports(q: Queryable, ids: string[]): Promise<void> {
  await q.query('DELETE FROM reports WHERE id = ANY($1::uuid[])', [ids]);
}

/**
 * Reduces identified remains to what the law requires: code, country, status and its basis,
 * legal basis, recovery date and place, kind and condition, and the custody and burial chain
 * (kept whole in its own table). Findings, biological identifiers, effects, documents, photos
 * and notes go.
 */
export async function reduceRemains(q: Queryable, ids: string[]): Promise<void> {
  await q.query(
    `UPDATE remains SET marks = '[]', dental = '[]', medical_findings = '[]', implants = '[]',
       dna_samples = '[]', effects = '[]', documents = '[]', photos = '[]', notes = NULL,
       hair = NULL, eyes = NULL, fingerprints = '{"taken": false}',
       recovery = recovery - 'circumstances' - 'coordinates', recovery_lat = NULL,
       recovery_lon = NULL, reduced_at = now(), updated_at = now()
     WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

/** Ended sessions (expired or revoked before `oldest`), with their refresh tokens. */
export function endedSessions(q: Queryable, oldest: Date): Promise<Due[]> {
  return q.query<Due>(
    `SELECT s.id, s.id::text AS ref, least(coalesce(s.revoked_at, s.expires_at), s.expires_at) AS since,
       false AS held
     FROM sessions s WHERE least(coalesce(s.revoked_at, s.expires_at), s.expires_at) < $1
     ORDER BY since`,
    [oldest.toISOString()],
  );
}

/** Deletes sessions and their refresh tokens. */
export async function deleteSessions(q: Queryable, ids: string[]): Promise<void> {
  await q.query('DELETE FROM refresh_tokens WHERE session_id = ANY($1::uuid[])', [ids]);
  await q.query('DELETE FROM sessions WHERE id = ANY($1::uuid[])', [ids]);
}

/** In-app notifications older than `oldest` that are not held back (death notices pending). */
export function oldNotifications(q: Queryable, oldest: Date): Promise<Due[]> {
  return q.query<Due>(
    `SELECT n.id, n.id::text AS ref, n.kind AS by, n.created_at AS since,
       coalesce(${HELD('report', 'n.report_id')}, false) AS held
     FROM notifications n WHERE n.created_at < $1 AND NOT n.held ORDER BY n.created_at`,
    [oldest.toISOString()],
  );
}

/** Deletes notifications (their e-mail outbox rows cascade). */
export async function deleteNotifications(q: Queryable, ids: string[]): Promise<void> {
  await q.query('DELETE FROM notifications WHERE id = ANY($1::uuid[])', [ids]);
}

/** Delivered or failed outbox rows (e-mail and transnational channel) older than `oldest`. */
export function finishedOutbox(q: Queryable, oldest: Date): Promise<Due[]> {
  return q.query<Due>(
    `SELECT 'email:' || o.id AS id, o.id::text AS ref, o.status AS by,
       coalesce(o.sent_at, o.created_at) AS since, false AS held
     FROM notification_outbox o
     WHERE o.status IN ('sent', 'failed', 'uncertain') AND coalesce(o.sent_at, o.created_at) < $1
     UNION ALL
     SELECT 'channel:' || f.seq, f.jti::text, f.status, coalesce(f.sent_at, f.created_at), false
     FROM federation_outbox f
     WHERE f.status IN ('sent', 'failed') AND coalesce(f.sent_at, f.created_at) < $1
     ORDER BY since`,
    [oldest.toISOString()],
  );
}

/** Deletes outbox rows by the ids finishedOutbox gave. */
export async function deleteOutbox(q: Queryable, ids: string[]): Promise<void> {
  const of = (prefix: string) =>
    ids.filter((i) => i.startsWith(prefix)).map((i) => i.slice(prefix.length));
  await q.query('DELETE FROM notification_outbox WHERE id = ANY($1::uuid[])', [of('email:')]);
  await q.query('DELETE FROM federation_outbox WHERE seq = ANY($1::bigint[])', [of('channel:')]);
}

/**
 * Records disclosed to this node by other states (kept sealed on the request that asked for
 * them), received before `oldest` or past their reading expiry at `now`.
 */
export function receivedDisclosures(q: Queryable, oldest: Date, now: Date): Promise<Due[]> {
  return q.query<Due>(
    `SELECT d.id, d.foreign_ref AS ref, d.foreign_jurisdiction AS by,
       coalesce(d.decided_at, d.created_at) AS since,
       (${HELD('report', 'd.local_id')} OR ${HELD('remains', 'd.local_id')}) AS held
     FROM federation_disclosures d
     WHERE d.direction = 'outgoing' AND d.record_sealed IS NOT NULL
       AND (coalesce(d.decided_at, d.created_at) < $1 OR d.expires_at < $2)
     ORDER BY since`,
    [oldest.toISOString(), now.toISOString()],
  );
}
