// The unloaded profile of each request kind: a few requests sent one at a time, with the SQL
// statements each ran and the time they spent in the database (what a slow kind is made of,
// independent of how busy the machine is).
import { appendFileSync } from 'node:fs';
import type { Database, Queryable } from '../../src/platform/db/index.js';
import type { PlannedKind } from './loadgen.js';

interface Recorded {
  sql: string;
  ms: number;
}

let recording: Recorded[] | undefined;

/** The database with every statement timed while a profile records (else untouched). */
export function profilingDatabase(db: Database): Database {
  const timed =
    <A extends unknown[], R>(run: (...a: A) => Promise<R>, sql: (...a: A) => string) =>
    async (...a: A): Promise<R> => {
      if (!recording) {
        return run(...a);
      }
      const sink = recording;
      const t = performance.now();
      try {
        return await run(...a);
      } finally {
        sink.push({ sql: sql(...a), ms: performance.now() - t });
      }
    };
  const wrap = (q: Queryable): Queryable => ({
    query: timed(
      (sql: string, params?: unknown[]) => q.query(sql, params),
      (sql) => sql,
    ),
    exec: timed(
      (sql: string) => q.exec(sql),
      (sql) => sql,
    ),
  });
  return { ...db, ...wrap(db), transaction: (work) => db.transaction((tx) => work(wrap(tx))) };
}

/** One kind's unloaded figures. */
export interface KindProfile {
  kind: string;
  ms: number;
  statements: number;
  dbMs: number;
  slowest: string;
}

/** Sends `n` requests of each kind one at a time (after one to warm up) and records them. */
export async function profileKinds(
  base: string,
  kinds: PlannedKind[],
  n = 5,
): Promise<KindProfile[]> {
  const out: KindProfile[] = [];
  for (const k of kinds) {
    const runs: { ms: number; rec: Recorded[] }[] = [];
    for (let i = 0; i <= n; i++) {
      const r = k.requests[(i * 13) % k.requests.length]!;
      const rec: Recorded[] = [];
      recording = rec;
      const t = performance.now();
      const res = await fetch(`${base}${r.path}`, {
        method: r.method,
        headers: {
          ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
          ...(r.body ? { 'content-type': 'application/json' } : {}),
        },
        body: r.body,
      });
      await res.arrayBuffer();
      const ms = performance.now() - t;
      recording = undefined;
      if (i > 0) {
        runs.push({ ms, rec });
      }
    }
    const median = <T>(xs: T[], f: (x: T) => number) =>
      xs.map(f).sort((a, b) => a - b)[xs.length >> 1]!;
    const all = runs.flatMap((r) => r.rec).sort((a, b) => b.ms - a.ms);
    // BENCH_SQL=file: the full text of each kind's statements slower than 20 ms, to study.
    if (process.env.BENCH_SQL) {
      const slow = all.filter((x) => x.ms > 20).slice(0, 5);
      appendFileSync(
        process.env.BENCH_SQL,
        slow.map((x) => `-- ${k.kind}: ${x.ms.toFixed(1)} ms\n${x.sql}\n`).join(''),
      );
    }
    out.push({
      kind: k.kind,
      ms: median(runs, (r) => r.ms),
      statements: median(runs, (r) => r.rec.length),
      dbMs: median(runs, (r) => r.rec.reduce((s, x) => s + x.ms, 0)),
      slowest: all[0]
        ? `${all[0].ms.toFixed(1)} ms: ${all[0].sql.replace(/\s+/g, ' ').slice(0, 160)}`
        : '',
    });
  }
  return out;
}
