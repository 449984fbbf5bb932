// Charts of the dead and missing over time, drawn from published (suppressed) tables only:
// a suppressed point is a gap in its line, never an interpolated value.
import type { Drawing, Shape } from './statistics.drawing.js';
import type { StatTable } from './statistics.service.js';

const PALETTE = ['#c9301f', '#1d4e89', '#0b6e4f', '#8a5a00', '#5b2a86', '#b8336a', '#3b7d8c'];

/** Labels of a chart in the reader's language. */
export interface ChartLabels {
  title: string;
  yAxis: string;
  suppressedNote: string;
  empty: string;
}

function niceMax(v: number): number {
  if (v <= 0) {
    return 10;
  }
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((c) => c >= v)!;
}

/** Background and title shared by every chart. */
function frame(W: number, H: number, left: number, title: string): Shape[] {
  return [
    { kind: 'rect', x: 0, y: 0, w: W, h: H, fill: '#ffffff' },
    { kind: 'text', x: left, y: 24, text: title, size: 14, bold: true },
  ];
}

/** A chart with nothing to show: its frame and the "no data" line in the middle. */
function emptyChart(W: number, H: number, shapes: Shape[], labels: ChartLabels): Drawing {
  shapes.push({
    kind: 'text',
    x: W / 2,
    y: H / 2,
    text: labels.empty,
    size: 12,
    anchor: 'middle',
  });
  return { width: W, height: H, title: labels.title, description: labels.empty, shapes };
}

/** Five horizontal grid lines from 0 to max, each labelled on the left axis. */
function yGrid(
  shapes: Shape[],
  left: number,
  plotW: number,
  max: number,
  y: (v: number) => number,
): void {
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    shapes.push({
      kind: 'path',
      d: `M${left},${y(v)}L${left + plotW},${y(v)}`,
      stroke: '#e3e3e3',
      width: 1,
    });
    shapes.push({
      kind: 'text',
      x: left - 6,
      y: y(v) + 4,
      text: String(Math.round(v)),
      size: 10,
      anchor: 'end',
    });
  }
}

/** The x axis line under the plot. */
function xAxis(shapes: Shape[], left: number, plotW: number, baseY: number): void {
  shapes.push({
    kind: 'path',
    d: `M${left},${baseY}L${left + plotW},${baseY}`,
    stroke: '#888',
    width: 1,
  });
}

/** The note under the chart that says some values are withheld. */
function suppressedNote(shapes: Shape[], left: number, y: number, labels: ChartLabels): void {
  shapes.push({ kind: 'text', x: left, y, text: labels.suppressedNote, size: 9, fill: '#555' });
}

/**
 * Lines of a month × route table of dead and missing: one line per route, a gap where a month
 * is suppressed, and the months on the x axis (a label every few months).
 */
