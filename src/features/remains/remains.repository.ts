import { assignments, placeholders, type Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';
import type { NumericRange } from '../../platform/vocabulary/index.js';
import type { CreateRemainsInput, RemainsStatus } from './remains.schemas.js';

/** The recordable content of a remains record (what create and update write). */
export type RemainsContent = Required<
  Omit<CreateRemainsInput, 'associatedWithId' | 'bodyPart' | 'sex' | 'age' | 'stature'>
> & {
  associatedWithId: string | null;
  bodyPart: string | null;
  sex: CreateRemainsInput['sex'] | null;
  age: NumericRange | null;
  stature: NumericRange | null;
  hair: string | null;
  eyes: string | null;
  notes: string | null;
};

/** A stored remains record. */
export interface Remains extends RemainsContent {
  id: string;
  code: string;
  country: string;
  organisationId: string;
  status: RemainsStatus;
  statusBasis: string | null;
  statusChangedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Contact points (by organisation) following a report identified as these remains (single loads only). */
  linkedContactPointOrganisationIds?: string[];
}

interface Row extends Omit<Remains, 'age' | 'stature' | 'recovery'> {
  recovery: Omit<RemainsContent['recovery'], 'incidentId'>;
  incidentId: string | null;
  ageMin: number | null;
  ageMax: number | null;
  statureMin: number | null;
  statureMax: number | null;
}

/**
 * Organisations of the contact points that follow a report confirmed as these remains (matching
 * feature's confirmed candidates, contact-points feature's assignments): they may see the status.
 */
const LINKED_CONTACT_POINTS = `ARRAY(SELECT DISTINCT cp.organisation_id::text
  FROM match_candidates mc JOIN report_assignments a ON a.report_id = mc.report_id
  JOIN contact_points cp ON cp.id = a.contact_point_id
  WHERE mc.remains_id = r.id AND mc.status = 'confirmed')`;

/** Columns of a remains record, camel-cased (table alias r). */
const COLUMNS = `r.id, r.code, r.country, r.organisation_id AS "organisationId", r.kind,
  r.associated_with_id AS "associatedWithId", r.body_part AS "bodyPart", r.recovery,
  r.incident_id AS "incidentId", r.condition, r.sex, r.age_min AS "ageMin", r.age_max AS "ageMax",
  r.stature_min AS "statureMin", r.stature_max AS "statureMax", r.hair, r.eyes, r.marks, r.dental,
  r.medical_findings AS "medicalFindings", r.implants, r.fingerprints, r.dna_samples AS "dnaSamples",
  r.effects, r.documents, r.photos, r.notes, r.legal_basis AS "legalBasis", r.status, r.status_basis AS "statusBasis",
  r.status_changed_at AS "statusChangedAt", r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

const range = (min: number | null, max: number | null) =>
  min === null || max === null ? null : { min: Number(min), max: Number(max) };

function toRemains(r: Row): Remains {
  const { ageMin, ageMax, statureMin, statureMax, incidentId, recovery, ...rest } = r;
  return {
    ...rest,
    country: r.country.trim(),
    recovery: { ...recovery, ...(incidentId ? { incidentId } : {}) },
    age: range(ageMin, ageMax),
    stature: range(statureMin, statureMax),
  };
}

/**
 * Loads one remains record with the contact points linked to it (only single records need them:
 * contact points never search); `lock` holds its row until the transaction ends (custody appends).
 */
export async function findRemains(
  q: Queryable,
  id: string,
  lock = false,
): Promise<Remains | undefined> {
  const rows = await q.query<Row>(
    `SELECT ${COLUMNS}, ${LINKED_CONTACT_POINTS} AS "linkedContactPointOrganisationIds"
     FROM remains r WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toRemains(rows[0]) : undefined;
}

