import type { Response } from 'express';
import { defineRoute } from '../../platform/http/index.js';
import { tableToCsv } from './statistics.csv.js';
import {
  datasetParams,
  statTableSchema,
  summaryQuery,
  tableQuery,
  publicQuery,
} from './statistics.schemas.js';
import type { StatTable, StatisticsService } from './statistics.service.js';

function send(res: Response, table: StatTable, format: 'json' | 'csv') {
  if (format === 'json') {
    return table;
  }
  const name = [table.dataset, table.measure, table.by, table.by2].filter(Boolean).join('-');
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .attachment(`${name}-${table.country}.csv`)
    .send(tableToCsv(table));
  return undefined;
}

/** Routes of /api/v1/statistics (analysts) and /api/v1/public/statistics (anyone). */
export function statisticsRoutes(statistics: StatisticsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/statistics/summary',
      summary: 'Headline figures of the analyst’s country (suppressed, audited)',
      tag: 'statistics',
      auth: 'user',
      query: summaryQuery,
      handler: ({ actor, query }) => statistics.summary(actor, query.country),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/statistics/tables/:dataset',
      summary: 'A table of counts by one or two dimensions, JSON or CSV (suppressed, audited)',
      tag: 'statistics',
      auth: 'user',
      params: datasetParams,
      query: tableQuery,
      response: statTableSchema,
      handler: async ({ actor, params, query, res }) =>
        send(res, await statistics.table(actor, params.dataset, query), query.format),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/public/statistics/summary',
      summary: 'Public headline figures of a country (public release rules)',
      tag: 'statistics',
      auth: 'public',
      query: publicQuery,
      handler: ({ query }) => statistics.publicSummary(query.country),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/public/statistics/tables/:dataset',
      summary: 'A public table, JSON or CSV with IOM Missing Migrants Project column names',
      tag: 'statistics',
      auth: 'public',
      params: datasetParams,
      query: tableQuery,
      response: statTableSchema,
      handler: async ({ params, query, res }) =>
        send(res, await statistics.publicTable(params.dataset, query), query.format),
    }),
  ];
}
