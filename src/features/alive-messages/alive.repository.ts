// The only SQL of the "I am alive" feature: messages, their name keys and possible matches.
import type { Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';
import type { ShareChoice } from './alive.schemas.js';

/** A stored message. */
export interface AliveMessage {
  id: string;
  status: 'active' | 'withdrawn';
  names: { value: string; script: string }[];
  birth: { earliest: string; latest: string } | null;
  origin: string;
  relatives: string[];
  share: ShareChoice;
  location: string;
  note: string;
  contact: string;
  under18: boolean;
  language: string;
  createdAt: Date;
  withdrawnAt: Date | null;
}

/** A message as written (before it has an id). */
export type NewAliveMessage = Omit<AliveMessage, 'id' | 'status' | 'createdAt' | 'withdrawnAt'>;

/** A possible match, with the facts its access rules are checked on. */
export interface AliveMatch {
  id: string;
  messageId: string;
  reportId: string;
  country: string;
  score: number;
  evidence: Record<string, unknown>;
  status: 'candidate' | 'confirmed' | 'rejected' | 'withdrawn';
  reason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  passedOn: string | null;
  passedOnAt: Date | null;
  createdAt: Date;
  /** The sender said they are under 18 (caseworkers only). */
  senderChild: boolean;
  /** Organisation of the report's contact point. */
  contactPointOrganisationId: string | null;
}

const MESSAGE = `m.id, m.status, m.names, m.origin, m.relatives, m.share, m.location, m.note,
  m.contact, m.under18, m.language, m.created_at AS "createdAt", m.withdrawn_at AS "withdrawnAt",
  CASE WHEN m.birth_earliest IS NULL THEN NULL ELSE json_build_object(
    'earliest', to_char(m.birth_earliest, 'YYYY-MM-DD'),
    'latest', to_char(m.birth_latest, 'YYYY-MM-DD')) END AS birth`;

/** Organisation of the contact point the match's report is routed to. */
export const MATCH_CP_ORGANISATION = `(SELECT cp.organisation_id FROM report_assignments a
  JOIN contact_points cp ON cp.id = a.contact_point_id WHERE a.report_id = x.report_id)`;

const MATCH = `x.id, x.message_id AS "messageId", x.report_id AS "reportId", trim(x.country) AS country,
  x.score, x.evidence, x.status, x.reason, x.decided_by AS "decidedBy", x.decided_at AS "decidedAt",
  x.passed_on AS "passedOn", x.passed_on_at AS "passedOnAt", x.created_at AS "createdAt",
  m.under18 AS "senderChild", ${MATCH_CP_ORGANISATION} AS "contactPointOrganisationId"`;

/** Stores a message under the hash of its withdrawal code; returns its id. */
export async function insertMessage(
  q: Queryable,
  m: NewAliveMessage,
  withdrawalHash: Buffer,
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO alive_messages (names, birth_earliest, birth_latest, origin, relatives, share,
       location, note, contact, under18, language, withdrawal_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      JSON.stringify(m.names),
      m.birth?.earliest ?? null,
      m.birth?.latest ?? null,
      m.origin,
      JSON.stringify(m.relatives),
      m.share,
      m.location,
      m.note,
      m.contact,
      m.under18,
      m.language,
      withdrawalHash,
    ],
  );
  return row!.id;
}

/** Replaces the name keys a changed report finds the message by. */
export async function replaceMessageKeys(
  q: Queryable,
  id: string,
  keys: { sound: string; skeleton: string }[],
): Promise<void> {
  await q.query('DELETE FROM alive_message_keys WHERE message_id = $1', [id]);
  if (keys.length > 0) {
    await q.query(
      `INSERT INTO alive_message_keys (message_id, sound, skeleton)
       SELECT $1, s, k FROM unnest($2::text[], $3::text[]) AS u(s, k)`,
      [id, keys.map((k) => k.sound), keys.map((k) => k.skeleton)],
    );
  }
}

