// The message envelope: a JWS (EdDSA, own `typ`, pinned `kid`) carrying issuer, audience, jti,
// issue and expiry times, the message kind, both jurisdictions, the subject and the agreement
// relied on. A payload that names people travels inside as a compact JWE (ECDH-ES, A256GCM)
// to the recipient node's encryption key.
import {
  compactDecrypt,
  CompactEncrypt,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWTPayload,
} from 'jose';
import { NODE_ENC_ALG, NODE_SIG_ALG, type ActiveKey } from './federation.keys.js';

/** `typ` of every node message. */
export const MESSAGE_TYP = 'ariadne-message+jwt';
/** `typ` of a batch envelope (many messages, signed and encrypted once: ADR 0085). */
export const BATCH_TYP = 'ariadne-batch+jwt';
/** Content encryption of encrypted payloads. */
export const PAYLOAD_ENC = 'A256GCM';
/** Longest lifetime a receiver accepts (exp − iat), seconds. */
export const MAX_MESSAGE_TTL_SECONDS = 600;

/** Why a message was refused (stable codes, recorded in the receiver's audit trail). */
export const REJECTIONS = [
  'MALFORMED',
  'UNSIGNED',
  'UNKNOWN_PEER',
  'UNKNOWN_KEY',
  'TAMPERED',
  'EXPIRED',
  'WRONG_AUDIENCE',
  'REPLAYED',
  'UNKNOWN_KIND',
  'NOT_HOSTED',
  'NO_AGREEMENT',
  'NO_CONSENT',
  'UNREADABLE',
] as const;
/** A rejection code. */
export type Rejection = (typeof REJECTIONS)[number];

/** A refused message: the code, and a message safe to return to the sender. */
export class MessageRejected extends Error {
  constructor(
    readonly reason: Rejection,
    message: string,
  ) {
    super(message);
  }
}

/** The claims of a message. */
export interface MessageClaims {
  iss: string;
  aud: string;
  jti: string;
  iat: number;
  exp: number;
  /** Message kind (federation_message_kinds). */
  knd: string;
  /** Sending and receiving jurisdictions. */
  frm: string;
  to: string;
  /** Subject key: messages of one subject are delivered in order. */
  sub: string;
  /** Reference of the exchange agreement the sender relied on. */
  agr: string;
  /** A payload that names nobody. */
  body?: unknown;
  /** A payload that names people: a compact JWE to the recipient node. */
  jwe?: string;
}

/** Signs a message. */
export async function signMessage(
  claims: Omit<MessageClaims, 'iat' | 'exp'>,
  signer: ActiveKey,
  ttlSeconds = 300,
  now = new Date(),
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const { iss, aud, jti, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: NODE_SIG_ALG, typ: MESSAGE_TYP, kid: signer.kid })
    .setIssuer(iss)
    .setAudience(aud)
    .setJti(jti)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(signer.key);
}

/** The unverified issuer and kid of a message (to find the key), or a rejection. */
export function peekMessage(jws: string, typ = MESSAGE_TYP): { iss: string; kid: string } {
  if (typeof jws !== 'string' || jws.split('.').length !== 3) {
    throw new MessageRejected('MALFORMED', 'A message is a compact JWS');
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(jws);
    payload = decodeJwt(jws);
  } catch {
    throw new MessageRejected('MALFORMED', 'The message cannot be decoded');
  }
  if (header.alg !== NODE_SIG_ALG || jws.endsWith('.')) {
    throw new MessageRejected('UNSIGNED', `Messages must be signed with ${NODE_SIG_ALG}`);
  }
  if (header.typ !== typ) {
    throw new MessageRejected('MALFORMED', `The message typ must be ${typ}`);
  }
  if (typeof payload.iss !== 'string' || typeof header.kid !== 'string') {
    throw new MessageRejected('MALFORMED', 'The message names no issuer or no kid');
  }
  return { iss: payload.iss, kid: header.kid };
}

/** Verifies signature, `typ`, issuer, audience and times of a JWS; returns its payload. */
export async function verifySigned(
  jws: string,
  key: CryptoKey | Uint8Array,
  expected: { issuer: string; audience: string; typ: string },
  now = new Date(),
): Promise<JWTPayload & { iat: number; exp: number; jti: string }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(jws, key, {
      algorithms: [NODE_SIG_ALG],
      typ: expected.typ,
      issuer: expected.issuer,
      audience: expected.audience,
      currentDate: now,
      requiredClaims: ['jti', 'iat', 'exp', 'aud', 'iss'],
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) {
      throw new MessageRejected('EXPIRED', 'The message has expired');
    }
    if (err instanceof errors.JWSSignatureVerificationFailed) {
      throw new MessageRejected('TAMPERED', 'The signature does not match the message');
    }
    if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'aud') {
      throw new MessageRejected('WRONG_AUDIENCE', 'The message is addressed to another node');
    }
    throw new MessageRejected('MALFORMED', 'The message claims are invalid');
  }
  const p = payload as JWTPayload & { iat: number; exp: number; jti: string };
  if (p.exp - p.iat > MAX_MESSAGE_TTL_SECONDS) {
    throw new MessageRejected('EXPIRED', 'The message lives longer than receivers accept');
  }
  return p;
}

/** Verifies signature, typ, issuer, audience and times; returns the claims or a rejection. */
export async function verifyMessage(
  jws: string,
  key: CryptoKey | Uint8Array,
  expected: { issuer: string; audience: string },
  now = new Date(),
): Promise<MessageClaims> {
  const payload = await verifySigned(jws, key, { ...expected, typ: MESSAGE_TYP }, now);
  const c = payload as unknown as MessageClaims;
  for (const f of ['knd', 'frm', 'to', 'sub', 'agr'] as const) {
    if (typeof c[f] !== 'string' || c[f].length === 0) {
      throw new MessageRejected('MALFORMED', `The message claim ${f} is missing`);
    }
  }
  return c;
}

/** Encrypts a payload to a recipient node's encryption key. */
export async function encryptPayload(
  body: unknown,
  recipient: { kid: string; key: CryptoKey | Uint8Array },
): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(body)))
    .setProtectedHeader({ alg: NODE_ENC_ALG, enc: PAYLOAD_ENC, kid: recipient.kid })
    .encrypt(recipient.key);
}

/** The kid an encrypted payload was encrypted to. */
export function payloadKid(jwe: string): string | undefined {
  try {
    const kid = decodeProtectedHeader(jwe).kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

/** Decrypts a payload with this node's private encryption key. */
export async function decryptPayload(jwe: string, key: CryptoKey | Uint8Array): Promise<unknown> {
  try {
    const { plaintext } = await compactDecrypt(jwe, key, {
      keyManagementAlgorithms: [NODE_ENC_ALG],
      contentEncryptionAlgorithms: [PAYLOAD_ENC],
    });
    return JSON.parse(new TextDecoder().decode(plaintext)) as unknown;
  } catch {
    throw new MessageRejected('UNREADABLE', 'The encrypted payload cannot be read by this node');
  }
}
