// npm run bench:load [-- --size=1000000 --keep=ariadne_load --seconds=20 --connections=50]
// A national node on PostgreSQL (seeded: `size` reports, size/5 remains, custody chains,
// candidates, the three personas), then a mix of family, caseworker and forensic requests
// over HTTP with real sessions at `connections` connections: requests/s and p50/p99 per kind,
// the ratio to a bare Express endpoint measured in the same run, peak RSS, CPU and load.
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { loadConfig } from '../../src/config/index.js';
import { migrate, openDatabase } from '../../src/platform/db/index.js';
import { configureLogger } from '../../src/platform/logger.js';
import { createServices } from '../../src/container.js';
import { rebuildNameIndex } from '../../src/features/reports/index.js';
import { buildApp } from '../../src/app.js';
import { startMatchWorker } from '../../src/match-thread.js';
import { loadOptions } from './options.js';
import { databaseUrl, dropDatabase, ensureDatabase } from './database.js';
import { poolFor, seedNode, type SeedTimes } from './seed.js';
import { loginAll } from './world.js';
import { requestMix } from './mix.js';
import { runLoad, type KindResult, type PlannedKind } from './loadgen.js';
import { printProfile, printResults } from './report.js';
import { profileKinds, profilingDatabase } from './profile.js';

const opts = loadOptions();
const name = opts.keep ?? `ariadne_load_${process.pid}`;
const existed = await ensureDatabase(opts.server, name);
const url = databaseUrl(opts.server, name);
const dataDir = mkdtempSync(join(os.tmpdir(), 'ariadne-load-'));
try {
  await run();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  if (!opts.keep) {
    await dropDatabase(opts.server, name);
  }
}

function listen(app: express.Express): Promise<{ close: () => void; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ close: () => server.close(), url: `http://127.0.0.1:${port}` });
    });
  });
}

/** Seeds (or reuses) the node, runs both phases and prints the figures. */
async function run() {
  // As src/bootstrap.ts does, with every statement timed while a profile records.
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    // Stable per database, so a kept node opens the signing keys it sealed.
    ARIADNE_SECRET: `bench-load-${name}-secret-not-for-production-use`,
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    LOGIN_RATE_LIMIT: '10000',
  });
  configureLogger({ level: 'silent' });
  const raw = await openDatabase(config.env);
  await migrate(raw);
  await rebuildNameIndex(raw);
  const db = profilingDatabase(raw);
  const services = createServices(db, config);
  await services.keys.activeSigner();

  const appServer = await listen(buildApp(services));
  const [held] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reports`);
  let seeded: SeedTimes | undefined;
  if (held!.n === 0) {
    console.log(`bench:load — seeding ${opts.size} reports into ${name}`);
    seeded = await seedNode(url, db, services, appServer.url, opts.size, opts.seed);
  } else if (!existed || held!.n < opts.size) {
    throw new Error(
      `${name} holds ${held!.n} reports, fewer than --size=${opts.size}: drop it first`,
    );
  } else {
    console.log(`bench:load — reusing ${name} (${held!.n} reports)`);
  }
  // As server.ts does: the match worker (its own thread on PostgreSQL, ADR 0138) and the audit
  // sealer run beside the requests.
  const matchWorker = opts.worker ? startMatchWorker(services, config) : undefined;
  services.audit.sealer.start();

  const who = await loginAll(appServer.url, db);
  const kinds = await requestMix(db, who, poolFor(opts.size, opts.seed));
  const bare = express();
  bare.get('/bare', (_req, res) => {
    res.json({ id: '00000000-0000-4000-8000-000000000000', status: 'received' });
  });
  const bareServer = await listen(bare);
  printProfile(await profileKinds(appServer.url, kinds));

  const phase = async (base: string, plan: PlannedKind[]) => {
    // CPU time and load from the end of the warm-up (the generator measures from there too).
    const warmup = 3;
    let cpu = process.cpuUsage();
    let load = os.loadavg();
    const measuring = setTimeout(() => {
      cpu = process.cpuUsage();
      load = os.loadavg();
    }, warmup * 1000);
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 200);
    const results: KindResult[] = await runLoad({
      base,
      connections: opts.connections,
      warmupSeconds: warmup,
      seconds: opts.seconds,
      kinds: plan,
    });
    clearInterval(sampler);
    clearTimeout(measuring);
    const used = process.cpuUsage(cpu);
    return {
      results,
      cpuSeconds: (used.user + used.system) / 1e6,
      loadAvg: [...load, ...os.loadavg()].map((x) => Number(x.toFixed(2))),
      peakRssMb: Math.round(peakRss / 1048576),
    };
  };

  const bareRun = await phase(bareServer.url, [
    {
      kind: 'bare express endpoint',
      write: false,
      weight: 1,
      requests: [{ method: 'GET', path: '/bare' }],
    },
  ]);
  const appRun = await phase(appServer.url, kinds);
  const backlog = await services.audit.backlog();
  printResults({
    opts,
    db: name,
    seeded,
    bare: bareRun,
    app: appRun,
    kinds,
    sealerBacklog: backlog,
  });

  bareServer.close();
  appServer.close();
  await matchWorker?.stop();
  await services.audit.sealer.stop();
  await db.close();
}
