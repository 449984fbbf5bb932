// The batch envelope (ADR 0085): many outbox messages for one recipient node travel in one JWS
// (EdDSA, `typ` ariadne-batch+jwt, issuer, audience, its own jti, issue and expiry times) whose
// only payload is a compact JWE to the recipient node holding the messages. Each message keeps
// its own jti (exactly-once, replay), kind, jurisdictions, subject and agreement, and is
// admitted, refused or applied on its own; the receiver answers with one result per message.
import { SignJWT, type CryptoKey } from 'jose';
import { BATCH_TYP, MessageRejected, verifySigned, type Rejection } from './federation.envelope.js';
import { NODE_SIG_ALG, type ActiveKey } from './federation.keys.js';

/** Most messages in one envelope. */
export const MAX_BATCH_MESSAGES = 250;
/** Most bytes of message bodies (JSON) in one envelope, before encryption. */
export const MAX_BATCH_BYTES = 1_000_000;

/** One message inside a batch: the claims of a single message, less those of the envelope. */
export interface BatchedMessage {
  jti: string;
  knd: string;
  frm: string;
  to: string;
  sub: string;
  agr: string;
  body: unknown;
}

/** The receiver's answer for one message of a batch. */
export type BatchItemResult =
  { jti: string; ok: true; replayed: boolean } | { jti: string; ok: false; reason: Rejection };

/** Splits messages into envelopes of at most MAX_BATCH_MESSAGES and about MAX_BATCH_BYTES. */
export function chunkBatches<T extends { body: unknown }>(messages: readonly T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = JSON.stringify(m.body ?? null).length + 200;
    if (
      current.length > 0 &&
      (current.length >= MAX_BATCH_MESSAGES || bytes + size > MAX_BATCH_BYTES)
    ) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) {
    out.push(current);
  }
  return out;
}

/** Signs a batch envelope carrying `jwe` (the encrypted messages). */
export async function signBatch(
  claims: { iss: string; aud: string; jti: string; jwe: string },
  signer: ActiveKey,
  ttlSeconds = 300,
  now = new Date(),
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ jwe: claims.jwe })
    .setProtectedHeader({ alg: NODE_SIG_ALG, typ: BATCH_TYP, kid: signer.kid })
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setJti(claims.jti)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(signer.key);
}

/** Verifies a batch envelope; returns its jti and encrypted payload, or a rejection. */
export async function verifyBatch(
  jws: string,
  key: CryptoKey | Uint8Array,
  expected: { issuer: string; audience: string },
  now = new Date(),
): Promise<{ jti: string; jwe: string }> {
  const p = await verifySigned(jws, key, { ...expected, typ: BATCH_TYP }, now);
  if (typeof p.jwe !== 'string' || p.jwe.length === 0) {
    throw new MessageRejected('UNREADABLE', 'A batch carries its messages encrypted');
  }
  return { jti: p.jti, jwe: p.jwe };
}

const FIELDS = ['knd', 'frm', 'to', 'sub', 'agr'] as const;

/**
 * The messages of a decrypted batch. The whole batch is refused when it is not a bounded list
 * of messages with distinct jtis; a message lacking a claim is refused on its own (MALFORMED).
 */
export function parseBatch(payload: unknown): { messages: BatchedMessage[]; malformed: string[] } {
  const list = (payload as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH_MESSAGES) {
    throw new MessageRejected(
      'MALFORMED',
      `A batch holds between 1 and ${MAX_BATCH_MESSAGES} messages`,
    );
  }
  const seen = new Set<string>();
  const messages: BatchedMessage[] = [];
  const malformed: string[] = [];
  for (const item of list as Record<string, unknown>[]) {
    const jti = item?.jti;
    if (typeof jti !== 'string' || jti.length === 0 || jti.length > 100 || seen.has(jti)) {
      throw new MessageRejected('MALFORMED', 'Every message of a batch has its own jti');
    }
    seen.add(jti);
    if (FIELDS.some((f) => typeof item[f] !== 'string' || item[f].length === 0)) {
      malformed.push(jti);
      continue;
    }
    messages.push(item as unknown as BatchedMessage);
  }
  return { messages, malformed };
}
