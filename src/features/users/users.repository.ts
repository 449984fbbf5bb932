import type { Queryable } from '../../platform/db/index.js';
import type { Role, SqlCondition } from '../../platform/authz/index.js';

/** A stored user without secrets. */
export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  country: string;
  organisationId: string | null;
  preferredLanguage: string;
  totpEnabled: boolean;
  mfaExempt: boolean;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
}

/** Columns of a user, camel-cased. */
export const USER_COLUMNS = `id, email, display_name AS "displayName", role, country,
  organisation_id AS "organisationId", preferred_language AS "preferredLanguage",
  totp_enabled AS "totpEnabled", mfa_exempt AS "mfaExempt", locked_until AS "lockedUntil",
  disabled_at AS "disabledAt", created_at AS "createdAt"`;

/** Fields of the users' access rules and their columns. */
export const READ_COLUMNS = { id: 'id', country: 'country' };

/** Loads a user by id. */
export async function findUser(q: Queryable, id: string): Promise<User | undefined> {
  return (await q.query<User>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]))[0];
}

/**
 * The query for one user by id within an access condition whose parameters start at $2 (for
 * `readAudited`, which runs it).
 */
export function userByIdWhere(id: string, access: SqlCondition): SqlCondition {
  return {
    sql: `SELECT ${USER_COLUMNS} FROM users WHERE id = $1 AND ${access.sql}`,
    params: [id, ...access.params],
  };
}

/** Loads a user by e-mail (case-insensitive). */
export async function findUserByEmail(q: Queryable, email: string): Promise<User | undefined> {
  return (
    await q.query<User>(`SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1)`, [email])
  )[0];
}

/** What a new user row needs. */
export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  country: string;
  organisationId: string | null;
  preferredLanguage: string;
  passwordHash: string;
  mfaExempt?: boolean;
}

/** Inserts a user. */
export async function insertUser(q: Queryable, u: NewUser): Promise<User> {
  const rows = await q.query<User>(
    `INSERT INTO users (email, display_name, role, country, organisation_id, preferred_language,
       password_hash, mfa_exempt)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${USER_COLUMNS}`,
    [
      u.email,
      u.displayName,
      u.role,
      u.country,
      u.organisationId,
      u.preferredLanguage,
      u.passwordHash,
      u.mfaExempt ?? false,
    ],
  );
  return rows[0]!;
}

/** Updates profile fields. */
export async function updateUser(
  q: Queryable,
  id: string,
  p: { displayName?: string; preferredLanguage?: string; role?: string; organisationId?: string },
): Promise<User> {
  const rows = await q.query<User>(
    `UPDATE users SET display_name = COALESCE($2, display_name),
       preferred_language = COALESCE($3, preferred_language), role = COALESCE($4, role),
       organisation_id = COALESCE($5, organisation_id), updated_at = now()
     WHERE id = $1 RETURNING ${USER_COLUMNS}`,
    [
      id,
      p.displayName ?? null,
      p.preferredLanguage ?? null,
      p.role ?? null,
      p.organisationId ?? null,
    ],
  );
  return rows[0]!;
}

/** Disables a user and revokes every session at once; or re-enables them. */
export async function setDisabled(q: Queryable, id: string, disabled: boolean): Promise<User> {
  if (disabled) {
    await q.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = 'user disabled'
       WHERE user_id = $1 AND revoked_at IS NULL`,
      [id],
    );
  }
  const rows = await q.query<User>(
    `UPDATE users SET disabled_at = ${disabled ? 'now()' : 'NULL'}, failed_logins = 0,
       locked_until = NULL, updated_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`,
    [id],
  );
  return rows[0]!;
}

/** Lists users matching the access condition. */
export async function listUsers(
  q: Queryable,
  access: SqlCondition,
  f: { role?: string; organisationId?: string; limit: number; offset: number },
): Promise<{ rows: User[]; total: number }> {
  const params = [...access.params];
  const where = [access.sql];
  if (f.role) {
    params.push(f.role);
    where.push(`role = $${params.length}`);
  }
  if (f.organisationId) {
    params.push(f.organisationId);
    where.push(`organisation_id = $${params.length}`);
  }
  const clause = where.join(' AND ');
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users WHERE ${clause}`,
    params,
  );
  const rows = await q.query<User>(
    `SELECT ${USER_COLUMNS} FROM users WHERE ${clause} ORDER BY email
     LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { rows, total: count?.n ?? 0 };
}
