import type { AppConfig } from '../../config/index.js';
import {
  accessibleWhere,
  authorize,
  authorizeType,
  type Actor,
  type SqlCondition,
} from '../../platform/authz/index.js';
import type { Database } from '../../platform/db/index.js';
import { validationFailed } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import type { Dataset, Dimension, Measure } from './statistics.catalogue.js';
import { createNoise, type Noise } from './statistics.noise.js';
import { STATISTICS } from './statistics.policy.js';
import {
  aggregate,
  gridCounts,
  identificationDelay,
  type GridRow,
  type LocationKind,
} from './statistics.repository.js';
import { catalogueProblems, type TableQuery } from './statistics.schemas.js';
import { publishCounts, type PublishedCounts } from './statistics.tables.js';

/** Analyst figures (threshold from config) or the public release (higher threshold, noise). */
export type ReleaseKind = 'analyst' | 'public';

/** One table request, already checked against the catalogue. */
export interface TableSpec {
  dataset: Dataset;
  measure: Measure;
  by: Dimension;
  by2?: Dimension | undefined;
}

/** A published table with what it is and under which rules. */
export interface StatTable extends PublishedCounts {
  dataset: Dataset;
  measure: Measure;
  by: Dimension;
  by2: Dimension | null;
  country: string;
  release: ReleaseKind;
  threshold: number;
  noise: boolean;
}

/** Headline figures of a country: grand totals and the same figures per year. */
export interface Summary {
  country: string;
  release: ReleaseKind;
  threshold: number;
  noise: boolean;
  figures: Record<SummaryFigure, number | null>;
  medianDaysToIdentification: number | null;
  byYear: { years: string[]; figures: Record<SummaryFigure, (number | null)[]> };
}

const SUMMARY: Record<string, TableSpec> = {
  reports: { dataset: 'reports', measure: 'count', by: 'year' },
  children: { dataset: 'children', measure: 'count', by: 'year' },
  remainsRecovered: { dataset: 'remains', measure: 'count', by: 'year' },
  identifications: { dataset: 'identifications', measure: 'count', by: 'year' },
  incidents: { dataset: 'incidents', measure: 'count', by: 'year' },
  dead: { dataset: 'incidents', measure: 'dead', by: 'year' },
  missing: { dataset: 'incidents', measure: 'missing', by: 'year' },
  survivors: { dataset: 'incidents', measure: 'survivors', by: 'year' },
};
/** A headline figure. */
export type SummaryFigure = keyof typeof SUMMARY;

/** Published grid cells of the map: counts at least the threshold, in classes. */
export interface MapLayer {
  kind: LocationKind;
  cells: GridRow[];
}

interface Release {
  kind: ReleaseKind;
  threshold: number;
  noise: Noise | null;
}

