// The dangerous-routes figures (map, charts) and the PDF brief, built from published tables only.
import { PdfWriter } from '../../platform/pdf/index.js';
import type { Actor } from '../../platform/authz/index.js';
import { drawRouteLines, drawYearBars } from './statistics.charts.js';
import { drawPdf, type Drawing } from './statistics.drawing.js';
import { statLabels, type StatLabels } from './statistics.labels.js';
import { drawMap } from './statistics.map.js';
import type {
  MapLayer,
  StatisticsService,
  StatTable,
  Summary,
  TableSpec,
} from './statistics.service.js';

/** The tables behind the charts and the route table. */
export const FIGURE_TABLES: TableSpec[] = [
  { dataset: 'incidents', measure: 'deadAndMissing', by: 'month', by2: 'route' },
  { dataset: 'incidents', measure: 'dead', by: 'year' },
  { dataset: 'incidents', measure: 'missing', by: 'year' },
  { dataset: 'incidents', measure: 'dead', by: 'route' },
  { dataset: 'incidents', measure: 'missing', by: 'route' },
];

/** Everything a statistics page or brief shows. */
export interface FigureSet {
  summary: Summary;
  tables: StatTable[];
  layers: MapLayer[];
  cell: number;
  threshold: number;
  noise: boolean;
}

/** Loads the figure set for an analyst (audited by the service). */
export async function analystFigures(
  statistics: StatisticsService,
  actor: Actor,
  cell = 1,
  country?: string,
): Promise<FigureSet> {
  const summary = await statistics.summary(actor, country);
  const tables = await statistics.tables(actor, FIGURE_TABLES, 'figures', country);
  const layers = await statistics.grid(actor, cell, country);
  const r = statistics.releases.analyst;
  return { summary, tables, layers, cell, threshold: r.threshold, noise: false };
}

/** Loads the public figure set of a country. */
export async function publicFigures(
  statistics: StatisticsService,
  country?: string,
  cell = 1,
): Promise<FigureSet> {
  const summary = await statistics.publicSummary(country);
  const tables = await statistics.publicTables(FIGURE_TABLES, country);
  const layers = await statistics.publicGrid(cell, country);
  const r = statistics.releases.public;
  return { summary, tables, layers, cell, threshold: r.threshold, noise: r.noise !== null };
}

/** The map of a figure set. */
export function mapDrawing(f: FigureSet, l: StatLabels): Drawing {
  return drawMap(f.layers, f.cell, f.threshold, {
    title: l.mapTitle,
    incidents: l.mapIncidents,
    recoveries: l.mapRecoveries,
    lastSeen: l.mapLastSeen,
    routes: l.mapRoutes,
    hotspots: l.hotspots,
    cellNote: l.cellNote(f.cell, f.threshold),
    source: l.mapSource,
  });
}

/** The chart of dead and missing per month by route. */
export function routeChart(f: FigureSet, l: StatLabels): Drawing {
  return drawRouteLines(f.tables[0]!, {
    title: l.linesTitle,
    yAxis: l.people,
    suppressedNote: l.suppressedNote,
    empty: l.empty,
  });
}

/** The chart of dead and missing per year. */
export function yearChart(f: FigureSet, l: StatLabels): Drawing {
  return drawYearBars(f.tables[1]!, f.tables[2]!, {
    title: l.barsTitle,
    yAxis: l.people,
    suppressedNote: l.suppressedNote,
    empty: l.empty,
    dead: l.dead,
    missing: l.missing,
  });
}

const show = (v: number | null, l: StatLabels) => (v === null ? l.suppressed : String(v));

/** Rows of the route table: route, dead, missing (published values only). */
export function routeRows(f: FigureSet, l: StatLabels): string[][] {
  const dead = f.tables[3]!;
  const missing = f.tables[4]!;
  return dead.rows.map((route, i) => {
    const j = missing.rows.indexOf(route);
    return [route, show(dead.rowTotals[i]!, l), show(j === -1 ? 0 : missing.rowTotals[j]!, l)];
  });
}

/** The headline figures as label/value pairs. */
export function headline(f: FigureSet, l: StatLabels): [string, string][] {
  const s = f.summary.figures;
  const rows: [string, string][] = [
    [l.reports, show(s.reports!, l)],
    [l.children, show(s.children!, l)],
    [l.remainsRecovered, show(s.remainsRecovered!, l)],
    [l.identifications, show(s.identifications!, l)],
    [l.incidents, show(s.incidents!, l)],
    [l.dead, show(s.dead!, l)],
    [l.missing, show(s.missing!, l)],
    [l.survivors, show(s.survivors!, l)],
  ];
  if (f.summary.medianDaysToIdentification !== null) {
    rows.push([l.medianDays, String(f.summary.medianDaysToIdentification)]);
  }
  return rows;
}

/** The PDF brief: headline figures, the map, both charts and the route table (English). */
export async function renderBrief(f: FigureSet, generatedAt: Date): Promise<Buffer> {
  const l = statLabels('en');
  const pdf = await PdfWriter.create({
    title: `${l.briefTitle} — ${f.summary.country}`,
    lang: 'en',
    direction: 'ltr',
  });
  pdf.heading(`${l.briefTitle} — ${l.analystTitle} (${f.summary.country})`, 1);
  pdf.paragraph(
    `${l.generated}: ${generatedAt.toISOString().slice(0, 10)}. ${l.rules(f.threshold, f.noise)}`,
    {
      size: 9,
      color: '#444444',
    },
  );
  pdf.heading(l.headline);
  for (const [label, value] of headline(f, l)) {
    pdf.field(label, value);
  }
  const map = mapDrawing(f, l);
  pdf.figure((495 * map.height) / map.width, (doc, box, fonts) => drawPdf(doc, map, box, fonts));
  for (const chart of [routeChart(f, l), yearChart(f, l)]) {
    pdf.figure((495 * chart.height) / chart.width, (doc, box, fonts) =>
      drawPdf(doc, chart, box, fonts),
    );
  }
  pdf.keep(120).heading(l.byRoute);
  pdf.table(
    [
      { header: l.route, width: 0.5 },
      { header: l.dead, width: 0.25 },
      { header: l.missing, width: 0.25 },
    ],
    routeRows(f, l),
  );
  return pdf.toBuffer();
}