/** Loads several remains in one statement (missing ones left out). */
export async function findRemainsMany(
  q: Queryable,
  ids: readonly string[],
): Promise<Map<string, Remains>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await q.query<Row>(
    `SELECT ${COLUMNS}, ${LINKED_CONTACT_POINTS} AS "linkedContactPointOrganisationIds"
     FROM remains r WHERE r.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [String(r.id), toRemains(r)]));
}

/** Takes the next code UR-<country>-<year>-<sequence> (atomic per country and year). */
export async function nextRemainsCode(q: Queryable, country: string, year: number) {
  const rows = await q.query<{ last: number }>(
    `INSERT INTO remains_code_counters (country, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (country, year) DO UPDATE SET last = remains_code_counters.last + 1
     RETURNING last`,
    [country, year],
  );
  return `UR-${country}-${year}-${String(rows[0]!.last).padStart(5, '0')}`;
}

function contentValues(c: RemainsContent): unknown[] {
  const { incidentId, ...recovery } = c.recovery;
  return [
    c.kind,
    c.associatedWithId,
    c.bodyPart,
    JSON.stringify(recovery),
    recovery.date.earliest,
    recovery.date.latest,
    recovery.coordinates?.lat ?? null,
    recovery.coordinates?.lon ?? null,
    incidentId ?? null,
    c.condition,
    c.sex,
    c.age?.min ?? null,
    c.age?.max ?? null,
    c.stature?.min ?? null,
    c.stature?.max ?? null,
    c.hair,
    c.eyes,
    JSON.stringify(c.marks),
    JSON.stringify(c.dental),
    JSON.stringify(c.medicalFindings),
    JSON.stringify(c.implants),
    JSON.stringify(c.fingerprints),
    JSON.stringify(c.dnaSamples),
    JSON.stringify(c.effects),
    JSON.stringify(c.documents),
    JSON.stringify(c.photos),
    c.notes,
    JSON.stringify(c.legalBasis),
  ];
}

const CONTENT_COLUMNS = `kind, associated_with_id, body_part, recovery, recovery_earliest,
  recovery_latest, recovery_lat, recovery_lon, incident_id, condition, sex, age_min, age_max,
  stature_min, stature_max, hair, eyes, marks, dental, medical_findings, implants, fingerprints,
  dna_samples, effects, documents, photos, notes, legal_basis`;

/** Inserts a remains record and returns its id. */
export async function insertRemains(
  q: Queryable,
  head: { code: string; country: string; organisationId: string; createdBy: string },
  c: RemainsContent,
): Promise<string> {
  const values = contentValues(c);
  const ph = placeholders(CONTENT_COLUMNS, 5);
  const rows = await q.query<{ id: string }>(
    `INSERT INTO remains (code, country, organisation_id, created_by, ${CONTENT_COLUMNS})
     VALUES ($1, $2, $3, $4, ${ph}) RETURNING id`,
    [head.code, head.country, head.organisationId, head.createdBy, ...values],
  );
  return rows[0]!.id;
}

/** Rewrites the content of a remains record. */
export async function updateRemains(q: Queryable, id: string, c: RemainsContent): Promise<void> {
  const values = contentValues(c);
  const sets = assignments(CONTENT_COLUMNS, 2);
  await q.query(`UPDATE remains SET ${sets}, updated_at = now() WHERE id = $1`, [id, ...values]);
}

/** Sets the identification status with its basis. */
export async function setRemainsStatus(
  q: Queryable,
  id: string,
  status: RemainsStatus,
  basis: string | null,
): Promise<void> {
  await q.query(
    `UPDATE remains SET status = $2, status_basis = COALESCE($3, status_basis),
       status_changed_at = now(), updated_at = now() WHERE id = $1`,
    [id, status, basis],
  );
}

/** Search criteria already checked by the schema. */
export interface RemainsFilter {
  code?: string;
  recoveredFrom?: string;
  recoveredTo?: string;
  lat?: number;
  lon?: number;
  radiusKm?: number;
  incidentId?: string;
  sex?: string;
  ageMin?: number;
  ageMax?: number;
  statureMin?: number;
  statureMax?: number;
  markKind?: string;
  markLocation?: string;
  effectCategory?: string;
  effectText?: string;
  status?: string;
  limit: number;
  offset: number;
}

/** Remains the access condition allows that match every given criterion, newest recovery first. */
export async function searchRemains(
  q: Queryable,
  access: SqlCondition,
  f: RemainsFilter,
): Promise<{ rows: Remains[]; total: number }> {
  const params = [...access.params];
  const where = [access.sql];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const add = (cond: boolean, build: () => string) => cond && where.push(build());
  add(f.code !== undefined, () => `r.code = ${p(f.code)}`);
  add(f.recoveredFrom !== undefined, () => `r.recovery_latest >= ${p(f.recoveredFrom)}::date`);
  add(f.recoveredTo !== undefined, () => `r.recovery_earliest <= ${p(f.recoveredTo)}::date`);
  add(f.incidentId !== undefined, () => `r.incident_id = ${p(f.incidentId)}`);
  add(f.sex !== undefined, () => `r.sex = ${p(f.sex)}`);
  add(f.status !== undefined, () => `r.status = ${p(f.status)}`);
  add(f.ageMin !== undefined, () => `r.age_max >= ${p(f.ageMin)}`);
  add(f.ageMax !== undefined, () => `r.age_min <= ${p(f.ageMax)}`);
  add(f.statureMin !== undefined, () => `r.stature_max >= ${p(f.statureMin)}`);
  add(f.statureMax !== undefined, () => `r.stature_min <= ${p(f.statureMax)}`);
  add(
    f.lat !== undefined && f.radiusKm !== undefined,
    () => `r.recovery_lat IS NOT NULL AND earth_distance(ll_to_earth(r.recovery_lat, r.recovery_lon),
      ll_to_earth(${p(f.lat)}, ${p(f.lon)})) <= ${p((f.radiusKm ?? 0) * 1000)}`,
  );
  add(
    f.markKind !== undefined || f.markLocation !== undefined,
    () => `EXISTS (SELECT 1 FROM jsonb_array_elements(r.marks) m
      WHERE (${p(f.markKind ?? null)}::text IS NULL OR m ->> 'kind' = $${params.length})
        AND (${p(f.markLocation ?? null)}::text IS NULL OR m ->> 'bodyLocation' = $${params.length}))`,
  );
  add(
    f.effectCategory !== undefined || f.effectText !== undefined,
    () => `EXISTS (SELECT 1 FROM jsonb_array_elements(r.effects) e
      WHERE (${p(f.effectCategory ?? null)}::text IS NULL OR e ->> 'category' = $${params.length})
        AND (${p(f.effectText ? `%${f.effectText.replace(/[%_\\]/g, '\\$&')}%` : null)}::text IS NULL
          OR concat_ws(' ', e ->> 'description', e ->> 'colour', e ->> 'brand') ILIKE $${params.length}))`,
  );
  const clause = where.join(' AND ');
  const [count] = await q.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM remains r WHERE ${clause}`,
    params,
  );
  const rows = await q.query<Row>(
    `SELECT ${COLUMNS} FROM remains r WHERE ${clause}
     ORDER BY r.recovery_earliest DESC, r.code LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
    params,
  );
  return { rows: rows.map(toRemains), total: Number(count?.n ?? 0) };
}

/** A pending proposal to mark remains identified (awaiting a second practitioner). */
export interface IdentificationProposal {
  proposedBy: string;
  basis: string;
  proposedAt: Date;
}

/** The pending identification proposal of remains, if any. */
export async function findIdentificationProposal(
  q: Queryable,
  remainsId: string,
): Promise<IdentificationProposal | undefined> {
  const rows = await q.query<IdentificationProposal>(
    `SELECT proposed_by AS "proposedBy", basis, proposed_at AS "proposedAt"
     FROM remains_identification_proposals WHERE remains_id = $1`,
    [remainsId],
  );
  return rows[0];
}

/** Records (or replaces) the pending identification proposal. */
export async function saveIdentificationProposal(
  q: Queryable,
  remainsId: string,
  proposedBy: string,
  basis: string,
): Promise<void> {
  await q.query(
    `INSERT INTO remains_identification_proposals (remains_id, proposed_by, basis)
     VALUES ($1, $2, $3)
     ON CONFLICT (remains_id) DO UPDATE SET proposed_by = $2, basis = $3, proposed_at = now()`,
    [remainsId, proposedBy, basis],
  );
}

/** Drops a pending identification proposal. */
export async function clearIdentificationProposal(q: Queryable, remainsId: string): Promise<void> {
  await q.query('DELETE FROM remains_identification_proposals WHERE remains_id = $1', [remainsId]);
}
