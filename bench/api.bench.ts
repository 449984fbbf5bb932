// npm run bench:api — requests/s and p99 latency of an authenticated, audited read
// (GET /api/v1/users/:id as an administrator) beside a bare Express endpoint, in the same run.
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import type { Server } from 'node:http';
import autocannon from 'autocannon';
import express from 'express';
import { loadConfig } from '../src/config/index.js';
import { migrate, openPglite, openPostgres } from '../src/platform/db/index.js';
import type { Database, Queryable } from '../src/platform/db/index.js';
import { configureLogger } from '../src/platform/logger.js';
import { createServices } from '../src/container.js';
import { buildApp } from '../src/app.js';
import { verifyChain } from '../src/features/audit/index.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Seconds of unmeasured load before each case (JIT, caches, first-use loads). */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);

function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

/** The 1-minute load average, to read wall-clock figures by (other processes share the cores). */
const load = () => Number(loadavg()[0]!.toFixed(2));

async function measure(title: string, url: string, headers: Record<string, string> = {}) {
  // CPU of this process (server and load generator together) per request: the figure machine
  // load distorts least; the PostgreSQL server's own CPU is not in it.
  if (WARMUP > 0) {
    await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, headers });
  }
  const cpuBefore = process.cpuUsage();
  const statementsBefore = statements;
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  const cpu = process.cpuUsage(cpuBefore);
  const requests = Math.max(result.requests.total, 1);
  const line = {
    title,
    requestsPerSecond: Math.round(result.requests.average),
    cpuMicrosPerRequest: Math.round((cpu.user + cpu.system) / requests),
    // Including the background sealer's share; a transaction's BEGIN/COMMIT count as one.
    statementsPerRequest: Number(((statements - statementsBefore) / requests).toFixed(2)),
    loadAverage: load(),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  console.log(JSON.stringify(line));
  return line;
}

configureLogger({ level: 'silent' });
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
const opened = config.env.DATABASE_URL
  ? await openPostgres(config.env.DATABASE_URL)
  : await openPglite(undefined);
await migrate(opened);

// Statements the node runs (BEGIN and COMMIT of a transaction counted as one more): a figure
// that, unlike requests/s, the other processes on the machine cannot distort.
let statements = 0;
const counted = (q: Queryable): Queryable => ({
  query: (sql, params, options) => {
    statements += 1;
    return q.query(sql, params, options);
  },
  exec: (sql) => {
    statements += 1;
    return q.exec(sql);
  },
});
const db: Database = {
  ...opened,
  ...counted(opened),
  transaction: (work) => {
    statements += 1;
    return opened.transaction((tx) => work(counted(tx)));
  },
};
const services = createServices(db, config);

const org = await services.organisations.create(null, {
  name: `Bench authority ${Date.now()}`,
  kind: 'authority',
  country: 'IT',
});
const admin = await services.users.createAsSystem({
  email: `bench.admin.${Date.now()}@bench.test`,
  displayName: 'Bench admin',
  role: 'admin',
  country: 'IT',
  organisationId: org.id,
  password: 'bench password 1234',
  mfaExempt: true,
});
const target = await services.users.createAsSystem({
  email: `bench.target.${Date.now()}@bench.test`,
  displayName: 'Bench target',
  role: 'caseworker',
  country: 'IT',
  organisationId: org.id,
  password: 'bench password 1234',
  mfaExempt: true,
});
const { accessToken } = await services.auth.issueSession(admin.id);

const bare = express();
bare.get('/bare', (_req, res) => {
  res.json({ id: target.id, email: 'bare@example.org' });
});
const bareServer = await listen(bare);
const appServer = await listen(buildApp(services));
// As server.ts does: events are sealed into the chain in the background (ADR 0120).
services.audit.sealer.start();

console.log(
  `bench:api — ${DURATION}s per case after ${WARMUP}s warm-up, ${CONNECTIONS} connections, ` +
    `database ${db.kind}`,
);
const baseline = await measure('bare express endpoint', `${bareServer.url}/bare`);
const audited = await measure(
  'GET /api/v1/users/:id (token + session check + CASL + audited read)',
  `${appServer.url}/api/v1/users/${target.id}`,
  { authorization: `Bearer ${accessToken}` },
);
const backlogAtEnd = await services.audit.backlog();
await services.audit.sealer.stop();
const verification = await verifyChain(db);
const events = await db.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM audit_events WHERE action = 'read'`,
);
console.log(
  JSON.stringify({
    throughputRatio: Number((audited.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)),
    cpuRatio: Number((baseline.cpuMicrosPerRequest / audited.cpuMicrosPerRequest).toFixed(3)),
    p99Ratio: Number((audited.p99ms / Math.max(baseline.p99ms, 1)).toFixed(1)),
    auditedReadsRecorded: events[0]?.n,
    sealerBacklogAtEnd: backlogAtEnd,
    chainVerifies: verification.ok,
    chainLength: verification.checked,
  }),
);

bareServer.server.close();
appServer.server.close();
await db.close();
