// Small-cell disclosure control: primary and secondary suppression of count tables (ADR 0110).
//
// Every published count is either at least the threshold `t`, zero, or suppressed. A suppressed
// small cell (1 … t-1) is protected: the published figures (cells, row and column totals, the
// grand total, and the one-dimensional tables that share those totals) are consistent both with
// the cell being 0 and with it being at least `t`, so nobody can tell from them that a person is
// in the cell, nor that fewer than `t` are.

/** A one-dimensional table: counts per category and their sum. */
export interface Series {
  values: number[];
  total: number;
}

/** Which counts of a one-dimensional table are suppressed. */
export interface SeriesPattern {
  values: boolean[];
  total: boolean;
}

/** Which counts of a two-dimensional table are suppressed (margins come from the series). */
export interface TablePattern {
  cells: boolean[][];
  rowTotals: boolean[];
  colTotals: boolean[];
  total: boolean;
}

const small = (v: number, t: number) => v > 0 && v < t;

/**
 * Suppresses a series whose total is already decided (`totalSuppressed`). A suppressed total hides
 * every non-zero value. Otherwise each small value is suppressed, and further values are added
 * (smallest sufficient first) until, for each small value p, the other suppressed values can
 * absorb it going to 0 (at least one other) or to t (their sum is at least t - p).
 */
export function protectLine(values: number[], t: number, totalSuppressed: boolean): boolean[] {
  if (totalSuppressed) {
    return values.map((v) => v !== 0);
  }
  const s = values.map((v) => small(v, t));
  const order = values
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => small(v, t))
    .sort((a, b) => a.v - b.v || a.i - b.i);
  const others = (i: number) => {
    let sum = 0;
    let count = 0;
    values.forEach((v, k) => {
      if (k !== i && s[k]) {
        sum += v;
        count += 1;
      }
    });
    return { sum, count };
  };
  for (const { v, i } of order) {
    for (;;) {
      const o = others(i);
      const deficit = t - v - o.sum;
      if (o.count > 0 && deficit <= 0) {
        break;
      }
      const candidates = values
        .map((value, k) => ({ value, k }))
        .filter(({ value, k }) => !s[k] && value > 0);
      if (candidates.length === 0) {
        // Nothing left to add: every non-zero value is hidden; a published total >= t then
        // still leaves each small value free between 0 and t.
        return values.map((x) => x !== 0);
      }
      const enough = candidates.filter(({ value }) => value >= deficit);
      const pick =
        enough.length > 0
          ? enough.reduce((a, b) => (b.value < a.value ? b : a))
          : candidates.reduce((a, b) => (b.value > a.value ? b : a));
      s[pick.k] = true;
    }
  }
  return s;
}

/** Protects a one-dimensional table with its grand total (the total is hidden only when small). */
export function protectSeries(series: Series, t: number): SeriesPattern {
  const total = small(series.total, t);
  return { values: protectLine(series.values, t, total), total };
}

/**
 * Protects a series nested in a coarser one (months within years): each group is protected as
 * its own line whose total is the group's already published or suppressed value.
 */
export function protectNested(
  values: number[],
  groupOf: number[],
  groupSuppressed: boolean[],
  t: number,
): boolean[] {
  const out = values.map(() => false);
  groupSuppressed.forEach((suppressed, g) => {
    const members = values.map((_, i) => i).filter((i) => groupOf[i] === g);
    const line = protectLine(
      members.map((i) => values[i]!),
      t,
      suppressed,
    );
    members.forEach((i, k) => {
      out[i] = line[k]!;
    });
  });
  return out;
}

type Grid = number[][];
type Pos = readonly [number, number];

/**
 * Protects the inside of a two-dimensional table whose row and column totals were already
 * decided by their own series (so every table sharing a total publishes it alike).
 * A suppressed row (or column) total hides its whole row (or column), zeros included, so the
 * total's own protection can move between hidden rows in every table. Each small inside cell is
 * then covered by hidden cells that can absorb its moving to 0 and to t without changing anything
 * published (a flow round the table's lines); when none is found the whole inside is hidden.
 */
