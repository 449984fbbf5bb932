import type { Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';
import { GENESIS_HASH, type ChainedEvent } from './audit.chain.js';

/** A sealed audit event: its place in the chain and its hash. */
export interface AuditRow extends ChainedEvent {
  hash: string;
}

/** An event as recorded in the work's transaction, before the sealer gives it a place. */
export type AuditContent = Omit<ChainedEvent, 'position' | 'prevHash'>;

/** An event as listed: unsealed events (not yet chained) have no position or hashes. */
export type ListedAuditEvent = AuditContent & {
  position: number | null;
  prevHash: string | null;
  hash: string | null;
};

interface DbRow {
  seq: number | string;
  position: number | string | null;
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
  prev_hash: string | null;
  hash: string | null;
}

const CONTENT = `at, actor_id, actor_role, actor_country, action, subject_type, subject_id,
  subject_country, fields, purpose, request_id, details`;

/** Options of statements that run on every sealing round or request (ADR 0136, 0145). */
const PREPARED = { prepared: true } as const;

const COLUMNS = `seq, position, at, actor_id, actor_role, actor_country, action, subject_type, subject_id,
  subject_country, fields, purpose, request_id, details, prev_hash, hash`;

/** What an event records, whether sealed or not. */
function toContent(r: DbRow): AuditContent {
  return {
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
  };
}

function toListed(r: DbRow): ListedAuditEvent {
  return {
    ...toContent(r),
    position: r.position === null ? null : Number(r.position),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** A sealed row (the caller selected only rows with a position). */
function toRow(r: DbRow): AuditRow {
  const e = toListed(r);
  return { ...e, position: Number(e.position), prevHash: e.prevHash ?? '', hash: e.hash ?? '' };
}

/** Columns an event is recorded with, in the order of `eventValues`. */
export const insertEventColumns = CONTENT.split(',').map((c) => c.trim());

/** An event's values in the order of `insertEventColumns` (JSON columns serialised). */
export function eventValues(e: AuditContent): unknown[] {
  return [
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
  ];
}

/** Records one event in the caller's transaction, unsealed (no lock: writers never wait on each other). */
export async function insertEvent(tx: Queryable, e: AuditContent): Promise<void> {
  await tx.query(
    `INSERT INTO audit_events (${CONTENT}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    eventValues(e),
  );
}

/** Appends several events in one statement (their order is the order given). */
export async function insertEvents(tx: Queryable, events: AuditContent[]): Promise<void> {
  for (let start = 0; start < events.length; start += 1000) {
    const params: unknown[] = [];
    const rows = events.slice(start, start + 1000).map((e) => {
      return `(${eventValues(e)
        .map((v) => `$${params.push(v)}`)
        .join(', ')})`;
    });
    await tx.query(`INSERT INTO audit_events (${CONTENT}) VALUES ${rows.join(', ')}`, params);
  }
}

/**
 * Serialises sealers (held until the sealing transaction ends, never by the work) and returns
 * the chain's head.
 */
export async function lockHead(tx: Queryable): Promise<{ position: number; hash: string }> {
  // The sealer's statements run on every round: prepared (ADR 0136, 0145).
  await tx.query('SELECT pg_advisory_xact_lock(727276)', [], PREPARED);
  const rows = await tx.query<{ position: number | string; hash: string }>(
    `SELECT position, hash FROM audit_events WHERE position IS NOT NULL
     ORDER BY position DESC LIMIT 1`,
    [],
    PREPARED,
  );
  const head =
    rows[0] ??
    // Every event pruned (ADR 0141): the chain goes on from the newest anchor.
    (
      await tx.query<{ position: number | string; hash: string }>(
        'SELECT position, hash FROM audit_prune_anchors ORDER BY position DESC LIMIT 1',
      )
    )[0];
  return head
    ? { position: Number(head.position), hash: head.hash }
    : { position: 0, hash: GENESIS_HASH };
}

/** Unsealed events in the order they were recorded, oldest first (the sealer's queue). */
export async function unsealedEvents(
  tx: Queryable,
  limit: number,
): Promise<(AuditContent & { seq: number })[]> {
  const rows = await tx.query<DbRow>(
    `SELECT ${COLUMNS} FROM audit_events WHERE position IS NULL ORDER BY seq LIMIT $1`,
    [limit],
    PREPARED,
  );
  return rows.map((r) => ({ seq: Number(r.seq), ...toContent(r) }));
}

/** Gives unsealed events their place in the chain, in one statement. */
export async function sealEvents(
  tx: Queryable,
  seals: { seq: number; position: number; prevHash: string; hash: string }[],
): Promise<void> {
  await tx.query(
    `UPDATE audit_events a SET position = u.position, prev_hash = u.prev_hash, hash = u.hash
     FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(seq, position, prev_hash, hash)
     WHERE a.seq = u.seq AND a.position IS NULL`,
    [
      seals.map((x) => x.seq),
      seals.map((x) => x.position),
      seals.map((x) => x.prevHash),
      seals.map((x) => x.hash),
    ],
    PREPARED,
  );
}

/** How many events wait for the sealer, and since when. */
export async function unsealedBacklog(
  q: Queryable,
): Promise<{ count: number; oldest: Date | null }> {
  const [row] = await q.query<{ n: number | string; oldest: Date | null }>(
    'SELECT count(*) AS n, min(at) AS oldest FROM audit_events WHERE position IS NULL',
  );
  return { count: Number(row?.n ?? 0), oldest: row?.oldest ?? null };
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

/** Events the access condition allows, newest first (unsealed ones before the chain), with their total. */
export async function listEvents(
  q: Queryable,
  access: SqlCondition,
  f: AuditFilter,
): Promise<{ rows: ListedAuditEvent[]; total: number }> {
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
    `SELECT ${COLUMNS} FROM audit_events WHERE ${clause} ORDER BY position DESC, seq DESC
     LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { rows: rows.map(toListed), total: Number(count?.n ?? 0) };
}
