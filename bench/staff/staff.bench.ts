// npm run bench:staff — every staff console page on the demo data (scripts/seed-demo.ts, with
// the statistics seed's volume and the matching worker run): bytes a browser transfers for it
// (the document with its headers, plus the stylesheet, cache off) and server time p50/p95 over
// repeated requests to the in-process app (no network). Targets: ≤ 150 KB, p95 ≤ 100 ms.
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { writeFileSync } from 'node:fs';
import { recordStatements, startTestNode, stopTestNode, testNode } from '../../test/node.js';
import { seedFeatures, seedIdentity } from '../../scripts/seed-demo.js';
import { DEMO_PASSWORD } from '../../scripts/seed/demo-password.js';
import { seedStatistics } from '../../scripts/seed/statistics.seed.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = 5;
const MAX_BYTES = 150 * 1024;
const MAX_P95_MS = 100;

async function login(email: string) {
  const agent = request.agent(testNode().app);
  const page = await agent.get('/staff/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  const res = await agent
    .post('/staff/login')
    .type('form')
    .send({ _csrf: csrf, email, password: DEMO_PASSWORD, next: '/staff' });
  if (res.status !== 303) {
    throw new Error(`login ${email}: ${res.status}`);
  }
  return agent;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function main() {
  await startTestNode();
  const { services, db } = testNode();
  const t0 = performance.now();
  await seedIdentity(services);
  await seedFeatures(services);
  await seedStatistics(services);
  await services.matching.worker.runOnce();
  const seeded = Math.round(performance.now() - t0);
  const one = async (sql: string, params: unknown[] = []) =>
    (await db.query<{ id: string }>(sql, params))[0]?.id;
  const remainsId = await one(
    `SELECT r.id FROM remains r JOIN match_candidates c ON c.remains_id = r.id
     WHERE r.country = 'IT' ORDER BY c.score DESC LIMIT 1`,
  );
  const candidateId = await one(
    `SELECT id FROM match_candidates WHERE country = 'IT' ORDER BY score DESC LIMIT 1`,
  );
  const reportId = await one(
    `SELECT id FROM reports WHERE country = 'IT' ORDER BY created_at LIMIT 1`,
  );
  const assigned = await one(
    `SELECT a.report_id AS id FROM report_assignments a
     JOIN contact_point_staff s ON s.contact_point_id = a.contact_point_id
     JOIN users u ON u.id = s.user_id
     WHERE u.email = 'contact_point.it@demo.test' LIMIT 1`,
  );
  const buried = await db.query<{ cemetery: string }>(
    `SELECT e.burial->>'cemetery' AS cemetery FROM custody_events e JOIN remains r ON r.id = e.remains_id
     WHERE e.kind = 'buried' AND r.country = 'IT' LIMIT 1`,
  );
  const cemetery = buried[0] ? encodeURIComponent(buried[0].cemetery) : undefined;
  const counts = await db.query<{
    reports: number;
    remains: number;
    candidates: number;
    audit: number;
  }>(
    `SELECT (SELECT count(*)::int FROM reports) AS reports, (SELECT count(*)::int FROM remains) AS remains,
       (SELECT count(*)::int FROM match_candidates) AS candidates,
       (SELECT count(*)::int FROM audit_events) AS audit`,
  );
  const css = await request(testNode().app).get('/assets/portal.css');
  const cssBytes = Buffer.byteLength(css.text) + 200;

  const pages: [string, string, string | undefined][] = [
    ['forensic.it@demo.test', '/staff', 'x'],
    ['forensic.it@demo.test', '/staff/remains', 'x'],
    ['forensic.it@demo.test', `/staff/remains/${remainsId}`, remainsId],
    ['forensic.it@demo.test', `/staff/candidates/${candidateId}`, candidateId],
    ['forensic.it@demo.test', '/staff/reports?name=Mohamed', 'x'],
    ['forensic.it@demo.test', '/staff/remains/new', 'x'],
    ['forensic.it@demo.test', `/staff/remains/${remainsId}/photos`, remainsId],
    ['forensic.it@demo.test', `/staff/candidates/${candidateId}/lab`, candidateId],
    ['forensic.it@demo.test', `/staff/burial-register?cemetery=${cemetery}`, cemetery],
    ['caseworker.it@demo.test', '/staff/intake/person', 'x'],
    ['caseworker.it@demo.test', '/staff/intake/consent', 'x'],
    ['caseworker.it@demo.test', `/staff/reports/${reportId}/consent`, reportId],
    ['caseworker.it@demo.test', `/staff/reports/${reportId}/family-view`, reportId],
    ['caseworker.it@demo.test', '/staff', 'x'],
    ['caseworker.it@demo.test', '/staff/reports?name=%D9%85%D8%AD%D9%85%D8%AF', 'x'],
    ['caseworker.it@demo.test', '/staff/reports?status=under_search&sex=male', 'x'],
    ['caseworker.it@demo.test', `/staff/reports/${reportId}`, reportId],
    ['contact_point.it@demo.test', '/staff/cases', 'x'],
    ['contact_point.it@demo.test', `/staff/cases/${assigned}`, assigned],
    ['auditor.it@demo.test', '/staff/audit', 'x'],
    ['auditor.it@demo.test', '/staff/audit/verify', 'x'],
    ['admin.it@demo.test', '/staff/users', 'x'],
    ['contact_point.it@demo.test', '/staff/cross-border', 'x'],
    ['contact_point.it@demo.test', '/staff/disclosures', 'x'],
    ['auditor.it@demo.test', '/staff/audit/checkpoints', 'x'],
    ['auditor.it@demo.test', `/staff/audit/access?type=reports&id=${reportId}`, reportId],
    ['admin.it@demo.test', '/staff/federation', 'x'],
    ['admin.it@demo.test', '/staff/contact-points', 'x'],
  ];
  // BENCH_SQL=file writes the statements of one request to each page (to see where time goes).
  const sqlLog: string[] = [];
  const agents = new Map<string, request.Agent>();
  const rows: {
    who: string;
    path: string;
    bytes: number;
    gzip: number;
    p50: number;
    p95: number;
    status: number;
    statements: number;
  }[] = [];
  for (const [email, path, needed] of pages) {
    if (!needed) {
      console.log(`skipped ${path}: no such record in the demo data`);
      continue;
    }
    let agent = agents.get(email);
    if (!agent) {
      agent = await login(email);
      agents.set(email, agent);
    }
    const times: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const s = performance.now();
      last = await agent.get(path);
      if (i >= WARMUP) {
        times.push(performance.now() - s);
      }
    }
    times.sort((a, b) => a - b);
    const sql = await recordStatements(() => agent.get(path));
    if (process.env.BENCH_SQL) {
      sqlLog.push(`### ${path} (${sql.length})`, ...sql.map((q) => q.replace(/\s+/g, ' ')));
    }
    const headers = Object.entries(last!.headers)
      .map(([k, v]) => `${k}: ${String(v)}\r\n`)
      .join('');
    rows.push({
      who: email.split('@')[0]!,
      path: path.length > 48 ? `${path.slice(0, 45)}…` : path,
      bytes: Buffer.byteLength(last!.text) + Buffer.byteLength(headers) + cssBytes,
      gzip: gzipSync(last!.text).length,
      p50: quantile(times, 0.5),
      p95: quantile(times, 0.95),
      status: last!.status,
      statements: sql.length,
    });
  }
  // The whole-chain verification is an action (POST), not a page view: its cost grows with the
  // trail, so it is printed on its own with the number of events walked.
  const auditor = agents.get('auditor.it@demo.test')!;
  const form = await auditor.get('/staff/audit/verify');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
  const walks: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    await auditor.post('/staff/audit/verify').type('form').send({ _csrf: csrf });
    walks.push(performance.now() - s);
  }
  walks.sort((a, b) => a - b);
  const [{ events }] = (await db.query<{ events: number }>(
    'SELECT count(*)::int AS events FROM audit_events',
  )) as [{ events: number }];
  await stopTestNode();
  if (process.env.BENCH_SQL) {
    writeFileSync(process.env.BENCH_SQL, sqlLog.join('\n'));
  }

  const c = counts[0]!;
  console.log(
    `staff console on the demo data (seeded in ${seeded} ms: ${c.reports} reports, ${c.remains} remains, ${c.candidates} candidates, ${c.audit} audit events); ${RUNS} requests per page after ${WARMUP} warm-up, in-process, shared 2-core machine`,
  );
  console.log(
    `${'role'.padEnd(18)} ${'page'.padEnd(49)} status   bytes (gzip doc)   p50 ms   p95 ms  SQL  p50 × cheapest`,
  );
  // Absolute times on a loaded machine mean little; the ratio to the cheapest page of the same run
  // says how much work a page does.
  const cheapest = Math.min(...rows.map((r) => r.p50));
  for (const r of rows) {
    console.log(
      `${r.who.padEnd(18)} ${r.path.padEnd(49)} ${String(r.status).padStart(6)} ${String(r.bytes).padStart(7)} (${String(r.gzip).padStart(6)}) ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${String(r.statements).padStart(4)} ${(r.p50 / cheapest).toFixed(1).padStart(8)}`,
    );
  }
  console.log(
    `action: verify the whole audit chain (POST /staff/audit/verify, ${events} events): p50 ${quantile(walks, 0.5).toFixed(1)} ms, max ${walks.at(-1)!.toFixed(1)} ms`,
  );
  const heaviest = Math.max(...rows.map((r) => r.bytes));
  const slowest = Math.max(...rows.map((r) => r.p95));
  console.log(
    `heaviest page: ${(heaviest / 1024).toFixed(1)} KB (target ≤ ${MAX_BYTES / 1024} KB); slowest p95: ${slowest.toFixed(1)} ms (target ≤ ${MAX_P95_MS} ms)`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
