// Set-based loading of the open records one side is matched against, for a list of countries
// (a node's own, or the jurisdictions of a regional run): one query per side, plus one for the
// parts re-associated with remains, instead of one findReport / findRemains per record.
// Returns prepared profiles; `compile` (matching.batch.ts) turns them into compact arrays.
import type { Queryable } from '../../platform/db/index.js';
import type { Report } from '../reports/index.js';
import { permits, permittedSql } from '../data-protection/purposes.js';
import { remainsToPm, reportToAm, type RemainsFindings } from './matching.adapters.js';
import { prepareAm, preparePm, type PreparedAm, type PreparedPm } from './matching.profile.js';

/** Report statuses still searched for, and remains statuses still to identify (as the runner). */
const OPEN_REPORT = ['received', 'under_search', 'possible_match'];
const OPEN_REMAINS = ['unidentified', 'provisionally_identified'];

type ReportRow = Pick<
  Report,
  | 'id'
  | 'country'
  | 'person'
  | 'disappearance'
  | 'description'
  | 'medical'
  | 'consent'
  | 'legalBasis'
>;

/**
 * Open reports of the countries whose family consented to forensic sharing (and, with
 * `crossBorder`, to matching across borders), as prepared AM profiles, ordered by id (one query).
 * With `ids`, only those of the listed reports (the cache's reload of changed records).
 */
export async function loadOpenReports(
  q: Queryable,
  countries: string[],
  options: { crossBorder?: boolean; ids?: string[] } = {},
): Promise<PreparedAm[]> {
  const crossBorder = options.crossBorder === true;
  const ids = options.ids ?? null;
  const rows = await q.query<ReportRow>(
    `SELECT r.id, trim(r.country) AS country, r.person, r.disappearance, r.description,
       r.medical, r.consent, r.legal_basis AS "legalBasis"
     FROM reports r
     WHERE r.country = ANY($1::text[]) AND ${permittedSql('forensicComparison')}
       AND r.status = ANY($2::text[])
       AND (NOT $3::boolean OR ${permittedSql('crossBorderTransfer')})
       AND ($4::uuid[] IS NULL OR r.id = ANY($4::uuid[]))
     ORDER BY r.id`,
    [countries, OPEN_REPORT, crossBorder, ids],
  );
  return rows
    .filter(
      (r) =>
        permits(r, 'forensicComparison') && (!crossBorder || permits(r, 'crossBorderTransfer')),
    )
    .map((r) => prepareAm(reportToAm(r)));
}

interface RemainsRow extends Omit<RemainsFindings, 'age' | 'stature' | 'recovery'> {
  recovery: Omit<RemainsFindings['recovery'], 'incidentId'>;
  incidentId: string | null;
  ageMin: number | null;
  ageMax: number | null;
  statureMin: number | null;
  statureMax: number | null;
  principalId: string | null;
  incidentRoute: string | null;
}

const REMAINS_COLUMNS = `r.id, r.associated_with_id AS "principalId", r.recovery,
  r.incident_id AS "incidentId", r.condition, r.sex, r.age_min AS "ageMin", r.age_max AS "ageMax",
  r.stature_min AS "statureMin", r.stature_max AS "statureMax", r.marks, r.dental, r.implants,
  r.effects`;

const range = (min: number | null, max: number | null) =>
  min === null || max === null ? null : { min: Number(min), max: Number(max) };

function findings(r: RemainsRow): RemainsFindings {
  return {
    id: r.id,
    condition: r.condition,
    sex: r.sex,
    age: range(r.ageMin, r.ageMax),
    stature: range(r.statureMin, r.statureMax),
    recovery: { ...r.recovery, ...(r.incidentId ? { incidentId: r.incidentId } : {}) },
    marks: r.marks,
    dental: r.dental,
    implants: r.implants,
    effects: r.effects,
  };
}

/**
 * Open principal remains of the countries, with the findings of the parts re-associated with
 * them and their incident's route, as prepared PM profiles ordered by id (two queries); with
 * `ids`, only those of the listed principal remains.
 */
export async function loadOpenRemains(
  q: Queryable,
  countries: string[],
  ids: string[] | null = null,
): Promise<PreparedPm[]> {
  const principals = await q.query<RemainsRow>(
    `SELECT ${REMAINS_COLUMNS}, i.route AS "incidentRoute"
     FROM remains r LEFT JOIN incidents i ON i.id = r.incident_id
     WHERE r.country = ANY($1::text[]) AND r.associated_with_id IS NULL
       AND r.status = ANY($2::text[])
       AND ($3::uuid[] IS NULL OR r.id = ANY($3::uuid[]))
     ORDER BY r.id`,
    [countries, OPEN_REMAINS, ids],
  );
  const parts = await q.query<RemainsRow>(
    `SELECT ${REMAINS_COLUMNS}, NULL AS "incidentRoute"
     FROM remains r WHERE r.associated_with_id = ANY($1::uuid[])
     ORDER BY r.id`,
    [principals.map((p) => p.id)],
  );
  const partsOf = new Map<string, RemainsFindings[]>();
  for (const part of parts) {
    const list = partsOf.get(part.principalId!) ?? [];
    list.push(findings(part));
    partsOf.set(part.principalId!, list);
  }
  return principals.map((p) =>
    preparePm(
      remainsToPm(findings(p), { parts: partsOf.get(p.id) ?? [], incidentRoute: p.incidentRoute }),
    ),
  );
}
