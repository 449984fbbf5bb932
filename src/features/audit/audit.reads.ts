// Audited single-record reads in one statement (ADR 0135): the read and its audit event run as
// one data-modifying CTE in autocommit, instead of BEGIN / SELECT / INSERT / COMMIT. PostgreSQL
// runs the whole statement atomically, so the event exists exactly when the row was returned:
// no row (missing or not permitted), no event; the event cannot be written, no row.
import type { Queryable } from '../../platform/db/index.js';
import { insertEventColumns, eventValues } from './audit.repository.js';
import { notifySealer } from './audit.sealer.js';
import type { AuditActor } from './audit.service.js';

/** Types of the event's parameters (text when not listed), so no driver has to infer them. */
const PARAM_TYPES: Record<string, string> = {
  at: 'timestamptz',
  actor_id: 'uuid',
  fields: 'jsonb',
  details: 'jsonb',
};

/** One SELECT returning at most one row, its parameters numbered from $1. */
export interface SingleRowQuery {
  sql: string;
  params: readonly unknown[];
}

/** The event of an audited read; subject id and country come from the row that was read. */
export interface ReadEvent {
  subjectType: string;
  /** Column of the read's result holding the subject's id (quoted as written in the SELECT). */
  subjectIdColumn: string;
  /** Column of the read's result holding the subject's country, if it has one. */
  subjectCountryColumn?: string;
  /** Fields presented (names only, never values). */
  fields: readonly string[];
  purpose?: string;
  /** Non-personal context: ids, counts, reasons. */
  details?: Record<string, unknown>;
}

/** Texts built so far (few: one per kind of audited read), by what they are built from. */
const texts = new Map<string, string>();
const MAX_TEXTS = 500;

/** The CTE of a read and its event: built once per kind of read, not on every request. */
function statementText(read: SingleRowQuery, event: ReadEvent): string {
  const key = [
    read.params.length,
    event.subjectIdColumn,
    event.subjectCountryColumn,
    read.sql,
  ].join('\u0000');
  const known = texts.get(key);
  if (known) {
    return known;
  }
  let n = read.params.length;
  const selected = insertEventColumns.map((column) => {
    if (column === 'subject_id') {
      return `found.${event.subjectIdColumn}::text`;
    }
    if (column === 'subject_country') {
      return event.subjectCountryColumn ? `found.${event.subjectCountryColumn}` : 'NULL';
    }
    n += 1;
    return `$${n}::${PARAM_TYPES[column] ?? 'text'}`;
  });
  const text = `WITH found AS (${read.sql}),
     event AS (
       INSERT INTO audit_events (${insertEventColumns.join(', ')})
       SELECT ${selected.join(', ')} FROM found WHERE (SELECT count(*) FROM found) = 1
     )
     SELECT * FROM found`;
  if (texts.size >= MAX_TEXTS) {
    texts.clear();
  }
  texts.set(key, text);
  return text;
}

/**
 * Reads one record and records the actor's read of it in the same statement; returns the row,
 * or undefined (and no event) when the query found none. The query must apply the actor's
 * access rule itself (`accessibleWhere`), so a refused read leaves no event.
 */
export async function readAudited<T>(
  q: Queryable,
  read: SingleRowQuery,
  actor: AuditActor,
  event: ReadEvent,
): Promise<T | undefined> {
  const content = eventValues({
    at: new Date(),
    actorId: actor.id,
    actorRole: actor.role,
    actorCountry: actor.country,
    action: 'read',
    subjectType: event.subjectType,
    subjectId: null,
    subjectCountry: null,
    fields: [...event.fields],
    purpose: event.purpose ?? null,
    requestId: actor.requestId ?? null,
    details: event.details ?? {},
  });
  // The event's constant values follow the read's parameters; the subject is the found row's.
  const params = [...read.params];
  insertEventColumns.forEach((column, i) => {
    if (column !== 'subject_id' && column !== 'subject_country') {
      params.push(content[i]);
    }
  });
  const rows = await q.query<T>(
    statementText(read, event),
    params,
    // The text repeats for every read of the same kind: parsed and planned once per connection.
    { prepared: true },
  );
  if (rows.length > 1) {
    // A caller's mistake (not a key lookup): nothing is returned, and no event was written.
    throw new Error(`readAudited: ${rows.length} rows for a single-record read`);
  }
  if (rows[0]) {
    notifySealer();
  }
  return rows[0];
}
