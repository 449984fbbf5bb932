// CSRF tokens: an HMAC of the session (or, before login, of an anonymous visit cookie).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Issues and checks CSRF tokens bound to one session or visit. */
export class CsrfTokens {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('ariadne web csrf v1').digest();
  }

  /** The token forms of this session or visit carry. */
  issue(binding: string): string {
    return createHmac('sha256', this.key).update(binding).digest('base64url');
  }

  /** True when `token` was issued for `binding`. */
  check(binding: string, token: unknown): boolean {
    if (typeof token !== 'string' || token.length === 0 || token.length > 100) {
      return false;
    }
    const want = Buffer.from(this.issue(binding));
    const got = Buffer.from(token);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}
