// Dice similarity at speed over two sets of 1,024-bit encodings: the optional native kernel
// (linkage.native.ts, read in place) or the hand-assembled WebAssembly kernels of linkage.wasm.ts
// (the sets copied into the module's memory); both write the same passes (ADR 0132, 0133).
import { diceModuleBytes } from './linkage.wasm.js';
import { ENCODING_BYTES, popcount } from './linkage.encoder.js';
import {
  diceKernelBackend,
  nativeDice,
  type KernelBackend,
  type NativeDice,
} from './linkage.native.js';

interface DiceExports {
  memory: WebAssembly.Memory;
  block: (...args: number[]) => number;
  pairs: (...args: number[]) => number;
  blockSimd: (...args: number[]) => number;
  pairsSimd: (...args: number[]) => number;
}

let compiled: WebAssembly.Module | null = null;

/** The compiled module (compiled once per thread). */
function diceModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(diceModuleBytes());
  return compiled;
}

/** Encodings packed for the kernel: n × 128 bytes, with each one's popcount. */
export interface PackedEncodings {
  n: number;
  bytes: Uint8Array;
  popcounts: Uint32Array;
}

/** Packs encodings (each 128 bytes) into one buffer with their popcounts. */
export function pack(encodings: readonly Uint8Array[]): PackedEncodings {
  const bytes = new Uint8Array(encodings.length * ENCODING_BYTES);
  const popcounts = new Uint32Array(encodings.length);
  encodings.forEach((e, i) => {
    if (e.length !== ENCODING_BYTES) {
      throw new Error('an encoding has 1,024 bits');
    }
    bytes.set(e, i * ENCODING_BYTES);
    popcounts[i] = popcount(e);
  });
  return { n: encodings.length, bytes, popcounts };
}

/** Threshold as the kernel's integer (Dice × 1000, rounded up so nothing below passes). */
export function kernelThreshold(threshold: number): number {
  return Math.ceil(threshold * 1000 - 1e-9);
}

/** One pair above the threshold. */
export interface DicePair {
  a: number;
  b: number;
  score: number;
}

/**
 * A kernel instance holding two sets A and B; compares all of A × B or listed pairs. By default
 * the service's kernel (diceKernelBackend); `simd` or an explicit backend for comparisons.
 */
export class DiceKernel {
  private readonly x: DiceExports | null = null;
  private readonly native: NativeDice | null = null;
  private outBuf = new Uint32Array(0);
  private aAt = 0;
  private bAt = 0;
  private pcaAt = 0;
  private pcbAt = 0;
  private scratchAt = 0;
  private a: PackedEncodings | null = null;
  private b: PackedEncodings | null = null;

  constructor(
    readonly simd = false,
    readonly backend: KernelBackend = simd ? 'wasm' : diceKernelBackend(),
  ) {
    if (backend === 'native') {
      if (simd) {
        throw new Error('the SIMD kernel is WebAssembly only');
      }
      this.native = nativeDice();
      if (!this.native) {
        throw new Error('the native Dice kernel is not built');
      }
    } else {
      this.x = new WebAssembly.Instance(diceModule()).exports as unknown as DiceExports;
    }
  }

  /** The native kernel's output buffer, at least `words` long. */
  private out(words: number): Uint32Array {
    if (this.outBuf.length < words) {
      this.outBuf = new Uint32Array(Math.max(words, 2 * this.outBuf.length));
    }
    return this.outBuf.subarray(0, words);
  }

  private ensure(bytes: number): void {
    if (!this.x) {
      return;
    }
    const mem = this.x.memory;
    const need = Math.ceil((bytes - mem.buffer.byteLength) / 65536);
    if (need > 0) {
      mem.grow(need);
    }
  }

  /** Loads both sets into the module's memory (A first, then B, then popcounts). */
  load(a: PackedEncodings, b: PackedEncodings): void {
    this.a = a;
    this.b = b;
    if (!this.x) {
      return;
    }
    this.aAt = 0;
    this.bAt = a.bytes.length;
    this.pcaAt = this.bAt + b.bytes.length;
    this.pcbAt = this.pcaAt + a.n * 4;
    this.scratchAt = this.pcbAt + b.n * 4;
    this.ensure(this.scratchAt);
    const mem = new Uint8Array(this.x.memory.buffer);
    mem.set(a.bytes, this.aAt);
    mem.set(b.bytes, this.bAt);
    new Uint32Array(this.x.memory.buffer, this.pcaAt, a.n).set(a.popcounts);
    new Uint32Array(this.x.memory.buffer, this.pcbAt, b.n).set(b.popcounts);
  }

