// The dangerous-routes map: land, coasts and borders from Natural Earth (the world-atlas npm
// package, read from disk: no tile server, no network), the main Mediterranean and Atlantic
// routes, and the published grid cells of incidents, recovery points and last-seen places.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Drawing, Shape } from './statistics.drawing.js';
import type { MapLayer } from './statistics.service.js';

const require = createRequire(import.meta.url);
let world: Topology<{ countries: GeometryCollection }> | undefined;

function loadWorld() {
  world ??= JSON.parse(
    readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
  ) as Topology<{ countries: GeometryCollection }>;
  return world;
}

/**
 * The main routes towards Europe as reference lines (approximate corridors, not tracks):
 * [longitude, latitude] from departure to arrival.
 */
export const ROUTES: { name: string; line: [number, number][] }[] = [
  {
    name: 'Central Mediterranean',
    line: [
      [13.19, 32.89],
      [12.4, 34.2],
      [12.6, 35.5],
      [13.6, 37.0],
    ],
  },
  {
    name: 'Central Mediterranean (from Tunisia)',
    line: [
      [10.76, 34.74],
      [11.9, 35.2],
      [12.6, 35.5],
    ],
  },
  {
    name: 'Western Mediterranean',
    line: [
      [-2.93, 35.17],
      [-2.6, 36.0],
      [-2.46, 36.84],
    ],
  },
  {
    name: 'Eastern Mediterranean',
    line: [
      [26.9, 38.42],
      [26.4, 38.9],
      [26.55, 39.1],
    ],
  },
  {
    name: 'Atlantic (to the Canary Islands)',
    line: [
      [-15.93, 23.68],
      [-16.8, 25.8],
      [-15.9, 27.5],
      [-15.43, 28.1],
    ],
  },
];

/** Map classes of a count (never the exact count): threshold-based bands. */
export function countClass(value: number, threshold: number): { label: string; step: number } {
  const bounds = [threshold, threshold * 2, threshold * 5, threshold * 20];
  const step = bounds.filter((b) => value >= b).length;
  const lo = bounds[step - 1] ?? threshold;
  const hi = bounds[step];
  return { label: hi === undefined ? `${lo}+` : `${lo}–${hi - 1}`, step };
}

const INCIDENT_FILL = ['#fde0c5', '#fdb27c', '#f4733c', '#c9301f', '#7f0c10'];
const W = 900;
const H = 600;
const EXTENT: [[number, number], [number, number]] = [
  [-19, 23],
  [37, 46],
];

/** Labels of the map in the reader's language. */
export interface MapLabels {
  title: string;
  incidents: string;
  recoveries: string;
  lastSeen: string;
  routes: string;
  hotspots: string;
  cellNote: string;
  source: string;
}

function cellPath(project: GeoProjection, lat: number, lon: number, s: number): string {
  const corners = [
    [lon, lat],
    [lon + s, lat],
    [lon + s, lat + s],
    [lon, lat + s],
  ].map((c) => project(c as [number, number])!);
  return `M${corners.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L')}Z`;
}

/**
 * Draws the map. Cells show classes of counts (at least the threshold), never exact figures;
 * the five cells with the most dead and missing are numbered as hotspots.
 */
