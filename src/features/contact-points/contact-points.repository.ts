import type { Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';

/** A public contact channel. */
export interface Channel {
  kind: string;
  value: string;
}

/** A stored contact point designation. */
export interface ContactPoint {
  id: string;
  country: string;
  organisationId: string;
  organisationName: string;
  name: string;
  countries: string[];
  nationalities: string[];
  languages: string[];
  channels: Channel[];
  hours: string;
  active: boolean;
  createdAt: Date;
}

/** A staff member as shown to the administrator and the staff. */
export interface StaffMember {
  id: string;
  displayName: string;
}

/** The writable facts of a designation. */
export type ContactPointRow = Omit<ContactPoint, 'id' | 'organisationName' | 'createdAt'>;

const SELECT = `SELECT cp.id, trim(cp.country) AS country, cp.organisation_id AS "organisationId",
  o.name AS "organisationName", cp.name, cp.countries, cp.nationalities, cp.languages, cp.channels,
  cp.hours, cp.active, cp.created_at AS "createdAt"
  FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id`;

function normalise(c: ContactPoint): ContactPoint {
  return { ...c, createdAt: new Date(c.createdAt) };
}

/** Loads one contact point. */
export async function findContactPoint(
  q: Queryable,
  id: string,
): Promise<ContactPoint | undefined> {
  const rows = await q.query<ContactPoint>(`${SELECT} WHERE cp.id = $1`, [id]);
  return rows[0] && normalise(rows[0]);
}

/** Inserts a designation and returns its id. */
export async function insertContactPoint(
  q: Queryable,
  c: ContactPointRow,
  createdBy: string | null,
): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO contact_points (country, organisation_id, name, countries, nationalities, languages,
       channels, hours, active, created_by)
     VALUES ($1, $2, $3, $4::text[], $5::text[], $6::text[], $7::jsonb, $8, $9, $10) RETURNING id`,
    [
      c.country,
      c.organisationId,
      c.name,
      c.countries,
      c.nationalities,
      c.languages,
      JSON.stringify(c.channels),
      c.hours,
      c.active,
      createdBy,
    ],
  );
  return rows[0]!.id;
}

/** Replaces the mutable facts of a designation. */
export async function updateContactPoint(q: Queryable, id: string, c: ContactPointRow) {
  await q.query(
    `UPDATE contact_points SET name = $2, countries = $3::text[], nationalities = $4::text[],
       languages = $5::text[], channels = $6::jsonb, hours = $7, active = $8, updated_at = now()
     WHERE id = $1`,
    [
      id,
      c.name,
      c.countries,
      c.nationalities,
      c.languages,
      JSON.stringify(c.channels),
      c.hours,
      c.active,
    ],
  );
}

/** The staff of a contact point. */
export async function listStaff(q: Queryable, contactPointId: string): Promise<StaffMember[]> {
  return q.query<StaffMember>(
    `SELECT u.id, u.display_name AS "displayName" FROM contact_point_staff s
     JOIN users u ON u.id = s.user_id WHERE s.contact_point_id = $1 ORDER BY u.display_name, u.id`,
    [contactPointId],
  );
}

/** The staff of several contact points in one statement, by contact point id. */
export async function listStaffOf(
  q: Queryable,
  contactPointIds: string[],
): Promise<Map<string, StaffMember[]>> {
  const byId = new Map<string, StaffMember[]>(contactPointIds.map((id) => [id, []]));
  if (contactPointIds.length === 0) {
    return byId;
  }
  const rows = await q.query<StaffMember & { contactPointId: string }>(
    `SELECT s.contact_point_id AS "contactPointId", u.id, u.display_name AS "displayName"
     FROM contact_point_staff s JOIN users u ON u.id = s.user_id
     WHERE s.contact_point_id = ANY($1::uuid[]) ORDER BY u.display_name, u.id`,
    [contactPointIds],
  );
  for (const { contactPointId, ...member } of rows) {
    byId.get(contactPointId)?.push(member);
  }
  return byId;
}

/** Replaces the staff of a contact point. */
export async function replaceStaff(q: Queryable, contactPointId: string, userIds: string[]) {
  await q.query(`DELETE FROM contact_point_staff WHERE contact_point_id = $1`, [contactPointId]);
  if (userIds.length > 0) {
    await q.query(
      `INSERT INTO contact_point_staff (contact_point_id, user_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [contactPointId, userIds],
    );
  }
}