  /** Pairs of A[aFrom…aTo) × B[bFrom…bTo) with Dice ≥ threshold (and how many passed in all). */
  block(
    threshold: number,
    aFrom = 0,
    aTo = this.a?.n ?? 0,
    bFrom = 0,
    bTo = this.b?.n ?? 0,
    maxOut = 65536,
  ): { pairs: DicePair[]; passed: number } {
    if (!this.a || !this.b) {
      throw new Error('load the sets first');
    }
    const thr = kernelThreshold(threshold);
    let passed: number;
    let out: Uint32Array;
    if (this.native) {
      const { a, b } = this;
      out = this.out(maxOut * 3);
      passed = this.native.block(
        a.bytes,
        a.popcounts,
        b.bytes,
        b.popcounts,
        aFrom,
        aTo,
        bFrom,
        bTo,
        thr,
        out,
      );
      out = out.subarray(0, Math.min(passed, maxOut) * 3);
    } else {
      const x = this.x!;
      this.ensure(this.scratchAt + maxOut * 12);
      passed = (this.simd ? x.blockSimd : x.block)(
        this.aAt + aFrom * ENCODING_BYTES,
        aTo - aFrom,
        this.bAt + bFrom * ENCODING_BYTES,
        bTo - bFrom,
        this.pcaAt + aFrom * 4,
        this.pcbAt + bFrom * 4,
        thr,
        this.scratchAt,
        maxOut,
      );
      out = new Uint32Array(x.memory.buffer, this.scratchAt, Math.min(passed, maxOut) * 3);
    }
    const pairs: DicePair[] = [];
    for (let k = 0; k < out.length; k += 3) {
      const a = aFrom + out[k]!;
      const b = bFrom + out[k + 1]!;
      pairs.push({
        a,
        b,
        score: (2 * out[k + 2]!) / (this.a.popcounts[a]! + this.b.popcounts[b]!),
      });
    }
    return { pairs, passed };
  }

  /** Of the listed candidate pairs (a0, b0, a1, b1, …), those with Dice ≥ threshold. */
  pairs(candidates: Uint32Array, threshold: number): DicePair[] {
    const out: DicePair[] = [];
    this.eachPair(candidates, threshold, (a, b, score) => out.push({ a, b, score }));
    return out;
  }

  /** Calls `pass` for each listed candidate pair with Dice ≥ threshold (no allocation per pair). */
  eachPair(
    candidates: Uint32Array,
    threshold: number,
    pass: (a: number, b: number, score: number) => void,
  ): void {
    const a = this.a;
    const b = this.b;
    if (!a || !b) {
      throw new Error('load the sets first');
    }
    const n = candidates.length >>> 1;
    const thr = kernelThreshold(threshold);
    let out: Uint32Array;
    if (this.native) {
      const all = this.out(n * 2);
      const passed = this.native.pairs(
        a.bytes,
        a.popcounts,
        b.bytes,
        b.popcounts,
        candidates,
        thr,
        all,
      );
      out = all.subarray(0, passed * 2);
    } else {
      const x = this.x!;
      const outAt = this.scratchAt + candidates.length * 4;
      this.ensure(outAt + n * 8);
      new Uint32Array(x.memory.buffer, this.scratchAt, candidates.length).set(candidates);
      const passed = (this.simd ? x.pairsSimd : x.pairs)(
        this.aAt,
        this.bAt,
        this.pcaAt,
        this.pcbAt,
        this.scratchAt,
        n,
        thr,
        outAt,
      );
      out = new Uint32Array(x.memory.buffer, outAt, passed * 2);
    }
    for (let k = 0; k < out.length; k += 2) {
      const i = out[k]!;
      const ia = candidates[2 * i]!;
      const ib = candidates[2 * i + 1]!;
      pass(ia, ib, (2 * out[k + 1]!) / (a.popcounts[ia]! + b.popcounts[ib]!));
    }
  }
}
