import type { Response } from 'express';
import { defineRoute } from '../../platform/http/index.js';
import { tableToCsv } from './statistics.csv.js';
import {
  datasetParams,
  statSummarySchema,
  statTableSchema,
  summaryQuery,
  tableQuery,
  publicQuery,
  figureParams,
  figureQuery,
  type FigureName,
} from './statistics.schemas.js';
import type { StatTable, StatisticsService } from './statistics.service.js';
import { toSvg } from './statistics.drawing.js';
import {
  analystFigures,
  mapDrawing,
  publicFigures,
  renderBrief,
  routeChart,
  yearChart,
  type FigureSet,
} from './statistics.figures.js';
import { statLabels } from './statistics.labels.js';

function sendFigure(res: Response, f: FigureSet, figure: FigureName, lang: string) {
  const l = statLabels(lang);
  const drawing =
    figure === 'map' ? mapDrawing(f, l) : figure === 'routes' ? routeChart(f, l) : yearChart(f, l);
  res
    .status(200)
    .type('image/svg+xml; charset=utf-8')
    .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
    .send(toSvg(drawing));
  return undefined;
}

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
      response: statSummarySchema,
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
      path: '/api/v1/statistics/figures/:figure',
      produces: ['image/svg+xml'],
      summary: 'The dangerous-routes map or a chart of dead and missing, as SVG (audited)',
      tag: 'statistics',
      auth: 'user',
      params: figureParams,
      query: figureQuery,
      handler: async ({ actor, params, query, res }) =>
        sendFigure(
          res,
          await analystFigures(statistics, actor, query.cell, query.country),
          params.figure,
          query.lang,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/statistics/brief',
      produces: ['application/pdf'],
      summary: 'A PDF brief: headline figures, the map and the charts (audited)',
      tag: 'statistics',
      auth: 'user',
      query: summaryQuery,
      handler: async ({ actor, query, res }) => {
        const pdf = await renderBrief(
          await analystFigures(statistics, actor, 1, query.country),
          new Date(),
        );
        res.status(200).type('application/pdf').attachment('statistics-brief.pdf').send(pdf);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/public/statistics/figures/:figure',
      produces: ['image/svg+xml'],
      summary: 'The public map or a public chart, as SVG',
      tag: 'statistics',
      auth: 'public',
      params: figureParams,
      query: figureQuery,
      handler: async ({ params, query, res }) =>
        sendFigure(
          res,
          await publicFigures(statistics, query.country, query.cell),
          params.figure,
          query.lang,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/public/statistics/summary',
      summary: 'Public headline figures of a country (public release rules)',
      tag: 'statistics',
      auth: 'public',
      query: publicQuery,
      response: statSummarySchema,
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
