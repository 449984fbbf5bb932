// The CLK encoder (cryptographic long-term key, Schnell, Bachteler and Reiher 2009): each field's
// values are cut into tokens, each token is hashed with the field's HMAC-SHA256 key into k bit
// positions of one shared base filter, and a published hardening turns the base filter into the
// 1,024-bit encoding that leaves the node.
//
// Positions are k independent 16-bit words of one HMAC output ("random hashing"), not the
// double-hashing scheme h1 + i·h2 whose regular pattern the Kroll–Steinmetzer attack exploits.
// A token's positions depend only on (field key, token), so they are cached per field: the
// q-gram vocabulary is small and the cache turns encoding into table look-ups (bounded in size).
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { keyedPermutation, type LinkageKeys } from './linkage.keys.js';
import { baseBits, type EncodingSchema, type FieldSpec } from './linkage.schema.js';

/** Bytes of one encoding (1,024 bits). */
export const ENCODING_BYTES = 128;

/** Field values to encode, by field id (several values per field: every spelling of a name). */
export type FieldValues = Readonly<Record<string, readonly string[] | undefined>>;

/** Tokens cached by string (per encoder) before the cache stops growing. */
const CACHE_LIMIT = 200_000;

function isAscii(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    if (v.charCodeAt(i) > 127) {
      return false;
    }
  }
  return true;
}

/** Tokens of one value under a field's tokeniser. */
export function tokens(field: FieldSpec, value: string, out: string[] = []): string[] {
  const t = field.tokeniser;
  switch (t.kind) {
    case 'whole':
      if (value) {
        out.push(value);
      }
      return out;
    case 'positional':
      for (let i = 0; i < value.length; i++) {
        out.push(`${i}${value[i]}`);
      }
      return out;
    case 'qgrams': {
      if (!value) {
        return out;
      }
      const padded = `_${value}_`;
      for (let i = 0; i + t.q <= padded.length; i++) {
        out.push(padded.slice(i, i + t.q));
      }
      return out;
    }
  }
}

interface FieldState {
  spec: FieldSpec;
  key: KeyObject;
  /** Positions of tokens by string. */
  cache: Map<string, Uint16Array>;
  /** Positions of ASCII bigrams (c1·128 + c2) and positional digits (i·128 + c), by number. */
  table: (Uint16Array | undefined)[];
}

/** Code of the '_' padding character. */
const PAD = 95;

/** Encodes records into 1,024-bit CLKs under one agreement's keys and one schema. */
export class ClkEncoder {
  private readonly fields: FieldState[];
  private readonly base: number;
  private readonly permutation: Uint16Array | null;
  private cached = 0;
  /** Caching token positions can be turned off (the benchmark measures both). */
  cacheTokens = true;

  constructor(
    readonly schema: EncodingSchema,
    keys: LinkageKeys,
  ) {
    if (keys.schemaVersion !== schema.version) {
      throw new Error('keys were derived for another schema version');
    }
    this.base = baseBits(schema);
    this.fields = schema.fields
      .filter((f) => f.k > 0)
      .map((spec) => {
        const key = keys.fields.get(spec.id);
        if (!key) {
          throw new Error(`no key for field ${spec.id}`);
        }
        return { spec, key: createSecretKey(key), cache: new Map(), table: [] };
      });
    this.permutation =
      schema.hardening === 'balanced' ? keyedPermutation(keys.permutation, schema.bits) : null;
  }

  /** The k keyed positions of one token in the base filter (HMAC-SHA256 of the token). */
  private hash(f: FieldState, token: string): Uint16Array {
    const k = f.spec.k;
    const out = new Uint16Array(k);
    const mask = this.base - 1;
    for (let block = 0, i = 0; i < k; block++) {
      const h = createHmac('sha256', f.key)
        .update(block === 0 ? token : `${token}\u0000${block}`)
        .digest();
      for (let w = 0; w < 16 && i < k; w++, i++) {
        out[i] = h.readUInt16LE(w * 2) & mask;
      }
    }
    return out;
  }

  private byString(f: FieldState, token: string): Uint16Array {
    const hit = this.cacheTokens ? f.cache.get(token) : undefined;
    if (hit) {
      return hit;
    }
    const ps = this.hash(f, token);
    if (this.cacheTokens && this.cached < CACHE_LIMIT) {
      f.cache.set(token, ps);
      this.cached++;
    }
    return ps;
  }

  /** Positions of a token with a small numeric code (ASCII bigram or positional character). */
  private byCode(f: FieldState, code: number, token: string): Uint16Array {
    const ps = this.hash(f, token);
    if (this.cacheTokens) {
      f.table[code] = ps;
    }
    return ps;
  }

