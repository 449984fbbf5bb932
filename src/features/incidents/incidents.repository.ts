import type { Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';
import type { Coordinates, FuzzyDate } from '../../platform/vocabulary/index.js';
import type { INCIDENT_KINDS } from './incidents.schemas.js';

/** A stored incident. */
export interface Incident {
  id: string;
  country: string;
  organisationId: string | null;
  kind: (typeof INCIDENT_KINDS)[number];
  title: string;
  date: FuzzyDate;
  place: string;
  occurredInCountry: string | null;
  coordinates: Coordinates | null;
  route: string | null;
  dead: number;
  missing: number;
  survivors: number;
  source: string;
  description: string | null;
  remainsCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What an insert or full update writes. */
export type IncidentValues = Omit<Incident, 'id' | 'remainsCount' | 'createdAt' | 'updatedAt'>;

interface Row extends Omit<Incident, 'coordinates' | 'remainsCount'> {
  lat: number | null;
  lon: number | null;
  remainsCount: number | string;
}

const SELECT = `SELECT i.id, i.country, i.organisation_id AS "organisationId", i.kind, i.title,
  i.occurred AS date, i.place, i.occurred_in_country AS "occurredInCountry", i.lat, i.lon, i.route,
  i.dead, i.missing, i.survivors, i.source, i.description, i.created_at AS "createdAt",
  i.updated_at AS "updatedAt",
  (SELECT count(*) FROM remains r WHERE r.incident_id = i.id) AS "remainsCount"
  FROM incidents i`;

function toIncident(r: Row): Incident {
  const { lat, lon, ...rest } = r;
  return {
    ...rest,
    country: r.country.trim(),
    occurredInCountry: r.occurredInCountry?.trim() ?? null,
    coordinates: lat === null || lon === null ? null : { lat, lon },
    remainsCount: Number(r.remainsCount),
  };
}

/** Loads one incident. */
export async function findIncident(q: Queryable, id: string): Promise<Incident | undefined> {
  const rows = await q.query<Row>(`${SELECT} WHERE i.id = $1`, [id]);
  return rows[0] ? toIncident(rows[0]) : undefined;
}

function values(v: IncidentValues): unknown[] {
  return [
    v.country,
    v.organisationId,
    v.kind,
    v.title,
    JSON.stringify(v.date),
    v.date.earliest,
    v.date.latest,
    v.place,
    v.occurredInCountry,
    v.coordinates?.lat ?? null,
    v.coordinates?.lon ?? null,
    v.route,
    v.dead,
    v.missing,
    v.survivors,
    v.source,
    v.description,
  ];
}

/** Inserts an incident and returns its id. */
export async function insertIncident(
  q: Queryable,
  v: IncidentValues,
  createdBy: string | null,
): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO incidents (country, organisation_id, kind, title, occurred, occurred_earliest,
       occurred_latest, place, occurred_in_country, lat, lon, route, dead, missing, survivors,
       source, description, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     RETURNING id`,
    [...values(v), createdBy],
  );
  return rows[0]!.id;
}

/** Rewrites an incident's descriptive fields. */
export async function updateIncident(q: Queryable, id: string, v: IncidentValues): Promise<void> {
  await q.query(
    `UPDATE incidents SET country = $1, organisation_id = $2, kind = $3, title = $4, occurred = $5,
       occurred_earliest = $6, occurred_latest = $7, place = $8, occurred_in_country = $9,
       lat = $10, lon = $11, route = $12, dead = $13, missing = $14, survivors = $15,
       source = $16, description = $17, updated_at = now()
     WHERE id = $18`,
    [...values(v), id],
  );
}

/** Filters of the incident list. */
export interface IncidentFilter {
  kind?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** Incidents the access condition allows, most recent first. */
export async function listIncidents(
  q: Queryable,
  access: SqlCondition,
  f: IncidentFilter,
): Promise<{ rows: Incident[]; total: number }> {
  const params = [...access.params];
  const where = [access.sql];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.kind) {
    add('i.kind = ?', f.kind);
  }
  if (f.from) {
    add('i.occurred_latest >= ?::date', f.from);
  }
  if (f.to) {
    add('i.occurred_earliest <= ?::date', f.to);
  }
  const clause = where.join(' AND ');
  const [count] = await q.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM incidents i WHERE ${clause}`,
    params,
  );
  const rows = await q.query<Row>(
    `${SELECT} WHERE ${clause} ORDER BY i.occurred_earliest DESC, i.id
     LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { rows: rows.map(toIncident), total: Number(count?.n ?? 0) };
}