export function protectTable(
  cells: Grid,
  rowTotals: number[],
  colTotals: number[],
  total: number,
  margins: { rows: boolean[]; cols: boolean[]; total: boolean },
  t: number,
): boolean[][] {
  const R = cells.length;
  const C = R > 0 ? cells[0]!.length : 0;
  const X: Grid = [...cells.map((row, i) => [...row, rowTotals[i]!]), [...colTotals, total]];
  const S: boolean[][] = X.map((row, i) =>
    row.map((_, j) => {
      if (i === R && j === C) {
        return margins.total;
      }
      if (i === R) {
        return margins.cols[j]!;
      }
      if (j === C) {
        return margins.rows[i]!;
      }
      return margins.rows[i]! || margins.cols[j]!;
    }),
  );
  const inside = () => S.slice(0, R).map((row) => row.slice(0, C));
  if (margins.total) {
    return cells.map((row) => row.map(() => true));
  }
  // In y-space (row and column totals negated, the grand total not) every line sums to zero,
  // so moving +d and -d alternately round a cycle of cells keeps every published line; `sign`
  // turns a y-change back into a change of the count.
  const sign = (i: number, j: number) => ((i === R) !== (j === C) ? -1 : 1);
  const usable = (i: number, j: number) => S[i]![j]! || (i < R && j < C);
  const primaries: Pos[] = [];
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      if (small(X[i]![j]!, t)) {
        primaries.push([i, j]);
        S[i]![j] = true;
      }
    }
  }
  primaries.sort((p, q) => X[p[0]]![p[1]]! - X[q[0]]![q[1]]! || p[0] - q[0] || p[1] - q[1]);
  for (const [i, j] of primaries) {
    for (const target of [0, t]) {
      const cycle = protectionFlow(X, S, i, j, sign(i, j) * (target - X[i]![j]!), sign, usable);
      if (!cycle) {
        console.log(
          'fail',
          i,
          j,
          target,
          X[i],
          S[i],
          X.map((r) => r[j]).join(' '),
          S.map((r) => (r[j] ? 1 : 0)).join(''),
        );
        return cells.map((row) => row.map(() => true));
      }
      for (const [a, b] of cycle) {
        S[a]![b] = true;
      }
    }
  }
  return inside();
}

/**
 * Cells whose joint change lets cell (i, j) change its y-value by `dy0` while every count stays
 * non-negative and every published line keeps its sum: a flow of |dy0| from column j to row i
 * in the graph whose nodes are lines (rows 0..R, columns 0..C) and whose arcs are usable cells,
 * built from cheapest augmenting paths (hidden cells cost nothing, new ones their count).
 * A column-to-row arc moves its cell by -dy0 per unit, a row-to-column arc by +dy0; an arc that
 * would lower a count is limited by that count. Undefined when no such flow is found.
 */
