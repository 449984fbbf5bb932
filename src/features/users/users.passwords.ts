// Password strength: refuse the commonly used passwords (an offline list shipped in an npm package)
// and those a guesser would find quickly, not only short ones.
import { createRequire } from 'node:module';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

// zxcvbn-ts (CommonJS only) and its dictionaries load on the first check, not at start-up (ADR 0129).
const require = createRequire(import.meta.url);
let factory: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  if (!factory) {
    const core = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common =
      require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    factory = new core.ZxcvbnFactory({
      dictionary: common.dictionary,
      graphs: common.adjacencyGraphs,
    });
  }
  return factory;
}

/** The lowest zxcvbn score accepted (3: "safely unguessable", offline slow-hash attack). */
export const MIN_PASSWORD_SCORE = 3;

/**
 * True when a password is strong enough: not on the common-password lists (zxcvbn-ts's
 * `passwords-common`, about 30,000 entries), not a keyboard walk, repetition or sequence,
 * and scoring at least MIN_PASSWORD_SCORE.
 */
export function isStrongPassword(password: string, userInputs: string[] = []): boolean {
  // zxcvbn's cost grows with length; past 100 characters only the start is scored.
  return zxcvbn().check(password.slice(0, 100), userInputs).score >= MIN_PASSWORD_SCORE;
}
