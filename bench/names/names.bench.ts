// npm run bench:names — multilingual name search benchmark (issue 11). Prints top-1, top-5,
// MRR and not-found per script pair for the project's search and for the naive baseline,
// nickname queries apart (not expected), and search latency at 5,000 and 50,000 reports.
// PostgreSQL when reachable (PG_ADMIN_URL or DATABASE_URL, a database created and dropped),
// else PGlite; --pg requires PostgreSQL, --pglite forces PGlite, --quick skips the 50,000 run,
// --every=N runs every N-th query, --failures lists the queries not ranked first; --keep=NAME
// seeds a kept PostgreSQL database once and reuses it, --large-only runs only the 50,000 set,
// --explain=N prints EXPLAIN ANALYZE of the candidate statement for the first N queries.
// Beside wall-clock latency (the machine may be busy) it prints machine-independent work per
// query: SQL statements and candidates aligned in full.
import os from 'node:os';
import pg from 'pg';
import { configureLogger } from '../../src/platform/logger.js';
import {
  migrate,
  openPglite,
  openPostgres,
  type Database,
  type QueryOptions,
} from '../../src/platform/db/index.js';
import { searchReports } from '../../src/features/reports/reports.search.js';
import { searchQueryLine } from '../../src/features/reports/reports.names.js';
import { rebuildNameIndex } from '../../src/features/reports/reports.names.rebuild.js';
import { BaselineIndex } from './baseline.js';
import { decoys, peopleAndQueries, type BenchQuery, type BenchRecord } from './dataset.js';
import { benchUser, seedRecords } from './seed.js';
import { PEOPLE } from './people.js';

const args = new Set(process.argv.slice(2));
const adminUrl =
  process.env.PG_ADMIN_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PAGE = 20;
/** --slowest=N: print the N slowest queries of each run with where their time went. */
const SLOWEST = Number(process.argv.find((a) => a.startsWith('--slowest='))?.slice(10) ?? 0);
/** --every N: run every N-th query only (a bounded run on a busy machine). */
const EVERY = Number(process.argv.find((a) => a.startsWith('--every='))?.slice(8) ?? 1);

/** --explain=N: EXPLAIN ANALYZE the candidate statement of the first N queries of each run. */
const EXPLAIN = Number(process.argv.find((a) => a.startsWith('--explain='))?.slice(10) ?? 0);
/** Text that marks the candidate statement among a search's statements. */
const CANDIDATE_MARK = 'FROM rough WHERE bound';
/** --keep=NAME: a PostgreSQL database kept between runs (seeded once, reused, never dropped). */
const KEEP = process.argv.find((a) => a.startsWith('--keep='))?.slice(7);

async function openBench(): Promise<{ db: Database; kind: string; drop: () => Promise<void> }> {
  if (!args.has('--pglite')) {
    const name = KEEP ?? `ariadne_bench_names_${process.pid}`;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
      throw new Error('--keep: a database name of lower-case letters, digits and _');
    }
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
    try {
      await admin.connect();
      const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
      if (exists.rowCount === 0) {
        await admin.query(`CREATE DATABASE ${name}`);
      }
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = await openPostgres(url.toString());
      if (KEEP) {
        return {
          db,
          kind: `PostgreSQL (${url.host}, kept database ${name})`,
          drop: () => db.close(),
        };
      }
      const drop = async () => {
        await db.close();
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
      return { db, kind: `PostgreSQL (${url.host})`, drop };
    } catch (err) {
      await admin.end().catch(() => undefined);
      if (args.has('--pg')) {
        throw err;
      }
    }
  }
  const db = await openPglite(undefined);
  return { db, kind: 'PGlite (in memory)', drop: () => db.close() };
}

interface Tally {
  n: number;
  top1: number;
  top5: number;
  rr: number;
  notFound: number;
}
const empty = (): Tally => ({ n: 0, top1: 0, top5: 0, rr: 0, notFound: 0 });
function count(t: Tally, rank: number) {
  t.n++;
  t.top1 += rank === 1 ? 1 : 0;
  t.top5 += rank >= 1 && rank <= 5 ? 1 : 0;
  t.rr += rank >= 1 ? 1 / rank : 0;
  t.notFound += rank < 1 ? 1 : 0;
}
const pct = (x: number, n: number) => (n === 0 ? '  -  ' : (x / n).toFixed(3));

