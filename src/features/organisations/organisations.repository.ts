import type { Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';
import type { ORGANISATION_KINDS } from './organisations.schemas.js';

/** A stored organisation. */
export interface Organisation {
  id: string;
  name: string;
  kind: (typeof ORGANISATION_KINDS)[number];
  country: string;
  createdAt: Date;
}

const SELECT = `SELECT id, name, kind, country, created_at AS "createdAt" FROM organisations`;

/** Loads one organisation by id. */
export async function findOrganisation(
  q: Queryable,
  id: string,
): Promise<Organisation | undefined> {
  const rows = await q.query<Organisation>(`${SELECT} WHERE id = $1`, [id]);
  return rows[0];
}

/** Inserts an organisation. */
export async function insertOrganisation(
  q: Queryable,
  o: Pick<Organisation, 'name' | 'kind' | 'country'>,
): Promise<Organisation> {
  const rows = await q.query<Organisation>(
    `INSERT INTO organisations (name, kind, country) VALUES ($1, $2, $3)
     RETURNING id, name, kind, country, created_at AS "createdAt"`,
    [o.name, o.kind, o.country],
  );
  return rows[0]!;
}

/** Updates name and kind. */
export async function updateOrganisation(
  q: Queryable,
  id: string,
  patch: Partial<Pick<Organisation, 'name' | 'kind'>>,
): Promise<Organisation> {
  const rows = await q.query<Organisation>(
    `UPDATE organisations SET name = COALESCE($2, name), kind = COALESCE($3, kind), updated_at = now()
     WHERE id = $1 RETURNING id, name, kind, country, created_at AS "createdAt"`,
    [id, patch.name ?? null, patch.kind ?? null],
  );
  return rows[0]!;
}

/** Lists organisations matching the access condition. */
export async function listOrganisations(
  q: Queryable,
  access: SqlCondition,
  f: { kind?: string; limit: number; offset: number },
): Promise<{ rows: Organisation[]; total: number }> {
  const params = [...access.params];
  let where = access.sql;
  if (f.kind) {
    params.push(f.kind);
    where += ` AND kind = $${params.length}`;
  }
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM organisations WHERE ${where}`,
    params,
  );
  const rows = await q.query<Organisation>(
    `${SELECT} WHERE ${where} ORDER BY country, name LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { rows, total: count?.n ?? 0 };
}
