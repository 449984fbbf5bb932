// An attacker for the disclosure tests: from what a table publishes (cells, row and column totals,
// the grand total; null where suppressed) it enumerates every non-negative integer table that is
// consistent with it and returns, for each suppressed position, every value it could have.

/** A published two-dimensional table with its totals (null = suppressed). */
export interface PublishedGrid {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  colTotals: (number | null)[];
  total: number | null;
}

interface Line {
  vars: { v: number; coef: number }[];
  rhs: number;
}

/** Every value each suppressed position can take, keyed "i,j" (j = C for row totals, i = R for column totals). */
export function feasibleValues(p: PublishedGrid, cap: number): Map<string, Set<number>> {
  const R = p.cells.length;
  const C = p.colTotals.length;
  const grid: (number | null)[][] = [
    ...p.cells.map((r, i) => [...r, p.rowTotals[i]!]),
    [...p.colTotals, p.total],
  ];
  const keys: string[] = [];
  const index = new Map<string, number>();
  grid.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null) {
        index.set(`${i},${j}`, keys.length);
        keys.push(`${i},${j}`);
      }
    }),
  );
  const lines: Line[] = [];
  const addLine = (cellsOf: [number, number][], totalAt: [number, number]) => {
    const line: Line = { vars: [], rhs: 0 };
    const put = ([i, j]: [number, number], coef: number) => {
      const v = grid[i]![j]!;
      if (v === null) {
        line.vars.push({ v: index.get(`${i},${j}`)!, coef });
      } else {
        line.rhs -= coef * v;
      }
    };
    cellsOf.forEach((c) => put(c, 1));
    put(totalAt, -1);
    lines.push(line);
  };
  for (let i = 0; i <= R; i++) {
    addLine(
      Array.from({ length: C }, (_, j) => [i, j] as [number, number]),
      [i, C],
    );
  }
  for (let j = 0; j <= C; j++) {
    addLine(
      Array.from({ length: R }, (_, i) => [i, j] as [number, number]),
      [R, j],
    );
  }
  // A suppressed count is at most the published total of any line it is in.
  const caps = keys.map((k) => {
    const [i, j] = k.split(',').map(Number) as [number, number];
    const totals = [
      i < R && j < C ? grid[i]![C] : null,
      i < R && j < C ? grid[R]![j] : null,
      i === R || j === C ? p.total : null,
    ].filter((v): v is number => v !== null && v !== undefined);
    return Math.min(cap, ...totals);
  });
  const found = keys.map(() => new Set<number>());
  const value: (number | undefined)[] = keys.map(() => undefined);
  const consistent = (): boolean | 'forced' => {
    let changed = false;
    for (const line of lines) {
      const open = line.vars.filter((x) => value[x.v] === undefined);
      const sum = line.vars.reduce((s, x) => s + (value[x.v] ?? 0) * x.coef, 0);
      if (open.length === 0 && sum !== line.rhs) {
        return false;
      }
      if (open.length === 1) {
        const x = open[0]!;
        const forced = (line.rhs - sum) / x.coef;
        if (!Number.isInteger(forced) || forced < 0 || forced > caps[x.v]!) {
          return false;
        }
        value[x.v] = forced;
        changed = true;
      }
    }
    return changed ? 'forced' : true;
  };
  const search = () => {
    const saved = [...value];
    let state = consistent();
    while (state === 'forced') {
      state = consistent();
    }
    if (state === false) {
      value.splice(0, value.length, ...saved);
      return;
    }
    const next = value.findIndex((v) => v === undefined);
    if (next === -1) {
      value.forEach((v, k) => found[k]!.add(v!));
    } else {
      for (let x = 0; x <= caps[next]!; x++) {
        value[next] = x;
        search();
        value[next] = undefined;
      }
    }
    value.splice(0, value.length, ...saved);
  };
  search();
  return new Map(keys.map((k, n) => [k, found[n]!]));
}
