// Keys of one agreement's linkage secret: one HMAC key per encoded field and one permutation key,
// each derived by HKDF-SHA256 from the secret with the agreement, the secret's version and the
// schema version bound into the derivation. Two agreements never share a key: their secrets are
// drawn independently, and even a reused secret would derive other keys under another agreement id.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { EncodingSchema } from './linkage.schema.js';

/** What a linkage secret belongs to (bound into every derived key). */
export interface SecretScope {
  agreementId: string;
  /** 1 for the first secret of the agreement, +1 at each rotation. */
  secretVersion: number;
}

/** Derived keys of one (secret, scope, schema). */
export interface LinkageKeys {
  scope: SecretScope;
  schemaVersion: string;
  /** HMAC-SHA256 key of each field, by field id. */
  fields: ReadonlyMap<string, Buffer>;
  /** Key of the balanced filter's permutation. */
  permutation: Buffer;
}

/** A fresh 256-bit linkage secret (drawn by the member that opens or rotates an agreement). */
export function newLinkageSecret(): Buffer {
  return randomBytes(32);
}

function derive(secret: Buffer, scope: SecretScope, info: string): Buffer {
  if (secret.length < 32) {
    throw new Error('a linkage secret has at least 256 bits');
  }
  const salt = `ariadne-pprl|${scope.agreementId}|${scope.secretVersion}`;
  return Buffer.from(hkdfSync('sha256', secret, salt, info, 32));
}

/** Derives every key a schema needs from one agreement's secret. */
export function deriveKeys(
  secret: Buffer,
  scope: SecretScope,
  schema: EncodingSchema,
): LinkageKeys {
  const fields = new Map<string, Buffer>();
  for (const f of schema.fields) {
    fields.set(f.id, derive(secret, scope, `${schema.version}|field|${f.id}`));
  }
  return {
    scope,
    schemaVersion: schema.version,
    fields,
    permutation: derive(secret, scope, `${schema.version}|permutation`),
  };
}

/**
 * A keyed permutation of 0…n-1 (Fisher–Yates driven by HMAC-SHA256 in counter mode), used to
 * scatter a balanced filter's bits and their complements.
 */
export function keyedPermutation(key: Buffer, n: number): Uint16Array {
  const perm = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    perm[i] = i;
  }
  let block = Buffer.alloc(0);
  let used = 0;
  let counter = 0;
  const next32 = (): number => {
    if (used + 4 > block.length) {
      block = createHmac('sha256', key).update(`perm|${counter++}`).digest();
      used = 0;
    }
    const v = block.readUInt32LE(used);
    used += 4;
    return v;
  };
  for (let i = n - 1; i > 0; i--) {
    // Rejection sampling keeps every index equally likely.
    const bound = i + 1;
    const limit = Math.floor(0x1_0000_0000 / bound) * bound;
    let r = next32();
    while (r >= limit) {
      r = next32();
    }
    const j = r % bound;
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm;
}