/** Latency and work per query, one line. */
function latencyLine(
  label: string,
  r: {
    latencies: number[];
    cpuTimes: number[];
    sqlTimes: number[];
    byStatement: number[][];
    executions: number[];
    statements: number[];
    scored: number[];
    words: number[];
    recall: number;
  },
) {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return (
    `latency at ${label}: median ${percentile(r.latencies, 50).toFixed(1)} ms, ` +
    `p95 ${percentile(r.latencies, 95).toFixed(1)} ms (${r.latencies.length} queries); per query ` +
    `${mean(r.statements).toFixed(1)} SQL statements, candidates aligned: mean ` +
    `${mean(r.scored).toFixed(0)}, p95 ${percentile(r.scored, 95)}; vocabulary words compared: ` +
    `mean ${mean(r.words).toFixed(0)}, p95 ${percentile(r.words, 95)}; expected report among ` +
    `the candidates: ${(100 * r.recall).toFixed(1)} % of queries\n` +
    `  Node CPU per query (normaliser, alignment, driver): median ` +
    `${percentile(r.cpuTimes, 50).toFixed(1)} ms, p95 ${percentile(r.cpuTimes, 95).toFixed(1)} ms; ` +
    `SQL wall time per query: median ${percentile(r.sqlTimes, 50).toFixed(1)} ms, p95 ` +
    `${percentile(r.sqlTimes, 95).toFixed(1)} ms; load average now ` +
    `${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores\n  SQL wall time per statement (median / p95 ms): ` +
    r.byStatement
      .map(
        (ms, i) =>
          `#${i + 1} ${percentile(ms, 50).toFixed(1)} / ${percentile(ms, 95).toFixed(1)} (${ms.length} queries)`,
      )
      .join(', ') +
    (r.executions.length
      ? `; candidate statement execution time (EXPLAIN ANALYZE, ${r.executions.length} queries): ` +
        `median ${percentile(r.executions, 50).toFixed(1)} ms, max ${Math.max(...r.executions).toFixed(1)} ms`
      : '')
  );
}