/** One message (any status), optionally locked. */
export async function findMessage(
  q: Queryable,
  id: string,
  lock = false,
): Promise<AliveMessage | null> {
  const [row] = await q.query<AliveMessage>(
    `SELECT ${MESSAGE} FROM alive_messages m WHERE m.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row ?? null;
}

/** The active message holding a withdrawal code hash, locked. */
export async function findActiveByCode(q: Queryable, hash: Buffer): Promise<AliveMessage | null> {
  const [row] = await q.query<AliveMessage>(
    `SELECT ${MESSAGE} FROM alive_messages m
     WHERE m.withdrawal_hash = $1 AND m.status = 'active' FOR UPDATE`,
    [hash],
  );
  return row ?? null;
}

/**
 * Withdraws a message: its personal content is erased (a tombstone keeps the sender's choice,
 * age group and dates), its name keys go, and matches still waiting are closed. Matches already
 * decided keep what was passed on. Returns how many had been passed on to a family.
 */
export async function withdrawMessage(q: Queryable, id: string): Promise<{ passedOn: number }> {
  await q.query(
    `UPDATE alive_messages SET status = 'withdrawn', withdrawn_at = now(), names = '[]',
       birth_earliest = NULL, birth_latest = NULL, origin = '', relatives = '[]', location = '',
       note = '', contact = '' WHERE id = $1`,
    [id],
  );
  await q.query('DELETE FROM alive_message_keys WHERE message_id = $1', [id]);
  await q.query(
    `UPDATE alive_matches SET status = 'withdrawn', updated_at = now()
     WHERE message_id = $1 AND status = 'candidate'`,
    [id],
  );
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM alive_matches
     WHERE message_id = $1 AND passed_on IN ('location', 'alive_only')`,
    [id],
  );
  return { passedOn: Number(row?.n ?? 0) };
}

/** Active messages that share a sound key or skeleton with a report's names. */
export async function messagesSharingKeys(q: Queryable, reportId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT DISTINCT k.message_id AS id
     FROM report_name_tokens t
     JOIN alive_message_keys k ON k.sound = t.sound OR k.skeleton = t.skeleton
     JOIN alive_messages m ON m.id = k.message_id AND m.status = 'active'
     WHERE t.report_id = $1 LIMIT 200`,
    [reportId],
  );
  return rows.map((r) => r.id);
}

/** Stores a possible match, or refreshes its score while it still waits for review. */
export async function upsertMatch(
  q: Queryable,
  m: {
    messageId: string;
    reportId: string;
    country: string;
    score: number;
    evidence: Record<string, unknown>;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO alive_matches (message_id, report_id, country, score, evidence)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (message_id, report_id) DO UPDATE
       SET score = EXCLUDED.score, evidence = EXCLUDED.evidence, updated_at = now()
       WHERE alive_matches.status = 'candidate'`,
    [m.messageId, m.reportId, m.country, m.score, JSON.stringify(m.evidence)],
  );
}

/** One match of an active message, optionally locked (withdrawn messages' matches are gone). */
export async function findMatch(
  q: Queryable,
  id: string,
  lock = false,
): Promise<AliveMatch | null> {
  const [row] = await q.query<AliveMatch>(
    `SELECT ${MATCH} FROM alive_matches x JOIN alive_messages m ON m.id = x.message_id
     WHERE x.id = $1 AND m.status = 'active'${lock ? ' FOR UPDATE OF x' : ''}`,
    [id],
  );
  return row ?? null;
}

/** A page of matches the access condition allows, best first. */
export async function listMatches(
  q: Queryable,
  access: SqlCondition,
  f: { status: string; limit: number; offset: number },
): Promise<{ rows: AliveMatch[]; total: number }> {
  const n = access.params.length;
  const where = `${access.sql} AND x.status = $${n + 1} AND m.status = 'active'`;
  const from = 'alive_matches x JOIN alive_messages m ON m.id = x.message_id';
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${from} WHERE ${where}`,
    [...access.params, f.status],
  );
  const rows = await q.query<AliveMatch>(
    `SELECT ${MATCH} FROM ${from} WHERE ${where}
     ORDER BY m.under18 DESC, x.score DESC, x.created_at, x.id LIMIT $${n + 2} OFFSET $${n + 3}`,
    [...access.params, f.status, f.limit, f.offset],
  );
  return { rows, total: Number(count?.n ?? 0) };
}

/** Records a reviewer's decision and what was passed on. */
export async function decideMatch(
  q: Queryable,
  id: string,
  d: {
    status: 'confirmed' | 'rejected';
    reason: string;
    decidedBy: string;
    passedOn: string | null;
  },
): Promise<void> {
  await q.query(
    `UPDATE alive_matches SET status = $2, reason = $3, decided_by = $4, decided_at = now(),
       passed_on = $5, passed_on_at = CASE WHEN $5::text IN ('location', 'alive_only') THEN now() END,
       updated_at = now()
     WHERE id = $1`,
    [id, d.status, d.reason, d.decidedBy, d.passedOn],
  );
}