/** Ids of the given users that are active contact_point users of an organisation. */
export async function eligibleStaff(
  q: Queryable,
  organisationId: string,
  userIds: string[],
): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND organisation_id = $2
       AND role = 'contact_point' AND disabled_at IS NULL`,
    [userIds, organisationId],
  );
  return rows.map((r) => r.id);
}

/** Filters of a contact point list. */
export interface ContactPointFilter {
  active?: boolean;
  country?: string;
  nationality?: string;
  language?: string;
  limit: number;
  offset: number;
}

/** Lists contact points matching an access condition and filters. */
export async function listContactPoints(
  q: Queryable,
  access: SqlCondition,
  f: ContactPointFilter,
): Promise<{ rows: ContactPoint[]; total: number }> {
  const params = [...access.params];
  const where = [access.sql];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.active !== undefined) {
    add((p) => `cp.active = ${p}`, f.active);
  }
  if (f.country) {
    add((p) => `cp.country = ${p}`, f.country);
  }
  if (f.nationality) {
    add(
      (p) => `(cardinality(cp.nationalities) = 0 OR ${p} = ANY(cp.nationalities))`,
      f.nationality,
    );
  }
  if (f.language) {
    add((p) => `${p} = ANY(cp.languages)`, f.language);
  }
  const clause = where.join(' AND ');
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM contact_points cp WHERE ${clause}`,
    params,
  );
  const rows = await q.query<ContactPoint>(
    `${SELECT} WHERE ${clause} ORDER BY cp.country, cp.name, cp.id
     LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { rows: rows.map(normalise), total: Number(count?.n ?? 0) };
}

/** Active contact points of a country: the candidates routing chooses from. */
export async function routingCandidates(q: Queryable, country: string): Promise<ContactPoint[]> {
  const rows = await q.query<ContactPoint>(
    `${SELECT} WHERE cp.country = $1 AND cp.active ORDER BY cp.created_at, cp.id`,
    [country],
  );
  return rows.map(normalise);
}

/** The current assignment of a report. */
export async function findAssignment(
  q: Queryable,
  reportId: string,
): Promise<{ contactPointId: string; assignedAt: Date } | undefined> {
  const rows = await q.query<{ contactPointId: string; assignedAt: Date }>(
    `SELECT contact_point_id AS "contactPointId", assigned_at AS "assignedAt"
     FROM report_assignments WHERE report_id = $1`,
    [reportId],
  );
  return rows[0];
}

/** Assigns (or reassigns) a report, recording the event with its reason. */
export async function assign(
  q: Queryable,
  e: { reportId: string; from: string | null; to: string; reason: string; actorId: string | null },
) {
  await q.query(
    `INSERT INTO report_assignments (report_id, contact_point_id) VALUES ($1, $2)
     ON CONFLICT (report_id) DO UPDATE SET contact_point_id = $2, assigned_at = now()`,
    [e.reportId, e.to],
  );
  await q.query(
    `INSERT INTO report_assignment_events (report_id, from_contact_point_id, to_contact_point_id,
       reason, actor_id) VALUES ($1, $2, $3, $4, $5)`,
    [e.reportId, e.from, e.to, e.reason, e.actorId],
  );
}

/** An assignment history entry. */
export interface AssignmentEvent {
  fromContactPointId: string | null;
  toContactPointId: string;
  reason: string;
  at: Date;
}

/** The assignment history of a report, oldest first. */
export async function listAssignmentEvents(
  q: Queryable,
  reportId: string,
): Promise<AssignmentEvent[]> {
  return q.query<AssignmentEvent>(
    `SELECT from_contact_point_id AS "fromContactPointId", to_contact_point_id AS "toContactPointId",
       reason, at FROM report_assignment_events WHERE report_id = $1 ORDER BY id`,
    [reportId],
  );
}

/** Active co-followers' user ids of a report. */
export async function followerIds(q: Queryable, reportId: string): Promise<string[]> {
  const rows = await q.query<{ userId: string }>(
    `SELECT user_id AS "userId" FROM report_followers
     WHERE report_id = $1 AND status = 'active' AND user_id IS NOT NULL`,
    [reportId],
  );
  return rows.map((r) => r.userId);
}
