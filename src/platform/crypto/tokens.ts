import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../errors.js';
import { TOKEN_ALG, type SigningKeys } from './signing-keys.js';

/** Audience of access tokens for this node's API. */
export const ACCESS_TOKEN_AUDIENCE = 'ariadne:api';
/** JOSE `typ` of access tokens (RFC 9068). */
export const ACCESS_TOKEN_TYP = 'at+jwt';

/** Clock skew tolerated on the issue time (expiry is strict: a token is short-lived anyway). */
export const TOKEN_CLOCK_SKEW_SECONDS = 30;

/** What an access token asserts. */
export interface AccessClaims {
  /** User id. */
  sub: string;
  /** Session id; checked against the database on every request. */
  sid: string;
}

/** Verified tokens kept at most (the map is emptied when full). */
const VERIFIED_MAX = 20_000;

/** A token whose signature and claims were checked: its claims, key and expiry. */
interface Verified {
  claims: AccessClaims;
  kid: string;
  exp: number;
}

/** Signs and verifies short-lived access tokens with the node's keys. */
export class AccessTokens {
  /**
   * Tokens already verified, by their exact string: a client sends the same token on every
   * request for its lifetime, and an Ed25519 verification costs more than the rest of
   * authentication. A hit is still refused once expired or once its key is no longer accepted;
   * the session and user behind it are checked on every request as before (ADR 0121, 0134).
   */
  private readonly verified = new Map<string, Verified>();

  constructor(
    private readonly keys: SigningKeys,
    private readonly issuer: string,
    readonly ttlSeconds: number,
  ) {}

  /** Signs an access token for a session. */
  async sign(claims: AccessClaims): Promise<string> {
    const { kid, key } = await this.keys.activeSigner();
    return new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: TOKEN_ALG, kid, typ: ACCESS_TOKEN_TYP })
      .setSubject(claims.sub)
      .setIssuer(this.issuer)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(key);
  }

  /** Verifies signature, algorithm, typ, issuer, audience and expiry; throws TOKEN_INVALID. */
  async verify(token: string): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known) {
      if (known.exp <= Date.now() / 1000) {
        this.verified.delete(token);
        throw new AppError('TOKEN_INVALID', 'Access token has expired');
      }
      if (!(await this.keys.verificationKey(known.kid))) {
        this.verified.delete(token);
        throw new AppError('TOKEN_INVALID', 'Access token is invalid');
      }
      return known.claims;
    }
    const claims = await this.verifyFully(token);
    if (this.verified.size >= VERIFIED_MAX) {
      this.verified.clear();
    }
    this.verified.set(token, claims);
    return claims.claims;
  }

  private async verifyFully(token: string): Promise<Verified> {
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== TOKEN_ALG || typeof header.kid !== 'string') {
        throw new AppError('TOKEN_INVALID', 'Access token is invalid');
      }
      const key = await this.keys.verificationKey(header.kid);
      if (!key) {
        throw new AppError('TOKEN_INVALID', 'Access token is invalid');
      }
      const { payload } = await jwtVerify(token, key, {
        algorithms: [TOKEN_ALG],
        issuer: this.issuer,
        audience: ACCESS_TOKEN_AUDIENCE,
        typ: ACCESS_TOKEN_TYP,
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      });
      // A token signed with the node's key is still bounded: one string audience, issued no later
      // than now (with skew), and living no longer than this node issues tokens for.
      const now = Math.floor(Date.now() / 1000);
      const iat = payload.iat as number;
      const exp = payload.exp as number;
      if (
        typeof payload.aud !== 'string' ||
        iat > now + TOKEN_CLOCK_SKEW_SECONDS ||
        exp - iat > this.ttlSeconds + TOKEN_CLOCK_SKEW_SECONDS
      ) {
        throw new AppError('TOKEN_INVALID', 'Access token is invalid');
      }
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        throw new AppError('TOKEN_INVALID', 'Access token is invalid');
      }
      return { claims: { sub: payload.sub, sid: payload.sid }, kid: header.kid, exp };
    } catch (err) {
      if (err instanceof AppError) {
        throw err;
      }
      const expired = err instanceof errors.JWTExpired;
      throw new AppError(
        'TOKEN_INVALID',
        expired ? 'Access token has expired' : 'Access token is invalid',
      );
    }
  }
}
