import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.js';
import type { Role } from '../../platform/authz/index.js';

/** What login needs to know about an account, secrets included. */
export interface LoginAccount {
  id: string;
  role: Role;
  country: string;
  passwordHash: string;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  mfaExempt: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  emailVerified: boolean;
}

/** Loads an account by e-mail and locks its row for the login attempt. */
export async function findLoginAccount(
  q: Queryable,
  email: string,
): Promise<LoginAccount | undefined> {
  const rows = await q.query<LoginAccount>(
    `SELECT id, role, country, password_hash AS "passwordHash", totp_secret AS "totpSecret",
       totp_enabled AS "totpEnabled", totp_last_step AS "totpLastStep", mfa_exempt AS "mfaExempt",
       failed_logins AS "failedLogins", locked_until AS "lockedUntil", disabled_at AS "disabledAt",
       (email_verified_at IS NOT NULL) AS "emailVerified"
     FROM users WHERE lower(email) = lower($1) FOR UPDATE`,
    [email],
  );
  const row = rows[0];
  return row
    ? { ...row, totpLastStep: row.totpLastStep === null ? null : Number(row.totpLastStep) }
    : undefined;
}

/** Clears failures after a good login and remembers the TOTP step used. */
export async function recordGoodLogin(q: Queryable, userId: string, totpStep: number | null) {
  await q.query(
    `UPDATE users SET failed_logins = 0, locked_until = NULL,
       totp_last_step = COALESCE($2, totp_last_step) WHERE id = $1`,
    [userId, totpStep],
  );
}

/** Stores a TOTP seed (sealed) and whether it is confirmed. */
export async function saveTotp(
  q: Queryable,
  userId: string,
  sealed: string | null,
  enabled: boolean,
) {
  await q.query('UPDATE users SET totp_secret = $2, totp_enabled = $3 WHERE id = $1', [
    userId,
    sealed,
    enabled,
  ]);
}

/** Opens a session (a web session also stores the hash of its cookie token). */
export async function insertSession(
  q: Queryable,
  userId: string,
  ttlSeconds: number,
  webTokenHash: string | null = null,
): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO sessions (user_id, expires_at, web_token_hash)
     VALUES ($1, now() + make_interval(secs => $2), $3) RETURNING id`,
    [userId, ttlSeconds, webTokenHash],
  );
  return rows[0]!.id;
}

/** Revokes a session and so every token of it. */
export async function revokeSession(q: Queryable, sessionId: string, reason: string) {
  await q.query(
    `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
     WHERE id = $1 AND revoked_at IS NULL`,
    [sessionId, reason],
  );
}

/** Records that a page used a web session now (idle timeout, ADR 0150). */
export async function touchWebSession(q: Queryable, sessionId: string) {
  await q.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [sessionId]);
}

/** SHA-256 of a refresh token: only the hash is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues a new refresh token for a session; returns the token itself (shown once). */
export async function issueRefreshToken(q: Queryable, sessionId: string, ttlSeconds: number) {
  const token = randomBytes(32).toString('base64url');
  await q.query(
    `INSERT INTO refresh_tokens (token_hash, session_id, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3))`,
    [hashToken(token), sessionId, ttlSeconds],
  );
  return token;
}

/** A refresh token with its session's state, locked for rotation. */
export interface RefreshTokenState {
  sessionId: string;
  userId: string;
  role: Role;
  country: string;
  usedAt: Date | null;
  expired: boolean;
  sessionRevoked: boolean;
  userDisabled: boolean;
}

/** Finds a refresh token by its value and locks it so that two refreshes cannot both win. */
export async function findRefreshToken(
  q: Queryable,
  token: string,
): Promise<RefreshTokenState | undefined> {
  const rows = await q.query<RefreshTokenState>(
    `SELECT t.session_id AS "sessionId", s.user_id AS "userId", u.role, u.country,
       t.used_at AS "usedAt", (t.expires_at < now() OR s.expires_at < now()) AS expired,
       (s.revoked_at IS NOT NULL) AS "sessionRevoked", (u.disabled_at IS NOT NULL) AS "userDisabled"
     FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
     WHERE t.token_hash = $1 FOR UPDATE OF t`,
    [hashToken(token)],
  );
  return rows[0];
}

/** Marks a refresh token used. */
export async function markRefreshTokenUsed(q: Queryable, token: string) {
  await q.query('UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1', [
    hashToken(token),
  ]);
}

/** The facts an access token's session resolves to, when the session is live. */
export interface SessionIdentity {
  id: string;
  role: Role;
  country: string;
  organisationId: string | null;
}

/** Resolves a live session of an enabled user (null when revoked, expired or disabled), with its expiry. */
export async function findLiveSession(
  q: Queryable,
  sessionId: string,
  userId: string,
): Promise<(SessionIdentity & { expiresAt: Date }) | undefined> {
  const rows = await q.query<SessionIdentity & { expiresAt: Date }>(
    `SELECT u.id, u.role, u.country, u.organisation_id AS "organisationId",
       s.expires_at AS "expiresAt"
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
       AND u.disabled_at IS NULL AND u.email_verified_at IS NOT NULL`,
    [sessionId, userId],
    // Read on every session-cache miss (a new session, or after any notification): prepared.
    { prepared: true },
  );
  return rows[0];
}

/** A live web session found by its cookie token, with what the pages show of its user. */
export interface WebSessionIdentity extends SessionIdentity {
  sessionId: string;
  displayName: string;
  preferredLanguage: string;
  /** Seconds since a page last used the session (null: never). */
  idleSeconds: number | null;
}

/** Resolves a web session cookie token (by its hash) to a live session of an enabled, verified user. */
export async function findWebSession(
  q: Queryable,
  token: string,
): Promise<WebSessionIdentity | undefined> {
  const rows = await q.query<WebSessionIdentity>(
    `SELECT s.id AS "sessionId", u.id, u.role, u.country, u.organisation_id AS "organisationId",
       u.display_name AS "displayName", u.preferred_language AS "preferredLanguage",
       EXTRACT(EPOCH FROM now() - s.last_seen_at)::float8 AS "idleSeconds"
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.web_token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
       AND u.disabled_at IS NULL AND u.email_verified_at IS NOT NULL`,
    [hashToken(token)],
  );
  return rows[0];
}
