import type { SqlCondition } from '../../platform/authz/index.js';
import type { Queryable } from '../../platform/db/index.js';
import {
  BASES,
  DIMENSION_SQL,
  MEASURE_SQL,
  type Dataset,
  type Dimension,
  type Measure,
} from './statistics.catalogue.js';

/** One aggregated cell: its categories and value (never a record). */
export interface AggregateRow {
  a: string;
  b: string | null;
  value: number;
  /** Median days from recovery to identification in the cell (identifications only). */
  medianDays: number | null;
}

interface Row {
  a: string;
  b: string | null;
  value: number | string | null;
  median: number | string | null;
}

/**
 * Sums a measure of a data set by one or two dimensions, over the rows the scope condition
 * (`b.scope` is the recording country) allows. Every SQL fragment comes from the catalogue.
 */
export async function aggregate(
  q: Queryable,
  scope: SqlCondition,
  dataset: Dataset,
  measure: Measure,
  by: Dimension,
  by2?: Dimension,
): Promise<AggregateRow[]> {
  const b = by2 ? DIMENSION_SQL[by2] : 'NULL';
  const rows = await q.query<Row>(
    `SELECT ${DIMENSION_SQL[by]} AS a, ${b} AS b, ${MEASURE_SQL[measure]} AS value,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY b.days) AS median
     FROM (${BASES[dataset]}) b WHERE ${scope.sql} GROUP BY 1, 2`,
    scope.params,
  );
  return rows.map((r) => ({
    a: r.a,
    b: r.b,
    value: Number(r.value ?? 0),
    medianDays: r.median === null ? null : Math.round(Number(r.median)),
  }));
}

/** A point count per grid cell (the map): incidents, recovery points or last-seen places. */
export interface GridRow {
  lat: number;
  lon: number;
  value: number;
}

/** Where things happened, aggregated to a grid of `step` degrees before leaving the database. */
export const LOCATION_SQL = {
  incidents: {
    sql: `SELECT country AS scope, lat, lon, dead + missing AS w FROM incidents WHERE lat IS NOT NULL`,
  },
  recoveries: {
    sql: `SELECT country AS scope, recovery_lat AS lat, recovery_lon AS lon, 1 AS w FROM remains
      WHERE kind = 'body' AND recovery_lat IS NOT NULL`,
  },
  lastSeen: {
    sql: `SELECT country AS scope, (disappearance->'coordinates'->>'lat')::double precision AS lat,
      (disappearance->'coordinates'->>'lon')::double precision AS lon, 1 AS w FROM reports
      WHERE disappearance->'coordinates' IS NOT NULL`,
  },
} as const;

/** A kind of located point on the map. */
export type LocationKind = keyof typeof LOCATION_SQL;

/**
 * Counts located points per grid cell of `step` degrees (the cell's south-west corner), so that
 * exact coordinates never leave the database.
 */
export async function gridCounts(
  q: Queryable,
  scope: SqlCondition,
  kind: LocationKind,
  step: number,
  stepParam: number,
): Promise<GridRow[]> {
  const s = `$${stepParam}`;
  const rows = await q.query<{
    lat: number | string;
    lon: number | string;
    value: number | string;
  }>(
    `SELECT floor(b.lat / ${s}) * ${s} AS lat, floor(b.lon / ${s}) * ${s} AS lon, sum(b.w) AS value
     FROM (${LOCATION_SQL[kind].sql}) b WHERE ${scope.sql} GROUP BY 1, 2`,
    [...scope.params, step],
  );
  return rows.map((r) => ({ lat: Number(r.lat), lon: Number(r.lon), value: Number(r.value) }));
}

/** Identifications in scope and their median days from recovery to identification. */
export async function identificationDelay(
  q: Queryable,
  scope: SqlCondition,
): Promise<{ count: number; medianDays: number | null }> {
  const [row] = await q.query<{ n: number | string; median: number | string | null }>(
    `SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY b.days) AS median
     FROM (${BASES.identifications}) b WHERE ${scope.sql}`,
    scope.params,
  );
  return {
    count: Number(row?.n ?? 0),
    medianDays:
      row?.median === null || row?.median === undefined ? null : Math.round(Number(row.median)),
  };
}
