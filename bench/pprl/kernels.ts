// Dice throughput of the WebAssembly kernels beside the C kernel (dice_kernel.c, compiled here with
// gcc -O3 -march=native), both timed in CPU seconds of one thread so that a busy machine slows
// both alike; the best of several interleaved rounds is kept for each.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiceKernel, pack } from '../../src/features/linkage/index.js';

/** Comparisons per CPU-second of each kernel. */
export interface KernelFigures {
  c: number;
  wasm: number;
  wasmSimd: number;
  cCompiler: string;
}

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

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

/** Runs both kernels on n × n pairs, `rounds` times each, interleaved. */
export function measureKernels(n = 2000, rounds = 3): KernelFigures {
  const dir = mkdtempSync(join(tmpdir(), 'pprl-'));
  const exe = join(dir, 'dice_kernel');
  const source = new URL('./dice_kernel.c', import.meta.url).pathname;
  execFileSync('gcc', ['-O3', '-march=native', '-o', exe, source]);
  const cCompiler = execFileSync('gcc', ['--version']).toString().split('\n')[0]!;
  const a = pack(randomFilters(n));
  const b = pack(randomFilters(n));
  const scalar = new DiceKernel(false);
  const simd = new DiceKernel(true);
  scalar.load(a, b);
  simd.load(a, b);
  scalar.block(0.8);
  simd.block(0.8);
  const best = { c: 0, wasm: 0, wasmSimd: 0 };
  for (let r = 0; r < rounds; r++) {
    const [pairs, , cpu] = execFileSync(exe, [String(n), String(n), '3'])
      .toString()
      .trim()
      .split(' ')
      .map(Number);
    best.c = Math.max(best.c, pairs! / cpu!);
    for (const [k, key] of [
      [scalar, 'wasm'],
      [simd, 'wasmSimd'],
    ] as const) {
      const t = process.cpuUsage();
      for (let rep = 0; rep < 3; rep++) {
        k.block(0.8);
      }
      best[key] = Math.max(best[key], (3 * n * n) / cpuSeconds(t));
    }
  }
  return { ...best, cCompiler };
}