function protectionFlow(
  X: number[][],
  S: boolean[][],
  i: number,
  j: number,
  dy0: number,
  sign: (i: number, j: number) => number,
  usable: (i: number, j: number) => boolean,
): Pos[] | undefined {
  const R = X.length - 1;
  const C = X[0]!.length - 1;
  const s0 = Math.sign(dy0);
  let need = Math.abs(dy0);
  if (need === 0) {
    return [];
  }
  const col = (c: number) => R + 1 + c;
  const used = new Map<string, number>();
  const chosen = new Set<string>();
  const hidden = (a: number, b: number) => S[a]![b]! || chosen.has(`${a},${b}`);
  // Remaining capacity of the arc over cell (a, b) leaving a row (fromRow) or a column.
  const capacity = (a: number, b: number, fromRow: boolean) => {
    const lowers = sign(a, b) * s0 * (fromRow ? 1 : -1) < 0;
    return lowers ? X[a]![b]! - (used.get(`${a},${b},${fromRow}`) ?? 0) : Infinity;
  };
  while (need > 0) {
    const dist = new Map<number, number>([[col(j), 0]]);
    const prev = new Map<number, { node: number; cell: Pos; fromRow: boolean }>();
    const done = new Set<number>();
    let reached = false;
    for (;;) {
      let node = -1;
      let best = Infinity;
      for (const [n, d] of dist) {
        if (!done.has(n) && d < best) {
          best = d;
          node = n;
        }
      }
      if (node === -1) {
        break;
      }
      if (node === i) {
        reached = true;
        break;
      }
      done.add(node);
      const fromRow = node <= R;
      for (let k = 0; k < (fromRow ? C + 1 : R + 1); k++) {
        const [a, b]: Pos = fromRow ? [node, k] : [k, node - R - 1];
        if ((a === i && b === j) || !usable(a, b) || capacity(a, b, fromRow) <= 0) {
          continue;
        }
        const next = fromRow ? col(b) : a;
        const d = best + (hidden(a, b) ? 0 : X[a]![b]! + 1);
        if (!done.has(next) && d < (dist.get(next) ?? Infinity)) {
          dist.set(next, d);
          prev.set(next, { node, cell: [a, b], fromRow });
        }
      }
    }
    if (!reached) {
      return undefined;
    }
    const path: { cell: Pos; fromRow: boolean }[] = [];
    for (let n = i; n !== col(j);) {
      const step = prev.get(n)!;
      path.push(step);
      n = step.node;
    }
    const push = Math.min(need, ...path.map((e) => capacity(e.cell[0], e.cell[1], e.fromRow)));
    for (const { cell, fromRow } of path) {
      const key = `${cell[0]},${cell[1]},${fromRow}`;
      used.set(key, (used.get(key) ?? 0) + push);
      chosen.add(`${cell[0]},${cell[1]}`);
    }
    need -= push;
  }
  return [...chosen].map((k) => k.split(',').map(Number) as unknown as Pos);
}

/** A two-dimensional table as published: null where a count is suppressed. */
export interface PublishedTable {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  colTotals: (number | null)[];
  total: number | null;
}

const hide = (v: number, suppressed: boolean | undefined) => (suppressed ? null : v);

/**
 * Publishes a two-dimensional table: its row and column totals protected as series (or as given,
 * e.g. months nested in years), then its inside. Totals always equal the published series.
 */
export function publishTable(
  cells: number[][],
  t: number,
  patterns: { rows?: boolean[]; cols?: boolean[] } = {},
): PublishedTable {
  const C = cells[0]?.length ?? 0;
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = Array.from({ length: C }, (_, j) => cells.reduce((a, row) => a + row[j]!, 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const totalHidden = small(total, t);
  const rows = patterns.rows ?? protectLine(rowTotals, t, totalHidden);
  const cols = patterns.cols ?? protectLine(colTotals, t, totalHidden);
  const inside = protectTable(
    cells,
    rowTotals,
    colTotals,
    total,
    {
      rows,
      cols,
      total: totalHidden,
    },
    t,
  );
  return {
    cells: cells.map((row, i) => row.map((v, j) => hide(v, inside[i]![j]))),
    rowTotals: rowTotals.map((v, i) => hide(v, rows[i])),
    colTotals: colTotals.map((v, j) => hide(v, cols[j])),
    total: hide(total, totalHidden),
  };
}

/** Publishes a one-dimensional table (or one nested in coarser groups, given their pattern). */
export function publishSeries(
  values: number[],
  t: number,
  nested?: { groupOf: number[]; groupSuppressed: boolean[] },
): { values: (number | null)[]; total: number | null } {
  const total = values.reduce((a, b) => a + b, 0);
  const totalHidden = small(total, t);
  const pattern = nested
    ? protectNested(values, nested.groupOf, nested.groupSuppressed, t)
    : protectLine(values, t, totalHidden);
  return { values: values.map((v, i) => hide(v, pattern[i])), total: hide(total, totalHidden) };
}
