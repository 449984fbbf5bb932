// CSRF tokens: an HMAC of the session (or, before login, of an anonymous visit cookie), masked
// with fresh random bytes in every page, so compressed pages never repeat a secret an attacker
// could recover byte by byte (BREACH).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SIZE = 32;

/** Issues and checks CSRF tokens bound to one session or visit. */
export class CsrfTokens {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('ariadne web csrf v1').digest();
  }

  private secret(binding: string): Buffer {
    return createHmac('sha256', this.key).update(binding).digest();
  }

  /** A token forms of this session or visit carry: random mask, then the masked HMAC. */
  issue(binding: string): string {
    const mask = randomBytes(SIZE);
    const secret = this.secret(binding);
    const masked = Buffer.alloc(SIZE);
    for (let i = 0; i < SIZE; i++) {
      masked[i] = mask[i]! ^ secret[i]!;
    }
    return Buffer.concat([mask, masked]).toString('base64url');
  }

  /** True when `token` was issued for `binding` (whatever its mask). */
  check(binding: string, token: unknown): boolean {
    if (typeof token !== 'string' || token.length === 0 || token.length > 100) {
      return false;
    }
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== 2 * SIZE) {
      return false;
    }
    const got = Buffer.alloc(SIZE);
    for (let i = 0; i < SIZE; i++) {
      got[i] = raw[i]! ^ raw[SIZE + i]!;
    }
    return timingSafeEqual(got, this.secret(binding));
  }
}
