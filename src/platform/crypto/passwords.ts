import { hash, verify } from '@node-rs/argon2';
import { inOpenTransaction } from '../db/tx-guard.js';

/** argon2 inside a transaction holds its locks (and, on PGlite, every query) while it hashes. */
function refuseInTransaction(): void {
  if (inOpenTransaction()) {
    throw new Error('argon2 called inside a transaction: hash or verify before opening it');
  }
}

// argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export async function hashPassword(password: string): Promise<string> {
  refuseInTransaction();
  return hash(password, OPTIONS);
}

/** Checks a password against an argon2 hash; false for any malformed hash. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  refuseInTransaction();
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-for-timing-only');
  return dummy;
}
