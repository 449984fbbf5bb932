// What members and the linkage unit say to each other, and the port their transport plugs into.
// Messages carry encodings and pseudonyms, never a secret; a linkage secret travels only between
// members, as a JWE for one recipient (ECDH-ES+A256KW, A256GCM).
import { CompactEncrypt, compactDecrypt, type CryptoKey, type JWK, type KeyObject } from 'jose';
import { decodeProtectedHeader, importJWK } from 'jose';
import type { SecretScope } from './linkage.keys.js';

/** A member's encodings for the unit (type 'pprl.submit'). */
export interface SubmitMessage {
  type: 'pprl.submit';
  agreementId: string;
  member: string;
  secretVersion: number;
  schemaVersion: string;
  /** Encodings under fresh pseudonyms (base64 of 128 bytes). */
  records: { pseudonym: string; clk: string }[];
}

/** A member takes encodings back (consent withdrawn, report closed, secret rotated). */
export interface WithdrawMessage {
  type: 'pprl.withdraw';
  agreementId: string;
  member: string;
  pseudonyms: string[];
}

/** Pairs the unit returns to one member: its own pseudonym, the other side's, the similarity. */
export interface PairsMessage {
  type: 'pprl.pairs';
  agreementId: string;
  /** Who compared: the unit's jurisdiction, or the member holding the encodings (bilateral). */
  sender?: string;
  member: string;
  secretVersion: number;
  pairs: { pseudonym: string; otherMember: string; otherPseudonym: string; score: number }[];
}

/** Messages a linkage unit receives. */
export type UnitMessage = SubmitMessage | WithdrawMessage;

/**
 * How members and the unit reach each other. The in-process transport (linkage.transport.ts)
 * serves jurisdictions hosted on one node; the transnational channel's signed envelopes and
 * outbox implement the same port between nodes.
 */
export interface LinkageTransport {
  /**
   * Delivers a message to whoever compares: the agreement's linkage unit, or (bilateral mode)
   * each other member; `to` lists those jurisdictions.
   */
  toUnit(message: UnitMessage, to: string[]): Promise<void>;
  /** Delivers pairs to a member. */
  toMember(message: PairsMessage): Promise<void>;
  /** Public encryption key of a member jurisdiction (with its kid when it has one). */
  memberKey(country: string): Promise<RecipientKey>;
  /** Delivers a secret package from one member to another. */
  sendSecret(from: string, to: string, scope: SecretScope, jwe: string): Promise<void>;
  /** Opens a secret package addressed to one of this node's jurisdictions. */
  openSecret(country: string, jwe: string): Promise<{ secret: Buffer; scope: SecretScope }>;
}

/** A recipient's public key: a JWK, or an imported key with the kid it is published under. */
export type RecipientKey = JWK | { kid: string; key: CryptoKey | KeyObject | Uint8Array };

/** Seals a linkage secret for one member (compact JWE, the scope in the protected header). */
export async function sealSecret(
  secret: Buffer,
  scope: SecretScope,
  recipient: RecipientKey,
): Promise<string> {
  const imported = 'key' in recipient && typeof recipient.kid === 'string' && !('kty' in recipient);
  const key = imported
    ? (recipient as { key: CryptoKey | KeyObject | Uint8Array }).key
    : await importJWK(recipient as JWK, 'ECDH-ES+A256KW');
  return new CompactEncrypt(secret)
    .setProtectedHeader({
      alg: 'ECDH-ES+A256KW',
      enc: 'A256GCM',
      cty: 'ariadne-pprl-secret',
      agreement: scope.agreementId,
      version: scope.secretVersion,
      ...(recipient.kid ? { kid: recipient.kid } : {}),
    })
    .encrypt(key);
}

/** The scope and recipient kid of a secret package, read from its protected header (not opened). */
export function peekSecret(jwe: string): { scope: SecretScope; kid?: string } {
  const h = decodeProtectedHeader(jwe);
  if (h.cty !== 'ariadne-pprl-secret' || typeof h.agreement !== 'string') {
    throw new Error('not a linkage secret package');
  }
  return {
    scope: { agreementId: h.agreement, secretVersion: Number(h.version) },
    ...(typeof h.kid === 'string' ? { kid: h.kid } : {}),
  };
}

/** Opens a secret package; returns the secret and the scope it was sealed for. */
export async function openSecret(
  jwe: string,
  key: CryptoKey | KeyObject | Uint8Array,
): Promise<{ secret: Buffer; scope: SecretScope }> {
  const { plaintext, protectedHeader } = await compactDecrypt(jwe, key, {
    keyManagementAlgorithms: ['ECDH-ES+A256KW'],
    contentEncryptionAlgorithms: ['A256GCM'],
  });
  if (protectedHeader.cty !== 'ariadne-pprl-secret') {
    throw new Error('not a linkage secret package');
  }
  return {
    secret: Buffer.from(plaintext),
    scope: {
      agreementId: String(protectedHeader.agreement),
      secretVersion: Number(protectedHeader.version),
    },
  };
}