export function drawMap(
  layers: MapLayer[],
  cell: number,
  threshold: number,
  labels: MapLabels,
): Drawing {
  const topo = loadWorld();
  const projection = geoMercator()
    .fitExtent(
      [
        [0, 0],
        [W, H],
      ],
      { type: 'MultiPoint', coordinates: EXTENT },
    )
    .clipExtent([
      [0, 0],
      [W, H],
    ]);
  const path = geoPath(projection).digits(1);
  const shapes: Shape[] = [{ kind: 'rect', x: 0, y: 0, w: W, h: H, fill: '#dcebf5' }];
  const countries = feature(topo, topo.objects.countries);
  shapes.push({ kind: 'path', d: path(countries) ?? '', fill: '#f2efe6' });
  shapes.push({
    kind: 'path',
    d: path(mesh(topo, topo.objects.countries, (a, b) => a !== b)) ?? '',
    stroke: '#a39f94',
    width: 0.6,
  });
  shapes.push({
    kind: 'path',
    d: path(mesh(topo, topo.objects.countries, (a, b) => a === b)) ?? '',
    stroke: '#6f8aa0',
    width: 0.8,
  });
  const layer = (kind: MapLayer['kind']) => layers.find((l) => l.kind === kind)?.cells ?? [];
  for (const c of layer('incidents')) {
    const { step } = countClass(c.value, threshold);
    shapes.push({
      kind: 'path',
      d: cellPath(projection, c.lat, c.lon, cell),
      fill: INCIDENT_FILL[step]!,
      stroke: '#ffffff',
      width: 0.5,
      opacity: 0.9,
    });
  }
  for (const r of ROUTES) {
    shapes.push({
      kind: 'path',
      d: path({ type: 'LineString', coordinates: r.line }) ?? '',
      stroke: '#1d4e89',
      width: 2,
      dash: [6, 4],
    });
  }
  const centre = (c: { lat: number; lon: number }) =>
    projection([c.lon + cell / 2, c.lat + cell / 2])!;
  for (const c of layer('recoveries')) {
    const [x, y] = centre(c);
    const { step } = countClass(c.value, threshold);
    shapes.push({ kind: 'circle', cx: x, cy: y, r: 3 + step * 2, fill: '#5b2a86', opacity: 0.75 });
  }
  for (const c of layer('lastSeen')) {
    const [x, y] = centre(c);
    const { step } = countClass(c.value, threshold);
    const r = 4 + step * 2;
    shapes.push({
      kind: 'path',
      d: `M${x},${y - r}L${x + r},${y}L${x},${y + r}L${x - r},${y}Z`,
      stroke: '#0b6e4f',
      width: 1.8,
    });
  }
  const hotspots = [...layer('incidents')]
    .sort((a, b) => b.value - a.value || a.lat - b.lat || a.lon - b.lon)
    .slice(0, 5);
  hotspots.forEach((c, i) => {
    const [x, y] = centre(c);
    shapes.push({
      kind: 'circle',
      cx: x,
      cy: y,
      r: 11,
      fill: '#ffffff',
      stroke: '#7f0c10',
      width: 1.5,
    });
    shapes.push({
      kind: 'text',
      x,
      y: y + 4,
      text: String(i + 1),
      size: 11,
      anchor: 'middle',
      bold: true,
      fill: '#7f0c10',
    });
  });
  for (const r of ROUTES) {
    const [x, y] = projection(r.line[0]!)!;
    shapes.push({ kind: 'text', x: x + 4, y: y + 14, text: r.name, size: 10, fill: '#1d4e89' });
  }
  // Title, legend and source on a light panel.
  shapes.push({ kind: 'rect', x: 8, y: 8, w: 330, h: 26, fill: '#ffffff', opacity: 0.85 });
  shapes.push({ kind: 'text', x: 16, y: 26, text: labels.title, size: 14, bold: true });
  const lx = W - 308;
  const ly = H - 150;
  shapes.push({ kind: 'rect', x: lx, y: ly, w: 300, h: 142, fill: '#ffffff', opacity: 0.9 });
  shapes.push({
    kind: 'text',
    x: lx + 8,
    y: ly + 16,
    text: labels.incidents,
    size: 10,
    bold: true,
  });
  [1, 2, 3, 4].forEach((step, i) => {
    const x = lx + 8 + i * 72;
    const lo = [threshold, threshold * 2, threshold * 5, threshold * 20][step - 1]!;
    shapes.push({ kind: 'rect', x, y: ly + 22, w: 16, h: 12, fill: INCIDENT_FILL[step]! });
    shapes.push({
      kind: 'text',
      x: x + 19,
      y: ly + 32,
      text: countClass(lo, threshold).label,
      size: 9,
    });
  });
  shapes.push({ kind: 'circle', cx: lx + 14, cy: ly + 50, r: 5, fill: '#5b2a86', opacity: 0.75 });
  shapes.push({ kind: 'text', x: lx + 26, y: ly + 54, text: labels.recoveries, size: 10 });
  shapes.push({
    kind: 'path',
    d: `M${lx + 14},${ly + 62}L${lx + 20},${ly + 68}L${lx + 14},${ly + 74}L${lx + 8},${ly + 68}Z`,
    stroke: '#0b6e4f',
    width: 1.8,
  });
  shapes.push({ kind: 'text', x: lx + 26, y: ly + 72, text: labels.lastSeen, size: 10 });
  shapes.push({
    kind: 'path',
    d: `M${lx + 8},${ly + 86}L${lx + 22},${ly + 86}`,
    stroke: '#1d4e89',
    width: 2,
    dash: [6, 4],
  });
  shapes.push({ kind: 'text', x: lx + 26, y: ly + 90, text: labels.routes, size: 10 });
  shapes.push({
    kind: 'text',
    x: lx + 8,
    y: ly + 110,
    text: labels.cellNote,
    size: 8.5,
    fill: '#444',
  });
  shapes.push({
    kind: 'text',
    x: lx + 8,
    y: ly + 126,
    text: labels.source,
    size: 8.5,
    fill: '#444',
  });
  const fmt = (v: number, pos: string, neg: string) => `${Math.abs(v)}°${v >= 0 ? pos : neg}`;
  if (hotspots.length > 0) {
    const hx = W - 250;
    shapes.push({
      kind: 'rect',
      x: hx,
      y: 8,
      w: 242,
      h: 24 + hotspots.length * 16,
      fill: '#ffffff',
      opacity: 0.9,
    });
    shapes.push({ kind: 'text', x: hx + 8, y: 24, text: labels.hotspots, size: 10, bold: true });
    hotspots.forEach((c, i) => {
      shapes.push({
        kind: 'text',
        x: hx + 8,
        y: 40 + i * 16,
        text: `${i + 1}. ${fmt(c.lat, 'N', 'S')} ${fmt(c.lon, 'E', 'W')}: ${countClass(c.value, threshold).label}`,
        size: 9.5,
      });
    });
  }
  return {
    width: W,
    height: H,
    title: labels.title,
    description: `${labels.incidents}; ${labels.recoveries}; ${labels.lastSeen}. ${labels.cellNote}`,
    shapes,
  };
}
