// Blocking on the encodings themselves (Hamming LSH by bit sampling, Indyk and Motwani 1998): each
// band samples r bit positions; two encodings are candidates when all r bits agree in at least one
// band. Similar encodings agree on most bits, so they share a band with high probability, while a
// random pair rarely does. The positions are public parameters: blocking needs no secret.
import { ENCODING_BYTES } from './linkage.encoder.js';
import type { PackedEncodings } from './linkage.dice.js';

/** Blocking parameters. */
export interface LshParams {
  /** Number of bands (more bands: fewer misses, more candidates). */
  bands: number;
  /** Bits sampled per band (≤ 24; more bits: fewer candidates, more misses). */
  bitsPerBand: number;
  /** Seed of the sampled positions. */
  seed: number;
  /**
   * Buckets holding more than this share of the A records are skipped (keys of nearly empty
   * samples: they carry no information and would pair every sparse record with every other).
   */
  maxBucketShare?: number;
}

/** Defaults measured on FEBRL 4 and the 100k × 100k benchmark (docs/linkage-schema.md). */
export const DEFAULT_LSH: LshParams = {
  bands: 160,
  bitsPerBand: 20,
  seed: 20261129,
  maxBucketShare: 0.002,
};

/** Sampled positions of every band (deterministic from the seed, xorshift32). */
export function bandPositions(p: LshParams): Uint16Array[] {
  let s = p.seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return Array.from({ length: p.bands }, () => {
    const out = new Uint16Array(p.bitsPerBand);
    for (let i = 0; i < out.length; i++) {
      out[i] = next() % (ENCODING_BYTES * 8);
    }
    return out;
  });
}

/** Key of one band for every encoding of a set (r sampled bits, first position highest). */
export function bandKeys(set: PackedEncodings, positions: Uint16Array): Uint32Array {
  const out = new Uint32Array(set.n);
  const words = new Uint32Array(set.bytes.buffer, set.bytes.byteOffset, set.bytes.length >>> 2);
  for (let i = 0; i < set.n; i++) {
    const base = i * (ENCODING_BYTES >>> 2);
    let key = 0;
    for (let j = 0; j < positions.length; j++) {
      const p = positions[j]!;
      key = (key << 1) | ((words[base + (p >>> 5)]! >>> (p & 31)) & 1);
    }
    out[i] = key >>> 0;
  }
  return out;
}

/** A reusable bucket index (head of each key's chain, next link and bucket size of each key). */
export class BandIndex {
  private readonly head: Int32Array;
  private readonly size: Int32Array;
  private next = new Int32Array(0);

  constructor(bitsPerBand: number) {
    if (bitsPerBand > 24) {
      throw new Error('at most 24 bits per band');
    }
    this.head = new Int32Array(1 << bitsPerBand).fill(-1);
    this.size = new Int32Array(1 << bitsPerBand);
  }

  /**
   * Candidate pairs of one band: every (a, b) with equal keys, appended to `emit` in chunks
   * (a0, b0, a1, b1, …), grouped by b. Buckets of more than maxBucket A records are skipped.
   */
  candidates(
    keysA: Uint32Array,
    keysB: Uint32Array,
    emit: (pairs: Uint32Array) => void,
    chunk = 1 << 16,
    maxBucket = 4096,
  ): { candidates: number; skippedBuckets: number } {
    if (this.next.length < keysA.length) {
      this.next = new Int32Array(keysA.length);
    }
    const { head, next, size } = this;
    for (let i = 0; i < keysA.length; i++) {
      const k = keysA[i]!;
      next[i] = head[k]!;
      head[k] = i;
      size[k]!++;
    }
    let skippedBuckets = 0;
    for (let i = 0; i < keysA.length; i++) {
      if (size[keysA[i]!]! > maxBucket && head[keysA[i]!] === i) {
        skippedBuckets++;
      }
    }
    const buf = new Uint32Array(chunk * 2);
    let used = 0;
    let candidates = 0;
    for (let j = 0; j < keysB.length; j++) {
      const k = keysB[j]!;
      if (size[k]! > maxBucket) {
        continue;
      }
      for (let i = head[k]!; i !== -1; i = next[i]!) {
        buf[used++] = i;
        buf[used++] = j;
        if (used === buf.length) {
          emit(buf);
          candidates += used >>> 1;
          used = 0;
        }
      }
    }
    if (used > 0) {
      emit(buf.subarray(0, used));
      candidates += used >>> 1;
    }
    for (let i = 0; i < keysA.length; i++) {
      head[keysA[i]!] = -1;
      size[keysA[i]!] = 0;
    }
    return { candidates, skippedBuckets };
  }
}
