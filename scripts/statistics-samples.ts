// Renders the statistics samples into docs/samples/: seeds the demo into a fresh embedded
// database, then draws the analyst map and charts as SVG and PNG (sharp), the public map in
// Arabic and English, and the PDF brief (and its pages as PNG when pdftoppm is installed).
// Usage: npx tsx scripts/statistics-samples.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { bootstrap } from '../src/bootstrap.js';
import { buildAbility, type Actor } from '../src/platform/authz/index.js';
import { POLICIES } from '../src/container.js';
import { findUserByEmail } from '../src/features/users/index.js';
import { toSvg, type Drawing } from '../src/features/statistics/statistics.drawing.js';
import {
  analystFigures,
  mapDrawing,
  publicFigures,
  renderBrief,
  routeChart,
  yearChart,
} from '../src/features/statistics/statistics.figures.js';
import { statLabels } from '../src/features/statistics/statistics.labels.js';
import { seedFeatures, seedIdentity } from './seed-demo.js';
import { seedStatistics } from './seed/statistics.seed.js';

const out = join(import.meta.dirname, '..', 'docs', 'samples');

async function save(name: string, drawing: Drawing) {
  const svg = toSvg(drawing);
  writeFileSync(join(out, `${name}.svg`), svg);
  await sharp(Buffer.from(svg), { density: 110 })
    .png()
    .toFile(join(out, `${name}.png`));
}

async function main() {
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'ariadne-stat-samples-'));
  const { db, services } = await bootstrap({ ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' });
  try {
    await seedIdentity(services);
    const t0 = Date.now();
    await seedFeatures(services);
    await seedStatistics(services);
    console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const user = await findUserByEmail(db, 'analyst.it@demo.test');
    if (!user?.organisationId) {
      throw new Error('no demo analyst');
    }
    const facts = {
      id: user.id,
      role: user.role,
      country: 'IT',
      organisationId: user.organisationId,
      sessionId: 'samples',
      requestId: 'samples',
    };
    const actor: Actor = { ...facts, ability: buildAbility(facts, POLICIES) };
    const en = statLabels('en');
    const f = await analystFigures(services.statistics, actor, 1);
    await save('statistics-map', mapDrawing(f, en));
    await save('statistics-routes', routeChart(f, en));
    await save('statistics-years', yearChart(f, en));
    const pub = await publicFigures(services.statistics, 'IT', 1);
    await save('statistics-public-map', mapDrawing(pub, en));
    await save('statistics-public-routes-fr', routeChart(pub, statLabels('fr')));
    const pdf = await renderBrief(f, new Date());
    writeFileSync(join(out, 'statistics-brief.pdf'), pdf);
    const ppm = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      join(out, 'statistics-brief.pdf'),
      join(out, 'statistics-brief'),
    ]);
    console.log(ppm.status === 0 ? 'brief pages rendered' : 'pdftoppm not available');
    console.log(JSON.stringify(f.summary, null, 1));
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
