// Login throttling that slows an attacker without locking the owner out (issue 15, item 2).
import type { Queryable } from '../../platform/db/index.js';
import {
  addressKey,
  clearThrottle,
  readThrottle,
  writeThrottle,
  type ThrottleRow,
} from './auth.accounts.repository.js';

/** Free failures and the longest block of one kind of counter. */
export interface ThrottleRule {
  free: number;
  capSeconds: number;
}

/** Seconds to wait after `failures` failures: none within the free ones, then 2, 4, 8… up to the cap. */
export function backoffSeconds(failures: number, rule: ThrottleRule): number {
  return failures <= rule.free ? 0 : Math.min(rule.capSeconds, 2 ** (failures - rule.free));
}

/** Counters reset after a day without failures. */
const FORGET_MS = 24 * 3600 * 1000;
/** A client that logged into an account within this time is its owner's and skips the account-wide counter. */
const TRUST_MS = 30 * 24 * 3600 * 1000;

/** The counters of one login attempt. */
export interface ThrottleKeys {
  address: string;
  pair?: string;
  account?: string;
  trusted?: string;
}

/** The keys for a client address and, when the e-mail is an account, that account. */
export function throttleKeys(ip: string, userId?: string): ThrottleKeys {
  const a = addressKey(ip);
  return userId
    ? {
        address: `i:${a}`,
        pair: `p:${userId}:${a}`,
        account: `a:${userId}`,
        trusted: `ok:${userId}:${a}`,
      }
    : { address: `i:${a}` };
}

/** The rules: per address and account pair, per address, and a short account-wide one. */
export interface ThrottleRules {
  pair: ThrottleRule;
  address: ThrottleRule;
  account: ThrottleRule;
}

/** Login throttling over the `login_throttle` table. */
export function createThrottle(rules: ThrottleRules) {
  function ruleOf(key: string): ThrottleRule {
    return key.startsWith('p:') ? rules.pair : key.startsWith('i:') ? rules.address : rules.account;
  }
  const counted = (k: ThrottleKeys) =>
    [k.address, k.pair, k.account].filter((x): x is string => !!x);

  return {
    /**
     * True while the attempt must wait. The account-wide counter does not hold back a client
     * that logged into this account recently (the owner), so nobody can lock the owner out.
     */
    async blocked(q: Queryable, k: ThrottleKeys, now = new Date()): Promise<boolean> {
      const rows = new Map<string, ThrottleRow>(
        (await readThrottle(q, [...counted(k), ...(k.trusted ? [k.trusted] : [])])).map((r) => [
          r.key,
          r,
        ]),
      );
      const live = (key?: string) => {
        const r = key ? rows.get(key) : undefined;
        return !!r?.blockedUntil && r.blockedUntil > now;
      };
      const trusted = k.trusted ? rows.get(k.trusted) : undefined;
      const owner = !!trusted && now.getTime() - new Date(trusted.updatedAt).getTime() < TRUST_MS;
      return live(k.address) || live(k.pair) || (!owner && live(k.account));
    },

    /** Counts a failure on every counter of the attempt and sets its back-off. */
    async failed(q: Queryable, k: ThrottleKeys, now = new Date()): Promise<void> {
      const keys = counted(k);
      const rows = new Map((await readThrottle(q, keys)).map((r) => [r.key, r]));
      for (const key of keys) {
        const r = rows.get(key);
        const fresh = !r || now.getTime() - new Date(r.updatedAt).getTime() > FORGET_MS;
        const failures = fresh ? 1 : r.failures + 1;
        const wait = backoffSeconds(failures, ruleOf(key));
        await writeThrottle(
          q,
          key,
          failures,
          wait > 0 ? new Date(now.getTime() + wait * 1000) : null,
        );
      }
    },

    /** A good login: clears the account's counters and trusts this client for the account. */
    async succeeded(q: Queryable, k: ThrottleKeys): Promise<void> {
      await clearThrottle(
        q,
        [k.pair, k.account].filter((x): x is string => !!x),
      );
      if (k.trusted) {
        await writeThrottle(q, k.trusted, 0, null);
      }
    },
  };
}
