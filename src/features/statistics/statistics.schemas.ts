import { z } from 'zod';
import { country } from '../../platform/vocabulary/index.js';
import { ALLOWED, DATASETS, DIMENSIONS, MEASURES } from './statistics.catalogue.js';

/** Path parameter :dataset. */
export const datasetParams = z.object({
  /** reports, children, remains, identifications or incidents. */
  dataset: z.enum(DATASETS),
});

/** Query of a statistics table. */
export const tableQuery = z.object({
  /** What to sum: count (people or records), or an incident figure. */
  measure: z.enum(MEASURES).default('count'),
  /** First dimension (rows). */
  by: z.enum(DIMENSIONS).default('year'),
  /** Optional second dimension (columns); year is only a row dimension on its own. */
  by2: z.enum(DIMENSIONS).optional(),
  /** Country whose records are counted (analysts: their own, the default). */
  country: country.optional(),
  /** json (default) or csv. */
  format: z.enum(['json', 'csv']).default('json'),
});
/** A parsed table query. */
export type TableQuery = z.infer<typeof tableQuery>;

/**
 * Checks a query against the catalogue, naming the offending field: dimensions and measures of
 * the data set, two different dimensions, and one time scale per table (months, not years, in
 * two dimensions), so that no two published tables can be subtracted from each other.
 */
export function catalogueProblems(dataset: (typeof DATASETS)[number], q: TableQuery) {
  const allowed = ALLOWED[dataset];
  const problems: { field: string; message: string }[] = [];
  if (!allowed.measures.includes(q.measure)) {
    problems.push({ field: 'query.measure', message: `not available for ${dataset}` });
  }
  if (!allowed.dimensions.includes(q.by)) {
    problems.push({ field: 'query.by', message: `not available for ${dataset}` });
  }
  if (q.by2) {
    if (!allowed.dimensions.includes(q.by2)) {
      problems.push({ field: 'query.by2', message: `not available for ${dataset}` });
    } else if (q.by2 === q.by) {
      problems.push({ field: 'query.by2', message: 'must differ from by' });
    } else if (q.by === 'year' || q.by2 === 'year') {
      problems.push({
        field: q.by === 'year' ? 'query.by' : 'query.by2',
        message: 'use month in a two-dimensional table',
      });
    }
  }
  return problems;
}

/** Query of the summary. */
export const summaryQuery = z.object({
  /** Country whose records are counted (analysts: their own, the default). */
  country: country.optional(),
});

/** Query of the public pages and exports. */
export const publicQuery = z.object({
  /** Country whose public figures are shown (the node's own by default). */
  country: country.optional(),
});

/** The figures: the dangerous-routes map, dead and missing by route per month, and per year. */
export const FIGURES = ['map', 'routes', 'years'] as const;
/** A figure. */
export type FigureName = (typeof FIGURES)[number];

/** Path parameter :figure. */
export const figureParams = z.object({
  /** map, routes or years. */
  figure: z.enum(FIGURES),
});

/** Query of a figure. */
export const figureQuery = z.object({
  /** Country whose records are drawn (analysts: their own, the default). */
  country: country.optional(),
  /** Grid cell size of the map in degrees: 0.5, 1 or 2. */
  cell: z.enum(['0.5', '1', '2']).default('1').transform(Number),
  /** Language of the words: en, fr, es or ar. */
  lang: z.enum(['en', 'fr', 'es', 'ar']).default('en'),
});

/** A published table, as the API shows it (null where a count is suppressed). */
export const statTableSchema = z
  .object({
    dataset: z.enum(DATASETS),
    measure: z.enum(MEASURES),
    by: z.enum(DIMENSIONS),
    by2: z.enum(DIMENSIONS).nullable(),
    country: z.string(),
    release: z.enum(['analyst', 'public']),
    threshold: z.number(),
    noise: z.boolean(),
    rows: z.array(z.string()),
    columns: z.array(z.string()).nullable(),
    cells: z.array(z.array(z.number().nullable())).nullable(),
    rowTotals: z.array(z.number().nullable()),
    colTotals: z.array(z.number().nullable()).nullable(),
    total: z.number().nullable(),
    medianDays: z.array(z.number().nullable()).nullable(),
  })
  .meta({ id: 'StatisticsTable' });

/** Headline figures of a country (GET /api/v1/statistics/summary and its public twin). */
export const statSummarySchema = z
  .object({
    country: z.string(),
    release: z.enum(['analyst', 'public']),
    threshold: z.number(),
    noise: z.boolean(),
    /** Each headline figure (null when suppressed below the threshold). */
    figures: z.record(z.string(), z.number().nullable()),
    medianDaysToIdentification: z.number().nullable(),
    byYear: z.object({
      years: z.array(z.string()),
      figures: z.record(z.string(), z.array(z.number().nullable())),
    }),
  })
  .meta({ id: 'StatisticsSummary' });
