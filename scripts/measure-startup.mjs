// Start-up time of `npm start` (scripts/start.mjs): wall time to the first answer of /health and
// the CPU time the server process used until then (from /proc, the figure machine load distorts
// least), first on an empty data folder, then on the same folder again (existing), each `--runs`
// times. Embedded PGlite only (DATABASE_URL is removed). Usage:
//   node scripts/measure-startup.mjs [--runs 3] [--port 3555]
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, port: { type: 'string', default: '3555' } },
});
const runs = Number(values.runs);
const port = Number(values.port);
const TICKS = 100; // USER_HZ on Linux

/**
 * CPU seconds a process used so far (user + system, its own and its reaped children's).
 * @param {number} pid
 */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state(0) … utime(11) stime(12) cutime(13) cstime(14).
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
  return (utime + stime + cutime + cstime) / TICKS;
}

/** Whether /health answers 200 on the port. */
function healthy() {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/health' }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
  });
}

/**
 * Starts the server on a data folder, waits for /health, stops it; returns wall and CPU seconds.
 * @param {string} dataDir
 */
async function startOnce(dataDir) {
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  env.LOG_LEVEL = 'warn';
  delete env.DATABASE_URL;
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  const gone = new Promise((resolve) => child.once('exit', () => resolve((exited = true))));
  try {
    for (;;) {
      if (exited) {
        throw new Error('the server exited before answering /health');
      }
      if (await healthy()) {
        break;
      }
      await sleep(20);
    }
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    return { wall, cpu: cpuSeconds(child.pid ?? 0) };
  } finally {
    child.kill('SIGTERM');
    await gone;
  }
}

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const empty = [];
const existing = [];
for (let i = 0; i < runs; i += 1) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ariadne-startup-'));
  try {
    empty.push(await startOnce(dataDir));
    existing.push(await startOnce(dataDir));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`start-up of npm start to /health (${runs} runs each, load ${load})`);
for (const [name, xs] of /** @type {const} */ ([
  ['empty data folder', empty],
  ['existing data folder', existing],
])) {
  const walls = xs.map((x) => x.wall.toFixed(2)).join(' ');
  const cpus = xs.map((x) => x.cpu.toFixed(2)).join(' ');
  console.log(
    `${name.padEnd(21)} wall median ${median(xs.map((x) => x.wall)).toFixed(2)} s (${walls}); ` +
      `CPU median ${median(xs.map((x) => x.cpu)).toFixed(2)} s (${cpus})`,
  );
}
