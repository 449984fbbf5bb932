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
// The test suite's cost (1 MiB, 1 iteration): the same algorithm and code path, a thousandth of
// the work. Only test/node.ts selects it, for its own process (ADR 0123).
const TEST_OPTIONS = { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;
let options: typeof OPTIONS | typeof TEST_OPTIONS = OPTIONS;

/**
 * Makes this process hash new passwords at the test suite's low cost. Called by the test node
 * only, with its configuration; refused unless NODE_ENV is 'test', so a service can never weaken its hashes.
 * Verification reads the cost from each hash, so both kinds keep verifying.
 */
export function useTestPasswordCost(env: { NODE_ENV: string }): void {
  if (env.NODE_ENV !== 'test') {
    throw new Error('useTestPasswordCost is for the test suite only (NODE_ENV=test)');
  }
  options = TEST_OPTIONS;
}

/** Hashes a password with argon2id. */
export async function hashPassword(password: string): Promise<string> {
  refuseInTransaction();
  return hash(password, options);
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
