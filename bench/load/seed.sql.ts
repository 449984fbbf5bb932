// SQL helpers of the bulk seeder: a session of its own (temporary tables live there), column
// lists for cloning an application-written row, and the secondary indexes set aside during a
// load and built again after it (as a restore does).
import pg from 'pg';

/** A dedicated connection for the seeder, tuned for a bulk load (this session only). */
export async function seedSession(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`SET synchronous_commit = off`);
  await c.query(`SET maintenance_work_mem = '256MB'`);
  return c;
}

/**
 * The SELECT list that copies a row of `table` aliased `alias`, with `overrides` (column ->
 * SQL expression) in place of the columns the clone changes; generated columns are left out.
 */
export async function cloneList(
  c: pg.Client,
  table: string,
  alias: string,
  overrides: Record<string, string>,
): Promise<{ columns: string; select: string }> {
  const { rows } = await c.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
       AND is_identity = 'NO' ORDER BY ordinal_position`,
    [table],
  );
  const names = rows.map((r) => r.column_name);
  const unknown = Object.keys(overrides).filter((k) => !names.includes(k));
  if (unknown.length > 0) {
    throw new Error(`${table} has no column ${unknown.join(', ')}`);
  }
  return {
    columns: names.join(', '),
    select: names.map((n) => overrides[n] ?? `${alias}.${n}`).join(', '),
  };
}

/** Drops the non-constraint indexes of `tables`; returns their definitions to build again. */
export async function setIndexesAside(c: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await c.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
    [tables],
  );
  for (const r of rows) {
    await c.query(`DROP INDEX "${r.name}"`);
  }
  return rows.map((r) => r.def);
}

/** Builds indexes again from their definitions. */
export async function buildIndexes(c: pg.Client, defs: string[]): Promise<void> {
  for (const def of defs) {
    await c.query(def);
  }
}

/** Runs `work` over [1, total] in chunks of `size` (one statement each: bounded memory). */
export async function inChunks(
  total: number,
  size: number,
  work: (from: number, to: number) => Promise<unknown>,
): Promise<void> {
  for (let from = 1; from <= total; from += size) {
    await work(from, Math.min(total, from + size - 1));
  }
}
