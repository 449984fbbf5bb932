// The service runs as a PostgreSQL role that owns no tables (issue 15 item 6, ADR 0105): it can
// read and write what the features need, but cannot ALTER, DROP or TRUNCATE a table, disable the
// append-only triggers, or UPDATE/DELETE audit and custody history. The owner (who runs
// `npm run db:migrate`) creates the role and re-grants after every migration.
import type { Database } from './database.js';

/** Tables whose rows are history: the app may read and append, never change or remove. */
const APPEND_ONLY = ['audit_events', 'custody_events'] as const;
/** The only columns the audit sealer fills in an unsealed audit event (ADR 0120). */
const SEALER_COLUMNS = 'position, prev_hash, hash';
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Raised when the role cannot be set up (PGlite, a bad name, a role that owns tables). */
export class AppRoleError extends Error {}

/**
 * Creates `role` (LOGIN, no superuser, no CREATEDB/CREATEROLE) when missing and sets its grants:
 * CONNECT, USAGE on the schema, SELECT/INSERT/UPDATE/DELETE on the tables except the append-only
 * ones (SELECT/INSERT, plus UPDATE of the sealer's columns on audit_events), SELECT on
 * schema_migrations, and the sequences. Idempotent: run it again after migrations.
 */
export async function grantAppRole(
  db: Database,
  role: string,
  password?: string,
): Promise<{ created: boolean }> {
  if (db.kind !== 'postgres') {
    throw new AppRoleError('a restricted database role needs PostgreSQL (DATABASE_URL)');
  }
  if (!ROLE_NAME.test(role)) {
    throw new AppRoleError('role: lower-case letters, digits and _ only');
  }
  return db.transaction(async (tx) => {
    const [current] = await tx.query<{ name: string }>('SELECT current_user AS name');
    if (current?.name === role) {
      throw new AppRoleError('run this as the tables’ owner, not as the restricted role');
    }
    const existing = await tx.query<{ super: boolean }>(
      'SELECT rolsuper AS super FROM pg_roles WHERE rolname = $1',
      [role],
    );
    if (existing[0]?.super) {
      throw new AppRoleError(`role ${role} is a superuser`);
    }
    const owned = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
       WHERE r.rolname = $1 AND c.relnamespace = 'public'::regnamespace`,
      [role],
    );
    if ((owned[0]?.n ?? 0) > 0) {
      throw new AppRoleError(`role ${role} owns tables; it must own none`);
    }
    const quoted = `"${role}"`;
    const secret = password === undefined ? '' : ` PASSWORD ${literal(password)}`;
    if (!existing[0]) {
      await tx.exec(
        `CREATE ROLE ${quoted} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION${secret}`,
      );
    } else {
      await tx.exec(`ALTER ROLE ${quoted} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${secret}`);
    }
    const [{ name: database } = { name: '' }] = await tx.query<{ name: string }>(
      'SELECT current_database() AS name',
    );
    await tx.exec(`
      GRANT CONNECT ON DATABASE "${database.replace(/"/g, '""')}" TO ${quoted};
      GRANT USAGE ON SCHEMA public TO ${quoted};
      REVOKE CREATE ON SCHEMA public FROM ${quoted};
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${quoted};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quoted};
      REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${quoted};
      ${APPEND_ONLY.map((t) => `REVOKE UPDATE, DELETE ON ${t} FROM ${quoted};`).join('\n')}
      GRANT UPDATE (${SEALER_COLUMNS}) ON audit_events TO ${quoted};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${quoted};
    `);
    return { created: !existing[0] };
  });
}

/** A SQL string literal (CREATE ROLE … PASSWORD takes no bind parameter). */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The connection URL of `role`: the owner's URL with another user and password. */
export function appRoleUrl(ownerUrl: string, role: string, password?: string): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password ?? '';
  return url.toString();
}
