// The figures bench:load prints: a table per request kind against the issue's targets
// (p99 ≤ 100 ms for reads, ≤ 250 ms for writes at 50 connections), the ratio to the bare
// endpoint of the same run, peak RSS, CPU time, load average and the seeding times.
import os from 'node:os';
import type { LoadOptions } from './options.js';
import type { KindResult, PlannedKind } from './loadgen.js';
import type { SeedTimes } from './seed.js';
import type { KindProfile } from './profile.js';

const READ_P99_MS = 100;
const WRITE_P99_MS = 250;

/** One phase's figures. */
export interface PhaseRun {
  results: KindResult[];
  cpuSeconds: number;
  loadAvg: number[];
  peakRssMb: number;
}

const perRequest = (p: PhaseRun) =>
  (
    (1000 * p.cpuSeconds) /
    Math.max(
      1,
      p.results.reduce((s, k) => s + k.requests, 0),
    )
  ).toFixed(2);

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

/** Prints the table and a JSON line with everything. */
export function printResults(r: {
  opts: LoadOptions;
  db: string;
  seeded: SeedTimes | undefined;
  bare: PhaseRun;
  app: PhaseRun;
  kinds: PlannedKind[];
  sealerBacklog: unknown;
}): void {
  const bareRps = r.bare.results[0]!.perSecond;
  const appRps = r.app.results.reduce((s, k) => s + k.perSecond, 0);
  const lines = [
    '',
    `bench:load — ${r.opts.size} reports, ${r.opts.connections} connections, ${r.opts.seconds} s, ` +
      `PostgreSQL database ${r.db}, ${os.cpus().length} cores, match worker ${r.opts.worker ? 'on' : 'off'}`,
    '',
    '| request kind | requests | req/s | p50 ms | p99 ms | target p99 | meets | non-2xx |',
    '|---|---|---|---|---|---|---|---|',
  ];
  let allMet = true;
  for (const k of r.app.results) {
    const write = r.kinds.find((x) => x.kind === k.kind)?.write ?? false;
    const target = write ? WRITE_P99_MS : READ_P99_MS;
    const bad = Object.entries(k.statuses)
      .filter(([s]) => !s.startsWith('2'))
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    const met = k.p99 <= target && !bad;
    allMet &&= met;
    lines.push(
      `| ${k.kind} | ${k.requests} | ${fmt(k.perSecond)} | ${fmt(k.p50)} | ${fmt(k.p99)} | ` +
        `≤ ${target} | ${met ? 'yes' : 'NO'} | ${bad || '0'} |`,
    );
  }
  const b = r.bare.results[0]!;
  lines.push(
    `| all application requests | ${r.app.results.reduce((s, k) => s + k.requests, 0)} | ` +
      `${fmt(appRps)} | | | | | |`,
    `| bare Express endpoint | ${b.requests} | ${fmt(bareRps)} | ${fmt(b.p50)} | ${fmt(b.p99)} | | | |`,
    '',
    `ratio application / bare: ${(appRps / bareRps).toFixed(3)}; every target met: ${allMet ? 'yes' : 'NO'}`,
    `peak RSS (process: application + load generator thread): ${r.app.peakRssMb} MB ` +
      `(bare phase ${r.bare.peakRssMb} MB)`,
    `CPU time of the process (application and generator threads): bare phase ` +
      `${r.bare.cpuSeconds.toFixed(1)} s = ${perRequest(r.bare)} ms a request, application phase ` +
      `${r.app.cpuSeconds.toFixed(1)} s = ${perRequest(r.app)} ms a request (wall ${r.opts.seconds} s each)`,
    `load average (1/5/15 min) before → after the application phase: ` +
      `${r.app.loadAvg.slice(0, 3).join(' ')} → ${r.app.loadAvg.slice(3).join(' ')}`,
    `audit sealer backlog at the end: ${JSON.stringify(r.sealerBacklog)}`,
  );
  if (r.seeded) {
    const a = r.seeded.agreement;
    lines.push(
      `seeding: ${r.seeded.totalSeconds} s (${Object.entries(r.seeded.steps)
        .map(([k, v]) => `${k} ${v} s`)
        .join('; ')})`,
      `agreement with the application: name index of ${a.reportsAgree}/${a.reports} sampled ` +
        `reports as its normaliser builds it; custody chains of ${a.remainsVerify}/${a.remains} ` +
        `sampled remains verify`,
    );
  }
  console.log(lines.join('\n'));
  console.log(
    JSON.stringify({
      size: r.opts.size,
      connections: r.opts.connections,
      bareRps: Math.round(bareRps),
      appRps: Math.round(appRps),
      ratio: Number((appRps / bareRps).toFixed(3)),
      kinds: r.app.results.map((k) => ({ ...k, perSecond: Math.round(k.perSecond) })),
      peakRssMb: r.app.peakRssMb,
      cpuSeconds: r.app.cpuSeconds,
      loadAvg: r.app.loadAvg,
      seeding: r.seeded,
    }),
  );
}

/** Prints the unloaded profile: one request at a time, its statements and database time. */
export function printProfile(profile: KindProfile[]): void {
  const lines = [
    '',
    'unloaded, one request at a time (median of 5):',
    '| request kind | ms | SQL statements | ms in SQL | slowest statement |',
    '|---|---|---|---|---|',
    ...profile.map(
      (p) => `| ${p.kind} | ${fmt(p.ms)} | ${p.statements} | ${fmt(p.dbMs)} | ${p.slowest} |`,
    ),
  ];
  console.log(lines.join('\n'));
}