  /** The base (unhardened) filter of a record, as 32-bit words. */
  baseFilter(values: FieldValues): Uint32Array {
    const words = new Uint32Array(this.base >>> 5);
    const cache = this.cacheTokens;
    for (const f of this.fields) {
      const vs = values[f.spec.id];
      if (!vs) {
        continue;
      }
      const t = f.spec.tokeniser;
      const table = f.table;
      for (const v of vs) {
        const n = v.length;
        const fast = n > 0 && n < 128 && isAscii(v);
        if (fast && t.kind === 'qgrams' && t.q === 2) {
          // Bigrams of "_v_" by character codes, without building strings.
          let prev = PAD;
          for (let i = 0; i <= n; i++) {
            const c = i < n ? v.charCodeAt(i) : PAD;
            const code = (prev << 7) | c;
            const ps =
              (cache ? table[code] : undefined) ??
              this.byCode(f, code, String.fromCharCode(prev, c));
            for (let j = 0; j < ps.length; j++) {
              const p = ps[j]!;
              words[p >>> 5]! |= 1 << (p & 31);
            }
            prev = c;
          }
        } else if (fast && t.kind === 'positional') {
          for (let i = 0; i < n; i++) {
            const code = (i << 7) | v.charCodeAt(i);
            const ps = (cache ? table[code] : undefined) ?? this.byCode(f, code, `${i}${v[i]}`);
            for (let j = 0; j < ps.length; j++) {
              const p = ps[j]!;
              words[p >>> 5]! |= 1 << (p & 31);
            }
          }
        } else {
          for (const tok of tokens(f.spec, v)) {
            const ps = this.byString(f, tok);
            for (let j = 0; j < ps.length; j++) {
              const p = ps[j]!;
              words[p >>> 5]! |= 1 << (p & 31);
            }
          }
        }
      }
    }
    return words;
  }

  /** The 1,024-bit encoding of a record (little-endian 64-bit words, as the comparator reads them). */
  encode(values: FieldValues): Uint8Array {
    return harden(this.schema, this.baseFilter(values), this.permutation);
  }
}

const complements = new WeakMap<Uint16Array, Uint32Array>();

/** Words with the complement places (perm[n…2n)) of a balanced filter set. */
function complementWords(permutation: Uint16Array, n: number): Uint32Array {
  let w = complements.get(permutation);
  if (!w) {
    w = new Uint32Array((2 * n) >>> 5);
    for (let j = n; j < 2 * n; j++) {
      const q = permutation[j]!;
      w[q >>> 5]! |= 1 << (q & 31);
    }
    complements.set(permutation, w);
  }
  return w;
}

/** Applies the schema's hardening to a base filter. */
export function harden(
  schema: EncodingSchema,
  base: Uint32Array,
  permutation: Uint16Array | null,
): Uint8Array {
  const out = new Uint32Array(schema.bits >>> 5);
  switch (schema.hardening) {
    case 'none':
      out.set(base);
      break;
    case 'xor-fold': {
      const half = out.length;
      for (let i = 0; i < half; i++) {
        out[i] = base[i]! ^ base[i + half]!;
      }
      break;
    }
    case 'balanced': {
      // Start from every complement bit set, then for each set base bit j move its bit from
      // the complement's place (perm[j + n]) to its own (perm[j]).
      if (!permutation) {
        throw new Error('a balanced filter needs its permutation');
      }
      const n = base.length * 32;
      out.set(complementWords(permutation, n));
      for (let w = 0; w < base.length; w++) {
        let word = base[w]!;
        while (word !== 0) {
          const low = word & -word;
          const j = (w << 5) + (31 - Math.clz32(low));
          word ^= low;
          const p = permutation[j]!;
          const q = permutation[j + n]!;
          out[p >>> 5]! |= 1 << (p & 31);
          out[q >>> 5]! &= ~(1 << (q & 31));
        }
      }
      break;
    }
  }
  return new Uint8Array(out.buffer);
}

/** Set bits of an encoding. */
export function popcount(enc: Uint8Array): number {
  let n = 0;
  for (const b of enc) {
    let v = b;
    while (v) {
      v &= v - 1;
      n++;
    }
  }
  return n;
}

/** Dice similarity of two encodings (reference implementation; the comparator uses wasm). */
export function dice(a: Uint8Array, b: Uint8Array): number {
  let inter = 0;
  for (let i = 0; i < a.length; i++) {
    let v = a[i]! & b[i]!;
    while (v) {
      v &= v - 1;
      inter++;
    }
  }
  const total = popcount(a) + popcount(b);
  return total === 0 ? 0 : (2 * inter) / total;
}
