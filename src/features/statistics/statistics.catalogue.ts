// What can be counted and by what: a fixed catalogue, so that every published table is one the
// disclosure control has reasoned about (no free filters to difference against each other).

/** Data sets analysts can count. */
export const DATASETS = ['reports', 'children', 'remains', 'identifications', 'incidents'] as const;
/** A data set. */
export type Dataset = (typeof DATASETS)[number];

/** Dimensions a table can be broken down by. */
export const DIMENSIONS = [
  'year',
  'month',
  'sex',
  'ageBand',
  'nationality',
  'route',
  'country',
  'incident',
  'kind',
] as const;
/** A dimension. */
export type Dimension = (typeof DIMENSIONS)[number];

/** Counted quantities: people or records (`count`), and the incident figures. */
export const MEASURES = ['count', 'dead', 'missing', 'deadAndMissing', 'survivors'] as const;
/** A measure. */
export type Measure = (typeof MEASURES)[number];

/** Age bands (years); children are 0–17. */
export const AGE_BANDS = ['0-17', '18-29', '30-44', '45-59', '60+', 'unknown'] as const;

function ageBand(age: string): string {
  return `CASE WHEN ${age} IS NULL THEN 'unknown' WHEN ${age} < 18 THEN '0-17'
    WHEN ${age} < 30 THEN '18-29' WHEN ${age} < 45 THEN '30-44' WHEN ${age} < 60 THEN '45-59'
    ELSE '60+' END`;
}

const reportsAge = `coalesce(
  extract(year FROM age(coalesce(r.last_seen_earliest, r.created_at::date),
    r.birth_earliest + (r.birth_latest - r.birth_earliest) / 2)),
  ((r.person->'ageEstimate'->>'min')::numeric + (r.person->'ageEstimate'->>'max')::numeric) / 2)`;

const reportsBase = `SELECT r.country AS scope, coalesce(r.last_seen_earliest, r.created_at::date) AS day,
  coalesce(r.sex, 'unknown') AS sex, ${ageBand(reportsAge)} AS age_band,
  coalesce(r.person->'nationalities'->>0, 'unknown') AS nationality,
  coalesce(nullif(r.route, ''), 'unknown') AS route,
  coalesce(r.last_seen_country, 'unknown') AS place_country,
  coalesce(i.title, 'none') AS incident, coalesce(i.kind, 'none') AS kind,
  1 AS n, 0 AS dead, 0 AS missing, 0 AS survivors, NULL::integer AS days
  FROM reports r LEFT JOIN incidents i ON i.id = r.incident_id`;

const remainsAge = `(r.age_min + r.age_max) / 2`;
const remainsBase = (
  day: string,
  days: string,
  where = '',
) => `SELECT r.country AS scope, ${day} AS day,
  coalesce(r.sex, 'unknown') AS sex, ${ageBand(remainsAge)} AS age_band,
  'unknown' AS nationality, coalesce(nullif(i.route, ''), 'unknown') AS route,
  coalesce(r.recovery->>'country', 'unknown') AS place_country,
  coalesce(i.title, 'none') AS incident, coalesce(i.kind, 'none') AS kind,
  1 AS n, 0 AS dead, 0 AS missing, 0 AS survivors, ${days} AS days
  FROM remains r LEFT JOIN incidents i ON i.id = r.incident_id
  WHERE r.kind = 'body' ${where}`;

/** Each data set as one row per counted unit, with every dimension as a column. */
export const BASES: Record<Dataset, string> = {
  reports: reportsBase,
  children: `${reportsBase} WHERE r.unaccompanied_child OR r.separated_child`,
  remains: remainsBase('r.recovery_earliest', 'NULL::integer'),
  identifications: remainsBase(
    'r.status_changed_at::date',
    'greatest(0, r.status_changed_at::date - r.recovery_earliest)',
    `AND r.status IN ('identified', 'handed_over', 'repatriated') AND r.status_changed_at IS NOT NULL`,
  ),
  incidents: `SELECT i.country AS scope, i.occurred_earliest AS day, 'unknown' AS sex,
    'unknown' AS age_band, 'unknown' AS nationality, coalesce(nullif(i.route, ''), 'unknown') AS route,
    coalesce(i.occurred_in_country, 'at sea') AS place_country, i.title AS incident, i.kind AS kind,
    1 AS n, i.dead, i.missing, i.survivors, NULL::integer AS days
    FROM incidents i`,
};

/** The SQL expression of each dimension over a base row `b`. */
export const DIMENSION_SQL: Record<Dimension, string> = {
  year: `to_char(b.day, 'YYYY')`,
  month: `to_char(b.day, 'YYYY-MM')`,
  sex: 'b.sex',
  ageBand: 'b.age_band',
  nationality: 'b.nationality',
  route: 'b.route',
  country: 'trim(b.place_country)',
  incident: 'b.incident',
  kind: 'b.kind',
};

/** The SQL sum of each measure. */
export const MEASURE_SQL: Record<Measure, string> = {
  count: 'sum(b.n)',
  dead: 'sum(b.dead)',
  missing: 'sum(b.missing)',
  deadAndMissing: 'sum(b.dead + b.missing)',
  survivors: 'sum(b.survivors)',
};

/** Which dimensions and measures make sense for each data set. */
export const ALLOWED: Record<Dataset, { dimensions: Dimension[]; measures: Measure[] }> = {
  reports: {
    dimensions: ['year', 'month', 'sex', 'ageBand', 'nationality', 'route', 'country', 'incident'],
    measures: ['count'],
  },
  children: {
    dimensions: ['year', 'month', 'sex', 'ageBand', 'nationality', 'route', 'country', 'incident'],
    measures: ['count'],
  },
  remains: {
    dimensions: ['year', 'month', 'sex', 'ageBand', 'route', 'country', 'incident'],
    measures: ['count'],
  },
  identifications: {
    dimensions: ['year', 'month', 'sex', 'ageBand', 'route', 'country', 'incident'],
    measures: ['count'],
  },
  incidents: {
    dimensions: ['year', 'month', 'route', 'country', 'incident', 'kind'],
    measures: ['count', 'dead', 'missing', 'deadAndMissing', 'survivors'],
  },
};

/** Dimensions whose categories are ordered in time. */
export const TIME_DIMENSIONS: readonly Dimension[] = ['year', 'month'];
