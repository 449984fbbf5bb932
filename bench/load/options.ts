// Command-line options of bench:load: `npm run bench:load -- --size=20000 --keep=ariadne_load`.
import { parseArgs } from 'node:util';

/** What one run of the load benchmark does. */
export interface LoadOptions {
  /** Reports seeded (remains are a fifth of it). */
  size: number;
  /** A database kept between runs (seeded once, reused while it holds `size` reports). */
  keep: string | undefined;
  /** Seconds of load per phase (bare endpoint, then the application). */
  seconds: number;
  /** Concurrent connections of the load generator. */
  connections: number;
  /** The PostgreSQL server (a maintenance URL: the bench creates its database beside it). */
  server: string;
  /** Random seed of the generator. */
  seed: number;
  /** Whether the match worker runs beside the requests, as in server.ts (--worker=off: not). */
  worker: boolean;
}

/** Parses process.argv (and BENCH_* variables as defaults). */
export function loadOptions(argv = process.argv.slice(2)): LoadOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string' },
      keep: { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string' },
      server: { type: 'string' },
      seed: { type: 'string' },
      worker: { type: 'string' },
    },
  });
  const num = (v: string | undefined, dflt: number, name: string) => {
    const n = Number(v ?? dflt);
    if (!Number.isInteger(n) || n <= 0) {
      throw new Error(`--${name} must be a positive integer`);
    }
    return n;
  };
  const keep = values.keep;
  if (values.worker !== undefined && !['on', 'off'].includes(values.worker)) {
    throw new Error('--worker must be on or off');
  }
  if (keep !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(keep)) {
    throw new Error('--keep must be a database name of lower-case letters, digits and _');
  }
  return {
    size: num(values.size ?? process.env.BENCH_SIZE, 1_000_000, 'size'),
    keep,
    seconds: num(values.seconds ?? process.env.BENCH_SECONDS, 20, 'seconds'),
    connections: num(values.connections ?? process.env.BENCH_CONNECTIONS, 50, 'connections'),
    server:
      values.server ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    seed: num(values.seed, 17, 'seed'),
    worker: values.worker !== 'off',
  };
}
