// SQL for account codes (verification, password reset), login throttling and account state.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.js';
import { hashToken } from './auth.repository.js';

/** What an e-mailed one-time code is for. */
export type CodePurpose = 'verify_email' | 'reset_password';

/** Issues a one-time code (a 256-bit random token) for a user; returns it (shown once). */
export async function insertCode(
  q: Queryable,
  userId: string,
  purpose: CodePurpose,
  ttlSeconds: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await q.query(
    `INSERT INTO account_codes (code_hash, user_id, purpose, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [hashToken(token), userId, purpose, ttlSeconds],
  );
  return token;
}

/** Uses a code once: returns its user when it is live, and marks it used. */
export async function consumeCode(
  q: Queryable,
  token: string,
  purpose: CodePurpose,
): Promise<string | undefined> {
  const rows = await q.query<{ userId: string }>(
    `UPDATE account_codes SET used_at = now()
     WHERE code_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
     RETURNING user_id AS "userId"`,
    [hashToken(token), purpose],
  );
  return rows[0]?.userId;
}

/** Ends every open code of a user for a purpose (a new one replaces them). */
export async function expireCodes(q: Queryable, userId: string, purpose: CodePurpose) {
  await q.query(
    `UPDATE account_codes SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
    [userId, purpose],
  );
}

/** Sets when a user's address was proven (null: not yet). */
export async function setEmailVerified(q: Queryable, userId: string, verified: boolean) {
  await q.query(
    `UPDATE users SET email_verified_at = CASE WHEN $2 THEN COALESCE(email_verified_at, now()) END
     WHERE id = $1`,
    [userId, verified],
  );
}

/** Replaces a user's password hash. */
export async function setPasswordHash(q: Queryable, userId: string, hash: string) {
  await q.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [
    userId,
    hash,
  ]);
}

/** Revokes every live session of a user (password reset). */
export async function revokeUserSessions(q: Queryable, userId: string, reason: string) {
  await q.query(
    `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
     WHERE user_id = $1 AND revoked_at IS NULL`,
    [userId, reason],
  );
}

/** A client address as stored in throttle keys: a hash, never the address itself. */
export function addressKey(ip: string): string {
  return createHash('sha256').update(`ariadne-throttle:${ip}`).digest('hex').slice(0, 32);
}

/** One throttle counter. */
export interface ThrottleRow {
  key: string;
  failures: number;
  blockedUntil: Date | null;
  updatedAt: Date;
}

/** Reads throttle counters by key. */
export async function readThrottle(q: Queryable, keys: string[]): Promise<ThrottleRow[]> {
  return q.query<ThrottleRow>(
    `SELECT key, failures, blocked_until AS "blockedUntil", updated_at AS "updatedAt"
     FROM login_throttle WHERE key = ANY($1::text[])`,
    [keys],
  );
}

/** Stores a counter's failures and block end. */
export async function writeThrottle(
  q: Queryable,
  key: string,
  failures: number,
  blockedUntil: Date | null,
) {
  await q.query(
    `INSERT INTO login_throttle (key, failures, blocked_until, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (key) DO UPDATE SET failures = $2, blocked_until = $3, updated_at = now()`,
    [key, failures, blockedUntil],
  );
}

/** Removes counters (after a good login or a password reset). */
export async function clearThrottle(q: Queryable, keys: string[]) {
  await q.query('DELETE FROM login_throttle WHERE key = ANY($1::text[])', [keys]);
}

/** Removes every counter of an account, whatever the address (owner recovery by reset). */
export async function clearAccountThrottle(q: Queryable, userId: string) {
  await q.query(`DELETE FROM login_throttle WHERE key = $1 OR (key LIKE $2 AND failures > 0)`, [
    `a:${userId}`,
    `p:${userId}:%`,
  ]);
}
