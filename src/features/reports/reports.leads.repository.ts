import type { Queryable } from '../../platform/db/index.js';
import type { Actor, SqlCondition } from '../../platform/authz/index.js';
import type { PfifPerson } from './reports.pfif.js';

/** A lead: a PFIF person record imported for caseworkers to follow up. */
export interface Lead {
  id: string;
  personRecordId: string;
  fullName: string;
  record: Record<string, unknown>;
  createdAt: Date;
}

/** Stores imported persons as leads of the actor's country; a record already held is skipped. */
export async function insertLeads(
  q: Queryable,
  actor: Actor,
  persons: PfifPerson[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const p of persons) {
    const rows = await q.query<{ id: string }>(
      `INSERT INTO report_leads (country, person_record_id, full_name, record, imported_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (country, person_record_id) DO NOTHING RETURNING id`,
      [
        actor.country,
        p.personRecordId,
        p.fullName,
        JSON.stringify({ ...p.record, notes: p.notes }),
        actor.id,
      ],
    );
    if (rows[0]) {
      ids.push(rows[0].id);
    }
  }
  return ids;
}

/** Leads matching the access condition, newest first. */
export async function listLeads(
  q: Queryable,
  access: SqlCondition,
  page: { limit: number; offset: number },
): Promise<{ items: Lead[]; total: number }> {
  const n = access.params.length;
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM report_leads WHERE ${access.sql}`,
    access.params,
  );
  const items = await q.query<Lead>(
    `SELECT id, person_record_id AS "personRecordId", full_name AS "fullName", record,
       created_at AS "createdAt" FROM report_leads WHERE ${access.sql}
     ORDER BY created_at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...access.params, page.limit, page.offset],
  );
  return { items, total: Number(count?.n ?? 0) };
}
