import { createHash } from 'node:crypto';
import type { Queryable } from '../db/index.js';
import { AppError, validationFailed } from '../errors.js';

/** How long a key is remembered (clients retry within minutes; a day is generous). */
export const IDEMPOTENCY_TTL_HOURS = 24;

/** What a claimed key says about the request. */
export type IdempotencyClaim =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'pending' };

/** Where keys and first responses are kept (the database, one row per user and key). */
export interface IdempotencyStore {
  claim(actorId: string, key: string, fingerprint: string): Promise<IdempotencyClaim>;
  complete(actorId: string, key: string, status: number, body: unknown): Promise<void>;
  release(actorId: string, key: string): Promise<void>;
}

/** The header's value when present and well-formed (1–200 visible ASCII characters). */
export function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) {
    return undefined;
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw validationFailed([
      { field: 'header.Idempotency-Key', message: 'must be 1–200 visible ASCII characters' },
    ]);
  }
  return header;
}

/** JSON with object keys sorted, so the same body in another key order is the same body. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A fingerprint of a request: method, path and validated input. */
export function requestFingerprint(method: string, path: string, input: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonical(input)}`)
    .digest('hex');
}

/** The refusal of a key reused for a different request. */
export function keyReused(): AppError {
  return new AppError(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for a different request',
  );
}

/** Keys kept in the idempotency_keys table. */
export function createIdempotencyStore(db: Queryable): IdempotencyStore {
  return {
    async claim(actorId, key, fingerprint) {
      await db.query(
        `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
        [IDEMPOTENCY_TTL_HOURS],
      );
      const inserted = await db.query(
        `INSERT INTO idempotency_keys (actor_id, key, fingerprint) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING key`,
        [actorId, key, fingerprint],
      );
      if (inserted.length > 0) {
        return { kind: 'new' };
      }
      const [row] = await db.query<{
        fingerprint: string;
        status: number | null;
        response: unknown;
      }>(
        `SELECT fingerprint, status, response FROM idempotency_keys WHERE actor_id = $1 AND key = $2`,
        [actorId, key],
      );
      if (!row) {
        // Expired between the two statements: treat as new on the next try.
        return { kind: 'pending' };
      }
      if (row.fingerprint !== fingerprint) {
        return { kind: 'mismatch' };
      }
      if (row.status === null) {
        return { kind: 'pending' };
      }
      return { kind: 'replay', status: row.status, body: row.response };
    },
    async complete(actorId, key, status, body) {
      await db.query(
        `UPDATE idempotency_keys SET status = $3, response = $4 WHERE actor_id = $1 AND key = $2`,
        [actorId, key, status, body === undefined ? null : JSON.stringify(body)],
      );
    },
    async release(actorId, key) {
      await db.query(
        `DELETE FROM idempotency_keys WHERE actor_id = $1 AND key = $2 AND status IS NULL`,
        [actorId, key],
      );
    },
  };
}