function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function run(
  db: Database,
  queries: BenchQuery[],
  scope: string[],
  baseline: BaselineIndex | null,
) {
  const ours = new Map<string, Tally>();
  const base = new Map<string, Tally>();
  const latencies: number[] = [];
  const cpuTimes: number[] = [];
  const sqlTimes: number[] = [];
  /** SQL wall time of each query's 1st, 2nd, 3rd… statement. */
  const byStatement: number[][] = [];
  const perQuery: { text: string; ms: number; cpu: number; sql: number[]; aligned: number }[] = [];
  const executions: number[] = [];
  let explained = 0;
  const statements: number[] = [];
  const scored: number[] = [];
  const words: number[] = [];
  // Queries (not nicknames) whose expected report was among the candidates aligned.
  let recalled = 0;
  let expectedQueries = 0;
  let done = 0;
  const failures: { q: BenchQuery; rank: number; top?: string; score?: number | null }[] = [];
  for (const q of queries) {
    if (++done % 500 === 0) {
      process.stderr.write(`  ${done}/${queries.length} queries\n`);
    }
    const countries = [...scope, q.round];
    const started = performance.now();
    // In a transaction, as the reports service searches; its statements counted.
    let sql = 0;
    let sqlMs = 0;
    const sqlEach: number[] = [];
    const candidateIds: string[] = [];
    const cpu = process.cpuUsage();
    const {
      hits,
      scored: aligned,
      words: compared,
    } = await db.transaction((t) =>
      searchReports(
        {
          query: async <T>(text: string, params?: readonly unknown[], options?: QueryOptions) => {
            sql++;
            const s0 = performance.now();
            const rows = await t.query<T>(text, params, options);
            const ms = performance.now() - s0;
            sqlMs += ms;
            (byStatement[sql - 1] ??= []).push(ms);
            sqlEach.push(ms);
            if (text.includes(CANDIDATE_MARK)) {
              candidateIds.push(...(rows as { id: string }[]).map((r) => r.id));
              if (explained < EXPLAIN) {
                explained++;
                const plan = await t.query<{ 'QUERY PLAN': string }>(
                  `EXPLAIN (ANALYZE, BUFFERS) ${text}`,
                  params,
                );
                const lines = plan.map((p) => p['QUERY PLAN']);
                const exec = lines.find((l) => l.startsWith('Execution Time'));
                executions.push(Number(/([\d.]+) ms/.exec(exec ?? '')?.[1] ?? NaN));
                if (explained === 1) {
                  console.log(`\nEXPLAIN ANALYZE of the candidate statement ("${q.text}"):`);
                  console.log(lines.join('\n'));
                }
              }
            }
            return rows;
          },
          exec: (text) => {
            sql++;
            return t.exec(text);
          },
        },
        { sql: `r.country = ANY($1::text[])`, params: [countries] },
        {},
        [searchQueryLine(q.text)],
        { limit: PAGE, offset: 0 },
        db,
      ),
    );
    latencies.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    perQuery.push({
      text: q.text,
      ms: latencies.at(-1)!,
      cpu: cpuTimes.at(-1)!,
      sql: sqlEach,
      aligned,
    });
    sqlTimes.push(sqlMs);
    statements.push(sql);
    scored.push(aligned);
    words.push(compared);
    if (!q.nickname) {
      expectedQueries++;
      recalled += candidateIds.includes(q.expected) ? 1 : 0;
    }
    const rank = hits.findIndex((h) => h.id === q.expected) + 1;
    if (rank !== 1 && !q.nickname && args.has('--failures')) {
      failures.push({ q, rank, top: hits[0]?.id, score: hits[0]?.score });
    }
    for (const key of [q.pair, q.nickname ? 'nickname' : 'ALL']) {
      const t = ours.get(key) ?? empty();
      count(t, rank);
      ours.set(key, t);
    }
  }
  for (const w of [...perQuery].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST)) {
    console.log(
      `  slow: ${w.ms.toFixed(1)} ms, CPU ${w.cpu.toFixed(1)} ms, SQL ${w.sql.map((x) => x.toFixed(1)).join(' + ')} ms, ${w.aligned} aligned: "${w.text}"`,
    );
  }
  // The baseline in a pass of its own, so that its garbage is not collected inside the timings.
  for (const q of baseline ? queries : []) {
    const countries = [...scope, q.round];
    const ids = baseline!.search(q.text, (c) => countries.includes(c), PAGE);
    const brank = ids.indexOf(q.expected) + 1;
    for (const key of [q.pair, q.nickname ? 'nickname' : 'ALL']) {
      const t = base.get(key) ?? empty();
      count(t, brank);
      base.set(key, t);
    }
  }
  return {
    ours,
    base,
    latencies,
    cpuTimes,
    sqlTimes,
    byStatement,
    executions,
    statements,
    scored,
    words,
    failures,
    recall: recalled / Math.max(1, expectedQueries),
  };
}

function table(title: string, ours: Map<string, Tally>, base: Map<string, Tally>) {
  console.log(`\n${title}`);
  console.log(
    'script pair       queries   top-1   top-5     MRR  not-found | baseline top-1   top-5     MRR  not-found',
  );
  const keys = [...ours.keys()].filter((k) => k !== 'ALL' && k !== 'nickname').sort();
  for (const k of [...keys, 'ALL', 'nickname']) {
    const o = ours.get(k);
    if (!o) {
      continue;
    }
    const b = base.get(k) ?? empty();
    const label = k === 'nickname' ? 'nicknames (not expected)' : k;
    console.log(
      `${label.padEnd(17)} ${String(o.n).padStart(7)}   ${pct(o.top1, o.n)}   ${pct(o.top5, o.n)}   ${pct(o.rr, o.n)}      ${pct(o.notFound, o.n)} |          ${pct(b.top1, b.n)}   ${pct(b.top5, b.n)}   ${pct(b.rr, b.n)}      ${pct(b.notFound, b.n)}`,
    );
  }
}