/** Aggregated, disclosure-controlled statistics for analysts and the public (ADR 0110). */
export function createStatisticsService(db: Database, config: AppConfig) {
  const settings = config.node.statistics;
  const analyst: Release = { kind: 'analyst', threshold: settings.threshold, noise: null };
  const publicThreshold = Math.max(settings.publicThreshold, settings.threshold);
  const publicRelease: Release = {
    kind: 'public',
    threshold: publicThreshold,
    noise:
      settings.publicNoiseEpsilon === null
        ? null
        : createNoise(config.env.ARIADNE_SECRET, settings.publicNoiseEpsilon, publicThreshold),
  };

  /** The analyst's scope: 403 for roles without statistics, 404 for another country. */
  function analystScope(actor: Actor, country?: string): { country: string; where: SqlCondition } {
    authorizeType(actor, 'read', STATISTICS);
    const c = country ?? actor.country;
    authorize(actor, 'read', STATISTICS, { country: c });
    const access = accessibleWhere(actor.ability, 'read', STATISTICS, { country: 'b.scope' });
    const params = [...access.params, c];
    return {
      country: c,
      where: { sql: `${access.sql} AND b.scope = $${params.length}`, params },
    };
  }

  const publicScope = (country?: string) => {
    const c = country ?? config.node.country;
    return { country: c, where: { sql: 'b.scope = $1', params: [c] } };
  };

  async function audit(actor: Actor, country: string, details: Record<string, unknown>) {
    await db.transaction((t) =>
      recordAudit(t, actor, {
        action: 'read_statistics',
        subjectType: STATISTICS,
        subjectCountry: country,
        purpose: 'statistics',
        details,
      }),
    );
  }

  async function compute(
    scope: { country: string; where: SqlCondition },
    release: Release,
    spec: TableSpec,
  ): Promise<StatTable> {
    const rows = await aggregate(db, scope.where, spec.dataset, spec.measure, spec.by, spec.by2);
    let published = publishCounts(rows, spec.by, spec.by2 ?? null, release.threshold);
    if (release.noise) {
      const label = [scope.country, spec.dataset, spec.measure, spec.by, spec.by2].join('|');
      published = { ...release.noise.apply(published, label), medianDays: null };
    }
    return {
      dataset: spec.dataset,
      measure: spec.measure,
      by: spec.by,
      by2: spec.by2 ?? null,
      country: scope.country,
      release: release.kind,
      threshold: release.threshold,
      noise: release.noise !== null,
      ...published,
    };
  }

  async function summary(
    scope: { country: string; where: SqlCondition },
    release: Release,
  ): Promise<Summary> {
    const tables = Object.fromEntries(
      await Promise.all(
        Object.entries(SUMMARY).map(
          async ([name, spec]) => [name, await compute(scope, release, spec)] as const,
        ),
      ),
    );
    const years = [...new Set(Object.values(tables).flatMap((t) => t.rows))].sort();
    const figures: Record<string, number | null> = {};
    const byYear: Record<string, (number | null)[]> = {};
    for (const [name, table] of Object.entries(tables)) {
      figures[name] = table.total;
      byYear[name] = years.map((y) => {
        const i = table.rows.indexOf(y);
        return i === -1 ? 0 : table.rowTotals[i]!;
      });
    }
    const delay = await identificationDelay(db, scope.where);
    return {
      country: scope.country,
      release: release.kind,
      threshold: release.threshold,
      noise: release.noise !== null,
      figures,
      medianDaysToIdentification:
        delay.count >= release.threshold && !release.noise ? delay.medianDays : null,
      byYear: { years, figures: byYear },
    };
  }

  async function grid(
    scope: { country: string; where: SqlCondition },
    release: Release,
    cell: number,
  ): Promise<MapLayer[]> {
    const kinds: LocationKind[] = ['incidents', 'recoveries', 'lastSeen'];
    return Promise.all(
      kinds.map(async (kind) => ({
        kind,
        // A map cell is shown only when it counts at least the threshold (no secondary
        // suppression is needed: cells are never published with totals to subtract from).
        cells: (await gridCounts(db, scope.where, kind, cell, scope.where.params.length + 1))
          .filter((c) => c.value >= release.threshold)
          .map((c) => ({
            ...c,
            value: release.noise
              ? release.noise.noisy(c.value, `${scope.country}|map|${kind}|${c.lat}|${c.lon}`)!
              : c.value,
          })),
      })),
    );
  }

  const check = (dataset: Dataset, q: TableQuery): TableSpec => {
    const problems = catalogueProblems(dataset, q);
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
    return { dataset, measure: q.measure, by: q.by, by2: q.by2 };
  };

  return {
    /** Analyst thresholds and whether public figures carry noise. */
    releases: { analyst, public: publicRelease },

    /** A table for an analyst of the country (audited). */
    async table(actor: Actor, dataset: Dataset, q: TableQuery): Promise<StatTable> {
      const scope = analystScope(actor, q.country);
      const spec = check(dataset, q);
      const table = await compute(scope, analyst, spec);
      await audit(actor, scope.country, { ...spec, format: q.format });
      return table;
    },

    /** Headline figures for an analyst (audited). */
    async summary(actor: Actor, country?: string): Promise<Summary> {
      const scope = analystScope(actor, country);
      const result = await summary(scope, analyst);
      await audit(actor, scope.country, { table: 'summary' });
      return result;
    },

    /** The map layers for an analyst (audited). */
    async grid(actor: Actor, cell: number, country?: string): Promise<MapLayer[]> {
      const scope = analystScope(actor, country);
      const layers = await grid(scope, analyst, cell);
      await audit(actor, scope.country, { table: 'map', cell });
      return layers;
    },

    /** Several tables at once for an analyst's page or brief (one audit event). */
    async tables(actor: Actor, specs: TableSpec[], what: string, country?: string) {
      const scope = analystScope(actor, country);
      const tables = await Promise.all(specs.map((s) => compute(scope, analyst, s)));
      await audit(actor, scope.country, { table: what });
      return tables;
    },

    /** A public table (public release rules). */
    async publicTable(dataset: Dataset, q: TableQuery): Promise<StatTable> {
      return compute(publicScope(q.country), publicRelease, check(dataset, q));
    },

    /** Several public tables at once. */
    async publicTables(specs: TableSpec[], country?: string): Promise<StatTable[]> {
      const scope = publicScope(country);
      return Promise.all(specs.map((s) => compute(scope, publicRelease, s)));
    },

    /** Public headline figures. */
    publicSummary(country?: string): Promise<Summary> {
      return summary(publicScope(country), publicRelease);
    },

    /** Public map layers. */
    publicGrid(cell: number, country?: string): Promise<MapLayer[]> {
      return grid(publicScope(country), publicRelease, cell);
    },
  };
}

/** The statistics service. */
export type StatisticsService = ReturnType<typeof createStatisticsService>;
