import { AGE_BANDS, TIME_DIMENSIONS, type Dimension } from './statistics.catalogue.js';
import { protectLine, protectNested, publishTable } from './statistics.disclosure.js';
import type { AggregateRow } from './statistics.repository.js';

/** A published table: categories, counts (null where suppressed) and totals. */
export interface PublishedCounts {
  rows: string[];
  columns: string[] | null;
  /** Inside cells of a two-dimensional table (null for one dimension). */
  cells: (number | null)[][] | null;
  /** Counts per row category (the values of a one-dimensional table). */
  rowTotals: (number | null)[];
  colTotals: (number | null)[] | null;
  total: number | null;
  /** Median days from recovery to identification per row, where the row's count is shown. */
  medianDays: (number | null)[] | null;
}

const LAST = new Set(['unknown', 'none', 'at sea']);

function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * The categories of a dimension in a fixed order that says nothing about the counts (time in
 * order with empty months and years filled in, age bands in order, anything else alphabetical
 * with unknown last): ordering by size would tell where a suppressed count lies.
 */
export function categories(dim: Dimension, seen: Iterable<string>): string[] {
  const set = [...new Set(seen)];
  if (dim === 'ageBand') {
    return AGE_BANDS.filter((b) => set.includes(b));
  }
  const known = set.filter((v) => !LAST.has(v)).sort();
  if (TIME_DIMENSIONS.includes(dim) && known.length > 0) {
    const first = known[0]!;
    const last = known[known.length - 1]!;
    const filled =
      dim === 'month'
        ? monthsBetween(first, last)
        : Array.from({ length: Number(last) - Number(first) + 1 }, (_, k) =>
            String(Number(first) + k),
          );
    return [...filled, ...set.filter((v) => LAST.has(v)).sort()];
  }
  return [...known, ...set.filter((v) => LAST.has(v)).sort()];
}

/**
 * Which totals of a dimension are suppressed: months are protected within their years (whose
 * own totals are protected first), everything else as one series under the grand total.
 */
export function seriesPattern(
  dim: Dimension,
  labels: string[],
  totals: number[],
  t: number,
): boolean[] {
  const grand = totals.reduce((a, b) => a + b, 0);
  const grandHidden = grand > 0 && grand < t;
  if (dim !== 'month') {
    return protectLine(totals, t, grandHidden);
  }
  const years = [...new Set(labels.map((l) => l.slice(0, 4)))];
  const groupOf = labels.map((l) => years.indexOf(l.slice(0, 4)));
  const yearTotals = years.map((_, g) =>
    totals.reduce((a, v, i) => a + (groupOf[i] === g ? v : 0), 0),
  );
  return protectNested(totals, groupOf, protectLine(yearTotals, t, grandHidden), t);
}

/** Builds the published table of aggregated rows under threshold `t`. */
export function publishCounts(
  rows: AggregateRow[],
  by: Dimension,
  by2: Dimension | null,
  t: number,
): PublishedCounts {
  const rowLabels = categories(
    by,
    rows.map((r) => r.a),
  );
  const colLabels = by2
    ? categories(
        by2,
        rows.map((r) => r.b ?? 'unknown'),
      )
    : null;
  const rIndex = new Map(rowLabels.map((l, i) => [l, i]));
  const cIndex = new Map((colLabels ?? ['']).map((l, i) => [l, i]));
  const cells = rowLabels.map(() => (colLabels ?? ['']).map(() => 0));
  const medians = new Map<string, number | null>();
  for (const r of rows) {
    const i = rIndex.get(r.a)!;
    const j = by2 ? cIndex.get(r.b ?? 'unknown')! : 0;
    cells[i]![j]! += r.value;
    medians.set(r.a, r.medianDays);
  }
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const rowPattern = seriesPattern(by, rowLabels, rowTotals, t);
  const grand = rowTotals.reduce((a, b) => a + b, 0);
  const total = grand > 0 && grand < t ? null : grand;
  if (!by2 || !colLabels) {
    const values = rowTotals.map((v, i) => (rowPattern[i] ? null : v));
    return {
      rows: rowLabels,
      columns: null,
      cells: null,
      rowTotals: values,
      colTotals: null,
      total,
      medianDays: rowLabels.map((l, i) =>
        values[i] !== null && values[i]! >= t ? (medians.get(l) ?? null) : null,
      ),
    };
  }
  const colTotals = colLabels.map((_, j) => cells.reduce((a, row) => a + row[j]!, 0));
  const published = publishTable(cells, t, {
    rows: rowPattern,
    cols: seriesPattern(by2, colLabels, colTotals, t),
  });
  return {
    rows: rowLabels,
    columns: colLabels,
    cells: published.cells,
    rowTotals: published.rowTotals,
    colTotals: published.colTotals,
    total: published.total,
    medianDays: null,
  };
}
