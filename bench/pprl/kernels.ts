// Dice throughput of the native kernel (native/dice, when built) and the WebAssembly block kernels beside the C kernel (dice_kernel.c) on the same
// filters and the same loop: one query of A after another against all of B, precomputed popcounts,
// the integer threshold test, only passes written. The C kernel is compiled here three ways:
// gcc -O3 -march=native (the baseline; on a CPU with AVX-512 VPOPCNTDQ gcc vectorises the
// word loop into 512-bit popcounts, eight B filters at once), the same with the vectoriser off (one
// POPCNT per u64 word, the instruction wasm's i64.popcnt becomes), and with AVX-512 off (AVX2).
// All are timed in CPU seconds of one thread; the machine is shared, so the kernels run
// alternately for several rounds and the median of the per-round ratios is reported.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DiceKernel,
  diceKernelBackend,
  nativeDice,
  pack,
  type KernelBackend,
  type PackedEncodings,
} from '../../src/features/linkage/index.js';

/** The C builds compared. */
const C_BUILDS = [
  { key: 'native', flags: ['-O3', '-march=native'], label: 'C -O3 -march=native' },
  {
    key: 'scalar',
    flags: ['-O3', '-march=native', '-fno-tree-vectorize'],
    label: 'C -O3 -march=native -fno-tree-vectorize (scalar POPCNT)',
  },
  {
    key: 'avx2',
    flags: ['-O3', '-march=native', '-mno-avx512f'],
    label: 'C -O3 -march=native -mno-avx512f (AVX2)',
  },
] as const;

/** One kernel's comparisons per CPU-second and its ratio to the native C kernel (medians). */
export interface KernelRow {
  label: string;
  perSecond: number;
  ratioToNative: number;
  rounds: number[];
}

/** The figures of one measurement. */
export interface KernelFigures {
  rows: KernelRow[];
  cCompiler: string;
  loadBefore: string;
  loadAfter: string;
  /** Passes at a low threshold by C and the other kernels (the same data: they must agree). */
  agreement: {
    threshold: number;
    c: number;
    wasm: number;
    wasmSimd: number;
    native: number | null;
  };
  /** The kernel the service uses (diceKernelBackend) and its row. */
  service: { kernel: KernelBackend; row: KernelRow };
}

const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1]!;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

/** n random filters of about 256 set bits (AND of two random 1,024-bit strings). */
function randomFilters(n: number): Uint8Array[] {
  return Array.from({ length: n }, () => {
    const x = randomBytes(128);
    const y = randomBytes(128);
    for (let i = 0; i < 128; i++) {
      x[i]! &= y[i]!;
    }
    return new Uint8Array(x);
  });
}

function writeSets(file: string, a: PackedEncodings, b: PackedEncodings): void {
  const header = new Uint8Array(new Uint32Array([a.n, b.n]).buffer);
  writeFileSync(file, Buffer.concat([header, a.bytes, b.bytes]));
}

function runC(exe: string, file: string, reps: number, thr: number) {
  const [pairs, passed, cpu] = execFileSync(exe, [file, String(reps), String(thr)])
    .toString()
    .trim()
    .split(' ')
    .map(Number);
  return { perSecond: pairs! / cpu!, passed: passed! };
}

/** CPU-second rate of `reps` × n × n comparisons by a kernel, one call per block or per query. */
function timeWasm(k: DiceKernel, n: number, reps: number, perQuery = false): number {
  const t = process.cpuUsage();
  for (let r = 0; r < reps; r++) {
    if (perQuery) {
      for (let i = 0; i < n; i++) {
        k.block(0.8, i, i + 1);
      }
    } else {
      k.block(0.8);
    }
  }
  const u = process.cpuUsage(t);
  return (reps * n * n) / ((u.user + u.system) / 1e6);
}

/** Runs the C builds and both wasm kernels on n × n pairs, `rounds` times, alternately. */
export function measureKernels(n = 2000, rounds = 7): KernelFigures {
  const loadBefore = load();
  const dir = mkdtempSync(join(tmpdir(), 'pprl-'));
  const source = new URL('./dice_kernel.c', import.meta.url).pathname;
  const exes = C_BUILDS.map((c) => {
    const exe = join(dir, `dice_${c.key}`);
    execFileSync('gcc', [...c.flags, '-o', exe, source]);
    return exe;
  });
  const cCompiler = execFileSync('gcc', ['--version']).toString().split('\n')[0]!;
  const a = pack(randomFilters(n));
  const b = pack(randomFilters(n));
  const file = join(dir, 'sets.bin');
  writeSets(file, a, b);
  const scalar = new DiceKernel(false, 'wasm');
  const simd = new DiceKernel(true);
  const native = nativeDice() ? new DiceKernel(false, 'native') : null;
  for (const k of native ? [scalar, simd, native] : [scalar, simd]) {
    k.load(a, b);
    // Warm-up: the first calls run V8's baseline code (Liftoff) and trigger the optimising tier.
    for (let r = 0; r < 3; r++) {
      k.block(0.8);
    }
  }
  const low = 0.27;
  const agreement = {
    threshold: low,
    c: runC(exes[0]!, file, 1, Math.ceil(low * 1000)).passed,
    wasm: scalar.block(low, 0, n, 0, n, 0).passed,
    wasmSimd: simd.block(low, 0, n, 0, n, 0).passed,
    native: native ? native.block(low, 0, n, 0, n, 0).passed : null,
  };
  const labels = [
    ...C_BUILDS.map((c) => c.label),
    'wasm i64.popcnt (scalar, 2 B filters per step)',
    'wasm SIMD v128.and + i8x16.popcnt (4 B filters per step)',
    'wasm i64.popcnt, one JS call per query (1 × n each) instead of one per block',
    ...(native ? ['native N-API addon (gcc -O3 -march=native, 8 B filters per step)'] : []),
  ];
  const rates: number[][] = labels.map(() => []);
  for (let r = 0; r < rounds; r++) {
    // Each timed call lasts about 0.1 s of CPU.
    exes.forEach((exe, i) => rates[i]!.push(runC(exe, file, i === 0 ? 10 : 3, 800).perSecond));
    rates[3]!.push(timeWasm(scalar, n, 3));
    rates[4]!.push(timeWasm(simd, n, 3));
    rates[5]!.push(timeWasm(scalar, n, 3, true));
    if (native) {
      rates[6]!.push(timeWasm(native, n, 10));
    }
  }
  const rows = labels.map((label, i) => ({
    label,
    perSecond: median(rates[i]!),
    ratioToNative: median(rates[i]!.map((x, r) => x / rates[0]![r]!)),
    rounds: rates[i]!,
  }));
  const kernel = diceKernelBackend();
  const service = { kernel, row: rows[kernel === 'native' ? 6 : 3]! };
  return { rows, cCompiler, loadBefore, loadAfter: load(), agreement, service };
}