export function drawRouteLines(table: StatTable, labels: ChartLabels): Drawing {
  const W = 900;
  const H = 380;
  const left = 56;
  const right = 220;
  const top = 40;
  const bottom = 50;
  const shapes = frame(W, H, left, labels.title);
  const months = table.rows;
  const routes = table.columns ?? [];
  const cells = table.cells ?? [];
  const values = cells.flat().filter((v): v is number => v !== null);
  if (months.length === 0 || values.length === 0) {
    return emptyChart(W, H, shapes, labels);
  }
  const max = niceMax(Math.max(...values));
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const x = (i: number) =>
    left + (months.length === 1 ? plotW / 2 : (i * plotW) / (months.length - 1));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  yGrid(shapes, left, plotW, max, y);
  shapes.push({ kind: 'text', x: 14, y: top - 8, text: labels.yAxis, size: 10, fill: '#444' });
  const every = Math.max(1, Math.ceil(months.length / 12));
  months.forEach((m, i) => {
    if (i % every === 0) {
      shapes.push({
        kind: 'text',
        x: x(i),
        y: H - bottom + 18,
        text: m,
        size: 9.5,
        anchor: 'middle',
      });
      shapes.push({
        kind: 'path',
        d: `M${x(i)},${top + plotH}L${x(i)},${top + plotH + 4}`,
        stroke: '#888',
        width: 1,
      });
    }
  });
  xAxis(shapes, left, plotW, top + plotH);
  let anySuppressed = false;
  routes.forEach((route, j) => {
    const colour = PALETTE[j % PALETTE.length]!;
    let d = '';
    let pen = false;
    months.forEach((_, i) => {
      const v = cells[i]?.[j] ?? null;
      if (v === null) {
        anySuppressed = true;
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
      if (v > 0) {
        shapes.push({ kind: 'circle', cx: x(i), cy: y(v), r: 2.5, fill: colour });
      }
    });
    shapes.push({ kind: 'path', d, stroke: colour, width: 2 });
    const ly = top + 8 + j * 20;
    shapes.push({ kind: 'rect', x: W - right + 16, y: ly - 9, w: 14, h: 4, fill: colour });
    shapes.push({ kind: 'text', x: W - right + 36, y: ly - 3, text: route, size: 10 });
  });
  if (anySuppressed) {
    suppressedNote(shapes, left, H - 8, labels);
  }
  return {
    width: W,
    height: H,
    title: labels.title,
    description: `${labels.yAxis}: ${routes.join(', ')}; ${months[0]} – ${months[months.length - 1]}`,
    shapes,
  };
}

/** Grouped bars of dead and missing per year (from two published one-dimensional tables). */
export function drawYearBars(
  dead: StatTable,
  missing: StatTable,
  labels: ChartLabels & { dead: string; missing: string },
): Drawing {
  const W = 900;
  const H = 300;
  const left = 56;
  const top = 40;
  const bottom = 40;
  const shapes = frame(W, H, left, labels.title);
  const years = [...new Set([...dead.rows, ...missing.rows])].sort();
  const value = (t: StatTable, yr: string) => {
    const i = t.rows.indexOf(yr);
    return i === -1 ? 0 : t.rowTotals[i]!;
  };
  const values = years.flatMap((yr) => [value(dead, yr), value(missing, yr)]);
  const known = values.filter((v): v is number => v !== null);
  if (years.length === 0 || known.length === 0) {
    return emptyChart(W, H, shapes, labels);
  }
  const max = niceMax(Math.max(...known));
  const plotW = W - left - 200;
  const plotH = H - top - bottom;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  yGrid(shapes, left, plotW, max, y);
  const group = plotW / years.length;
  const bar = Math.min(40, group / 3);
  let anySuppressed = false;
  years.forEach((yr, i) => {
    const cx = left + group * i + group / 2;
    [
      [value(dead, yr), '#c9301f', -1],
      [value(missing, yr), '#1d4e89', 0],
    ].forEach(([v, fill, off]) => {
      const bx = cx + (off as number) * bar;
      if (v === null) {
        anySuppressed = true;
        shapes.push({
          kind: 'text',
          x: bx + bar / 2,
          y: top + plotH - 4,
          text: '×',
          size: 12,
          anchor: 'middle',
          fill: '#777',
        });
        return;
      }
      const h = top + plotH - y(v as number);
      shapes.push({ kind: 'rect', x: bx, y: y(v as number), w: bar - 2, h, fill: fill as string });
      shapes.push({
        kind: 'text',
        x: bx + bar / 2,
        y: y(v as number) - 4,
        text: String(v),
        size: 9.5,
        anchor: 'middle',
      });
    });
    shapes.push({
      kind: 'text',
      x: cx,
      y: H - bottom + 18,
      text: yr,
      size: 10.5,
      anchor: 'middle',
    });
  });
  xAxis(shapes, left, plotW, top + plotH);
  shapes.push({ kind: 'rect', x: W - 180, y: top, w: 14, h: 10, fill: '#c9301f' });
  shapes.push({ kind: 'text', x: W - 160, y: top + 9, text: labels.dead, size: 10 });
  shapes.push({ kind: 'rect', x: W - 180, y: top + 20, w: 14, h: 10, fill: '#1d4e89' });
  shapes.push({ kind: 'text', x: W - 160, y: top + 29, text: labels.missing, size: 10 });
  if (anySuppressed) {
    suppressedNote(shapes, left, H - 6, labels);
  }
  return {
    width: W,
    height: H,
    title: labels.title,
    description: `${labels.dead}, ${labels.missing}: ${years.join(', ')}`,
    shapes,
  };
}
