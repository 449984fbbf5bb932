// The load generator's thread: `connections` keep-alive clients, each sending one request at a
// time, drawn by weight from the plan's kinds, for `seconds` after a warm-up; it posts back
// every request's latency by kind. Run in a worker thread so it does not share the
// application's event loop.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { KindResult, Plan, PlannedRequest } from './loadgen.js';

const plan = workerData as Plan;
const agent = new http.Agent({ keepAlive: true, maxSockets: plan.connections });
const url = new URL(plan.base);

function send(r: PlannedRequest): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        headers: {
          ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
          ...(r.body ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(r.body);
  });
}

const total = plan.kinds.reduce((s, k) => s + k.weight, 0);
function pick() {
  let x = Math.random() * total;
  for (const k of plan.kinds) {
    x -= k.weight;
    if (x < 0) {
      return k;
    }
  }
  return plan.kinds.at(-1)!;
}

const latencies = new Map<string, number[]>();
const statuses = new Map<string, Record<string, number>>();
const start = performance.now();
const measureFrom = start + plan.warmupSeconds * 1000;
const end = measureFrom + plan.seconds * 1000;

async function client() {
  while (performance.now() < end) {
    const kind = pick();
    const r = kind.requests[Math.floor(Math.random() * kind.requests.length)]!;
    const t = performance.now();
    const status = await send(r);
    if (t >= measureFrom) {
      const ms = performance.now() - t;
      (latencies.get(kind.kind) ?? latencies.set(kind.kind, []).get(kind.kind)!).push(ms);
      const s = statuses.get(kind.kind) ?? statuses.set(kind.kind, {}).get(kind.kind)!;
      s[status] = (s[status] ?? 0) + 1;
    }
  }
}

await Promise.all(Array.from({ length: plan.connections }, client));
agent.destroy();
const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
const results: KindResult[] = plan.kinds.map((k) => {
  const xs = (latencies.get(k.kind) ?? []).sort((a, b) => a - b);
  return {
    kind: k.kind,
    requests: xs.length,
    perSecond: xs.length / plan.seconds,
    p50: xs.length ? q(xs, 0.5) : NaN,
    p99: xs.length ? q(xs, 0.99) : NaN,
    statuses: statuses.get(k.kind) ?? {},
  };
});
parentPort?.postMessage(results);
