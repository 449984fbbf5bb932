// Dice similarity at speed: the hand-assembled WebAssembly kernels of linkage.wasm.ts over two
// sets of 1,024-bit encodings laid out in the module's memory.
import { diceModuleBytes } from './linkage.wasm.js';
import { ENCODING_BYTES, popcount } from './linkage.encoder.js';

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

/** A kernel instance holding two sets A and B; compares all of A × B or listed pairs. */
export class DiceKernel {
  private readonly x: DiceExports;
  private aAt = 0;
  private bAt = 0;
  private pcaAt = 0;
  private pcbAt = 0;
  private scratchAt = 0;
  private a: PackedEncodings | null = null;
  private b: PackedEncodings | null = null;

  constructor(readonly simd = false) {
    this.x = new WebAssembly.Instance(diceModule()).exports as unknown as DiceExports;
  }

  private ensure(bytes: number): void {
    const mem = this.x.memory;
    const need = Math.ceil((bytes - mem.buffer.byteLength) / 65536);
    if (need > 0) {
      mem.grow(need);
    }
  }

  /** Loads both sets into the module's memory (A first, then B, then popcounts). */
  load(a: PackedEncodings, b: PackedEncodings): void {
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
    this.a = a;
    this.b = b;
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
    this.ensure(this.scratchAt + maxOut * 12);
    const fn = this.simd ? this.x.blockSimd : this.x.block;
    const passed = fn(
      this.aAt + aFrom * ENCODING_BYTES,
      aTo - aFrom,
      this.bAt + bFrom * ENCODING_BYTES,
      bTo - bFrom,
      this.pcaAt + aFrom * 4,
      this.pcbAt + bFrom * 4,
      kernelThreshold(threshold),
      this.scratchAt,
      maxOut,
    );
    const out = new Uint32Array(this.x.memory.buffer, this.scratchAt, Math.min(passed, maxOut) * 3);
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
    const outAt = this.scratchAt + candidates.length * 4;
    this.ensure(outAt + n * 8);
    new Uint32Array(this.x.memory.buffer, this.scratchAt, candidates.length).set(candidates);
    const fn = this.simd ? this.x.pairsSimd : this.x.pairs;
    const passed = fn(
      this.aAt,
      this.bAt,
      this.pcaAt,
      this.pcbAt,
      this.scratchAt,
      n,
      kernelThreshold(threshold),
      outAt,
    );
    const out = new Uint32Array(this.x.memory.buffer, outAt, passed * 2);
    for (let k = 0; k < out.length; k += 2) {
      const i = out[k]!;
      const ia = candidates[2 * i]!;
      const ib = candidates[2 * i + 1]!;
      pass(ia, ib, (2 * out[k + 1]!) / (a.popcounts[ia]! + b.popcounts[ib]!));
    }
  }
}
