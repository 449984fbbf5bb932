// Password strength: refuse the commonly used passwords (an offline list shipped in an npm package)
// and those a guesser would find quickly, not only short ones.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

let factory: ZxcvbnFactory | undefined;

/** The lowest zxcvbn score accepted (3: "safely unguessable", offline slow-hash attack). */
export const MIN_PASSWORD_SCORE = 3;

/**
 * True when a password is strong enough: not on the common-password lists (zxcvbn-ts's
 * `passwords-common`, about 30,000 entries), not a keyboard walk, repetition or sequence,
 * and scoring at least MIN_PASSWORD_SCORE.
 */
export function isStrongPassword(password: string, userInputs: string[] = []): boolean {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  // zxcvbn's cost grows with length; past 100 characters only the start is scored.
  return factory.check(password.slice(0, 100), userInputs).score >= MIN_PASSWORD_SCORE;
}
