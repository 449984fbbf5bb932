// npm run bench:names — multilingual name search benchmark (issue 11). Prints top-1, top-5,
// MRR and not-found per script pair for the project's search and for the naive baseline,
// nickname queries apart (not expected), and search latency at 5,000 and 50,000 reports.
// PostgreSQL when reachable (PG_ADMIN_URL or DATABASE_URL, a database created and dropped),
// else PGlite; --pg requires PostgreSQL, --pglite forces PGlite, --quick skips the 50,000 run,
// --every=N runs every N-th query, --failures lists the queries not ranked first.
// Beside wall-clock latency (the machine may be busy) it prints machine-independent work per
// query: SQL statements and candidates aligned in full.
import pg from 'pg';
import { configureLogger } from '../../src/platform/logger.js';
import { migrate, openPglite, openPostgres, type Database } from '../../src/platform/db/index.js';
import { searchReports } from '../../src/features/reports/reports.search.js';
import { searchQueryLine } from '../../src/features/reports/reports.names.js';
import { BaselineIndex } from './baseline.js';
import { decoys, peopleAndQueries, type BenchQuery, type BenchRecord } from './dataset.js';
import { benchUser, seedRecords } from './seed.js';
import { PEOPLE } from './people.js';

const args = new Set(process.argv.slice(2));
const adminUrl =
  process.env.PG_ADMIN_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PAGE = 20;
/** --every N: run every N-th query only (a bounded run on a busy machine). */
const EVERY = Number(process.argv.find((a) => a.startsWith('--every='))?.slice(8) ?? 1);

async function openBench(): Promise<{ db: Database; kind: string; drop: () => Promise<void> }> {
  if (!args.has('--pglite')) {
    const name = `ariadne_bench_names_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
    try {
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = await openPostgres(url.toString());
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
    `the candidates: ${(100 * r.recall).toFixed(1)} % of queries`
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
    let candidateIds: string[] = [];
    const {
      hits,
      scored: aligned,
      words: compared,
    } = await db.transaction((t) =>
      searchReports(
        {
          query: async <T>(text: string, params?: readonly unknown[]) => {
            sql++;
            const rows = await t.query<T>(text, params);
            if (text.includes('FROM rough JOIN reports')) {
              candidateIds = (rows as { id: string }[]).map((r) => r.id);
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
    if (baseline) {
      const ids = baseline.search(q.text, (c) => countries.includes(c), PAGE);
      const brank = ids.indexOf(q.expected) + 1;
      for (const key of [q.pair, q.nickname ? 'nickname' : 'ALL']) {
        const t = base.get(key) ?? empty();
        count(t, brank);
        base.set(key, t);
      }
    }
  }
  return {
    ours,
    base,
    latencies,
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
    const user = await benchUser(db);
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
    await seedRecords(db, user, [...records, ...decoys5k]);
    console.log(
      `Ariadne name search benchmark on ${kind}: ${PEOPLE.length} people, ${records.length} filed spellings (one per round), ` +
        `${queries.filter((q) => !q.nickname).length} queries, ${queries.filter((q) => q.nickname).length} nickname queries; ` +
        `seeded ${records.length + decoys5k.length} reports in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const chosen = queries.filter((_, i) => i % EVERY === 0);
    const at5k = await run(db, chosen, ['ZZ'], baseline);
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
    await seedRecords(db, user, decoys45k, 1000);
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
