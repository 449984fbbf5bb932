import { expect } from 'chai';
import {
  protectLine,
  publishSeries,
  publishTable,
  type PublishedTable,
} from '../../src/features/statistics/statistics.disclosure.js';
import { feasibleValues } from './attacker.js';

const T = 5;

/** What a naive release does: hide the small cells, publish everything else. */
function naive(cells: number[][]): PublishedTable {
  const rowTotals = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotals = cells[0]!.map((_, j) => cells.reduce((a, r) => a + r[j]!, 0));
  const hide = (v: number) => (v > 0 && v < T ? null : v);
  return {
    cells: cells.map((r) => r.map(hide)),
    rowTotals: rowTotals.map(hide),
    colTotals: colTotals.map(hide),
    total: hide(rowTotals.reduce((a, b) => a + b, 0)),
  };
}

/** Every small true count that the release suppressed, with its position. */
function smallCells(cells: number[][]) {
  const out: { key: string; value: number }[] = [];
  cells.forEach((r, i) =>
    r.forEach((v, j) => {
      if (v > 0 && v < T) {
        out.push({ key: `${i},${j}`, value: v });
      }
    }),
  );
  return out;
}

function assertProtected(p: PublishedTable, cells: number[][]) {
  const total = cells.flat().reduce((a, b) => a + b, 0);
  const ranges = feasibleValues(p, total);
  for (const { key, value } of smallCells(cells)) {
    const range = ranges.get(key);
    expect(range, `cell ${key} (${value}) is suppressed`).to.not.equal(undefined);
    expect(range!.has(value), `true value of ${key} is feasible`).to.equal(true);
    expect(range!.has(0), `cell ${key} could be 0`).to.equal(true);
    expect(Math.max(...range!), `cell ${key} could be >= ${T}`).to.be.at.least(T);
  }
}

describe('statistics disclosure control', () => {
  // Nationality (rows) × route (columns): one person of nationality A on route X.
  const leaky = [
    [1, 7, 8],
    [9, 6, 10],
    [7, 12, 5],
  ];

  it('a naive table leaks the single person through its row total; the attacker finds it', () => {
    const ranges = feasibleValues(naive(leaky), 65);
    expect([...ranges.get('0,0')!]).to.deep.equal([1]);
  });

  it('secondary suppression leaves the single person underivable (0 … >= threshold)', () => {
    const p = publishTable(leaky, T);
    expect(p.cells[0]![0]).to.equal(null);
    const hidden = p.cells.flat().filter((v) => v === null).length;
    expect(hidden, 'more than the one small cell is hidden').to.be.at.least(4);
    expect(p.total).to.equal(65);
    assertProtected(p, leaky);
  });

  it('published totals stay consistent with the published cells', () => {
    const p = publishTable(leaky, T);
    p.cells.forEach((row, i) => {
      if (row.every((v) => v !== null) && p.rowTotals[i] !== null) {
        expect(row.reduce((a, b) => a + b, 0)).to.equal(p.rowTotals[i]);
      }
    });
    expect(p.rowTotals.reduce((a, b) => a! + b!, 0)).to.equal(p.total);
  });

  it('a small row total hides its row and a partner row in every table that shares it', () => {
    // Nationality C has three people in all: its total is small.
    const cells = [
      [10, 8, 7],
      [6, 9, 12],
      [1, 0, 2],
    ];
    const p = publishTable(cells, T);
    expect(p.rowTotals[2]).to.equal(null);
    expect(p.cells[2]).to.deep.equal([null, null, null]);
    const partner = p.rowTotals.findIndex((v, i) => i !== 2 && v === null);
    expect(partner, 'a second row total is hidden').to.not.equal(-1);
    expect(p.cells[partner]!.every((v) => v === null)).to.equal(true);
    assertProtected(p, cells);
    // The one-dimensional table of the same dimension hides the same totals.
    const series = publishSeries(
      cells.map((r) => r.reduce((a, b) => a + b, 0)),
      T,
    );
    expect(series.values).to.deep.equal(p.rowTotals);
  });

  it('several small cells in one row and column are all protected', () => {
    const cells = [
      [2, 1, 9, 6],
      [3, 8, 7, 11],
      [12, 6, 1, 9],
      [8, 10, 13, 2],
    ];
    const p = publishTable(cells, T);
    assertProtected(p, cells);
  });

  it('a sparse table whose small totals can only be absorbed together stays protected', () => {
    // Months (rows) × routes: three quiet months of 2 each, one route rarely used.
    const cells = [
      [0, 2],
      [2, 0],
      [9, 12],
      [14, 6],
    ];
    const p = publishTable(cells, T);
    expect(p.total).to.equal(45);
    assertProtected(p, cells);
    expect(
      p.cells.flat().some((v) => v !== null && v > 0),
      'something is still published',
    ).to.equal(true);
  });

  it('a one-dimensional table never lets the total give away a small value', () => {
    const values = [1, 30, 20, 0];
    const s = publishSeries(values, T);
    expect(s.values[0]).to.equal(null);
    expect(s.values[3], 'zeros are published').to.equal(0);
    expect(s.values.filter((v) => v === null)).to.have.length(2);
    expect(s.total).to.equal(51);
    const published = s.values.reduce<number>((a, v) => a + (v ?? 0), 0);
    expect(51 - published, 'what the total leaves is at least the threshold').to.be.at.least(T);
  });

  it('a small grand total hides everything', () => {
    const s = publishSeries([1, 2, 0], T);
    expect(s).to.deep.equal({ values: [null, null, 0], total: null });
  });

  it('small values with no large partner are hidden together', () => {
    expect(protectLine([3, 3, 1], T, false)).to.deep.equal([true, true, true]);
  });

  it('months are protected within their published year', () => {
    // Dec 2025 has 2; the 2025 total is published, so another 2025 month is hidden with it.
    const months = [9, 7, 2, 8, 6, 11];
    const groupOf = [0, 0, 0, 1, 1, 1];
    const s = publishSeries(months, T, { groupOf, groupSuppressed: [false, false] });
    expect(s.values[2]).to.equal(null);
    const hidden2025 = s.values.slice(0, 3).filter((v) => v === null).length;
    expect(hidden2025).to.equal(2);
    expect(s.values.slice(3)).to.deep.equal([8, 6, 11]);
  });
});