async function main() {
  configureLogger({ level: 'silent' });
  const { db, kind, drop } = await openBench();
  // A stopped run still drops its database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void drop().finally(() => process.exit(130));
    });
  }
  try {
    await migrate(db);
    // A kept database indexed by an earlier normaliser is re-indexed, as start-up does.
    await rebuildNameIndex(db);
    // A kept database is seeded once with all 50,000 decoys (the 5,000 run then sees its own
    // countries only, but weights count the whole node): for profiling, not for the figures.
    const [{ n: already } = { n: 0 }] = KEEP
      ? await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reports`)
      : [];
    const [kept] = already
      ? await db.query<{ id: string }>(`SELECT created_by AS id FROM reports LIMIT 1`)
      : [];
    const user = kept?.id ?? (await benchUser(db));
    const seed = async (rs: BenchRecord[], batch?: number) => {
      if (!already) {
        await seedRecords(db, user, rs, batch);
      }
    };
    const { records, queries } = peopleAndQueries();
    const decoys5k = decoys(5000, 'ZZ', 2026);
    const lines = (r: BenchRecord) => [
      r.names
        .filter((n) => n.kind !== 'nickname')
        .map((n) => n.value)
        .join(' '),
      r.names
        .filter((n) => n.kind !== 'nickname')
        .map((n) => n.latin ?? n.value)
        .join(' '),
    ];
    const baseline = new BaselineIndex();
    for (const r of [...records, ...decoys5k]) {
      baseline.add(r.id, r.country, lines(r));
    }
    let t = performance.now();
    await seed([...records, ...decoys5k]);
    if (KEEP) {
      await seed(decoys(45000, 'ZY', 4242), 1000);
    }
    console.log(
      `Ariadne name search benchmark on ${kind}: ${PEOPLE.length} people, ${records.length} filed spellings (one per round), ` +
        `${queries.filter((q) => !q.nickname).length} queries, ${queries.filter((q) => q.nickname).length} nickname queries; ` +
        `seeded ${records.length + decoys5k.length} reports in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const chosen = queries.filter((_, i) => i % EVERY === 0);
    // --large-only (with --keep): the 50,000 run alone, for profiling.
    const at5k = await run(db, args.has('--large-only') ? [] : chosen, ['ZZ'], baseline);
    table(
      '5,000 decoys (each query sees its round: the people once + 5,000 decoys)',
      at5k.ours,
      at5k.base,
    );
    const byId = new Map([...records, ...decoys5k].map((r) => [r.id, lines(r).join(' / ')]));
    const misses = (failures: typeof at5k.failures) => {
      for (const f of failures) {
        console.error(
          `MISS ${f.q.pair} "${f.q.text}" → rank ${f.rank}; expected ${byId.get(f.q.expected)}; top ${byId.get(f.top ?? '') ?? f.top} (${f.score})`,
        );
      }
    };
    misses(at5k.failures);
    console.log(`\n${latencyLine('~5,100 reports', at5k)}`);
    if (args.has('--quick')) {
      return;
    }
    t = performance.now();
    const decoys45k = decoys(45000, 'ZY', 4242);
    for (const r of decoys45k) {
      byId.set(r.id, lines(r).join(' / '));
      baseline.add(r.id, r.country, lines(r));
    }
    if (!KEEP) {
      await seed(decoys45k, 1000);
    }
    console.log(`\nseeded 45,000 more decoys in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const sample = chosen.filter((_, i) => i % 4 === 0);
    const at50k = await run(db, sample, ['ZZ', 'ZY'], baseline);
    table('50,000 decoys (every 4th query)', at50k.ours, at50k.base);
    misses(at50k.failures);
    console.log(`\n${latencyLine('~50,100 reports', at50k)}`);
  } finally {
    await drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
