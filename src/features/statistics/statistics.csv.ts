import type { Dataset, Dimension, Measure } from './statistics.catalogue.js';
import type { StatTable } from './statistics.service.js';

/**
 * Column names shared with the IOM Missing Migrants Project's public data set, so exported
 * figures line up with it (its year, month, route, incident type, country and counts); columns
 * the project has no equivalent for keep a plain English name.
 */
export const IOM_DIMENSION_COLUMNS: Record<Dimension, string> = {
  year: 'Incident Year',
  month: 'Reported Month',
  sex: 'Sex',
  ageBand: 'Age Band',
  nationality: 'Country of Origin',
  route: 'Migration Route',
  country: 'Country of Incident',
  incident: 'Incident',
  kind: 'Incident Type',
};

/** The count column of each data set and incident measure, IOM names where they exist. */
export function measureColumn(dataset: Dataset, measure: Measure): string {
  if (dataset === 'incidents') {
    return {
      count: 'Number of Incidents',
      dead: 'Number of Dead',
      missing: 'Minimum Estimated Number of Missing',
      deadAndMissing: 'Total Number of Dead and Missing',
      survivors: 'Number of Survivors',
    }[measure];
  }
  return {
    reports: 'Number of Missing Persons Reported',
    children: 'Number of Unaccompanied or Separated Children',
    remains: 'Number of Remains Recovered',
    identifications: 'Number of Identifications',
  }[dataset];
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** One CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvField(value: string | number | null): string {
  if (value === null) {
    return '';
  }
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) {
    s = `'${s}`;
  }
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function dimensionColumns(dim: Dimension): string[] {
  return dim === 'month' ? ['Incident Year', 'Reported Month'] : [IOM_DIMENSION_COLUMNS[dim]];
}

function dimensionValues(dim: Dimension, label: string): string[] {
  if (dim === 'month' && /^\d{4}-\d{2}$/.test(label)) {
    return [label.slice(0, 4), MONTHS[Number(label.slice(5)) - 1]!];
  }
  return dim === 'month' ? ['', label] : [label];
}

/**
 * A table in long form: one line per category (and pair of categories), then the totals.
 * Suppressed counts are empty with "suppressed" in the Disclosure Control column.
 */
export function tableToCsv(t: StatTable): string {
  const dims = t.by2 ? [t.by, t.by2] : [t.by];
  const header = [
    ...dims.flatMap(dimensionColumns),
    measureColumn(t.dataset, t.measure),
    'Disclosure Control',
  ];
  const lines: string[][] = [header];
  const line = (labels: string[], value: number | null) => {
    lines.push([
      ...labels.flatMap((l, k) =>
        l === 'Total'
          ? dimensionColumns(dims[k]!).map(() => 'Total')
          : dimensionValues(dims[k]!, l),
      ),
      value === null ? '' : String(value),
      value === null ? 'suppressed' : t.noise ? 'noise added' : '',
    ]);
  };
  if (t.cells && t.columns) {
    t.rows.forEach((r, i) => t.columns!.forEach((c, j) => line([r, c], t.cells![i]![j]!)));
    t.rows.forEach((r, i) => line([r, 'Total'], t.rowTotals[i]!));
    t.columns.forEach((c, j) => line(['Total', c], t.colTotals![j]!));
    line(['Total', 'Total'], t.total);
  } else {
    t.rows.forEach((r, i) => line([r], t.rowTotals[i]!));
    line(['Total'], t.total);
  }
  return `${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
