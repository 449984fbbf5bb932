// Verification codes of certificates: 128 random bits written in Crockford base32 (no I, L, O,
// U; readable over the phone), stored only as their SHA-256.
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters of a code: 128 bits in 5-bit symbols. */
export const CODE_LENGTH = 26;

/** A new verification code (128 bits from the system CSPRNG). */
export function newVerificationCode(): string {
  const bytes = randomBytes(16);
  let bits = 0n;
  for (const b of bytes) {
    bits = (bits << 8n) | BigInt(b);
  }
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    out = ALPHABET[Number(bits & 31n)]! + out;
    bits >>= 5n;
  }
  return out;
}

/** A code as typed by a person (lower case, dashes, spaces, O for 0, I/L for 1) in canonical form. */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Whether a canonical code is well formed. */
export function isWellFormedCode(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c));
}

/** A code grouped by four for printing (XXXX-XXXX-…). */
export function groupCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** What is stored of a code: its SHA-256 (hex). */
export function codeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
