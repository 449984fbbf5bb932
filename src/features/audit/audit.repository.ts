import type { Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';
import { GENESIS_HASH, type ChainedEvent } from './audit.chain.js';

/** A stored audit event. */
export interface AuditRow extends ChainedEvent {
  hash: string;
}

interface DbRow {
  position: number | string;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  actor_country: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  subject_country: string | null;
  fields: string[];
  purpose: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const COLUMNS = `position, at, actor_id, actor_role, actor_country, action, subject_type, subject_id,
  subject_country, fields, purpose, request_id, details, prev_hash, hash`;

function toRow(r: DbRow): AuditRow {
  return {
    position: Number(r.position),
    at: r.at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorCountry: r.actor_country?.trim() ?? null,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subjectCountry: r.subject_country?.trim() ?? null,
    fields: r.fields,
    purpose: r.purpose,
    requestId: r.request_id,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Serialises appends (held until the transaction ends) and returns the chain's head. */
export async function lockHead(tx: Queryable): Promise<{ position: number; hash: string }> {
  await tx.query('SELECT pg_advisory_xact_lock(727276)');
  const rows = await tx.query<{ position: number | string; hash: string }>(
    'SELECT position, hash FROM audit_events ORDER BY position DESC LIMIT 1',
  );
  const head = rows[0];
  return head
    ? { position: Number(head.position), hash: head.hash }
    : { position: 0, hash: GENESIS_HASH };
}

/** Appends one event. */
export async function insertEvent(tx: Queryable, e: AuditRow): Promise<void> {
  await tx.query(
    `INSERT INTO audit_events (${COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      e.position,
      e.at,
      e.actorId,
      e.actorRole,
      e.actorCountry,
      e.action,
      e.subjectType,
      e.subjectId,
      e.subjectCountry,
      JSON.stringify(e.fields),
      e.purpose,
      e.requestId,
      JSON.stringify(e.details),
      e.prevHash,
      e.hash,
    ],
  );
}

/** Events in chain order after a position, a page at a time (for verification). */
export async function eventsAfter(q: Queryable, after: number, limit: number): Promise<AuditRow[]> {
  const rows = await q.query<DbRow>(
    `SELECT ${COLUMNS} FROM audit_events WHERE position > $1 ORDER BY position LIMIT $2`,
    [after, limit],
  );
  return rows.map(toRow);
}

/** Filters for listing events. */
export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  limit: number;
  offset: number;
}

/** Events the access condition allows, newest first, with their total. */
export async function listEvents(
  q: Queryable,
  access: SqlCondition,
  f: AuditFilter,
): Promise<{ rows: AuditRow[]; total: number }> {
  const params = [...access.params];
  const where = [access.sql];
  const add = (column: string, value: string | undefined) => {
    if (value !== undefined) {
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
  };
  add('subject_type', f.subjectType);
  add('subject_id', f.subjectId);
  add('actor_id', f.actorId);
  const clause = where.join(' AND ');
  const [count] = await q.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM audit_events WHERE ${clause}`,
    params,
  );
  const rows = await q.query<DbRow>(
    `SELECT ${COLUMNS} FROM audit_events WHERE ${clause} ORDER BY position DESC
     LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { rows: rows.map(toRow), total: Number(count?.n ?? 0) };
}
