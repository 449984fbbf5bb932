import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../config/index.js';
import type { Database, Queryable } from '../../platform/db/index.js';
import { buildAbility, type Actor, type Policy } from '../../platform/authz/index.js';
import {
  AccessTokens,
  SecretBox,
  dummyHash,
  verifyPassword,
  type SigningKeys,
} from '../../platform/crypto/index.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { findUser, type UsersService, type User } from '../users/index.js';
import {
  findLiveSession,
  findWebSession,
  hashToken,
  findLoginAccount,
  findRefreshToken,
  insertSession,
  issueRefreshToken,
  markRefreshTokenUsed,
  recordGoodLogin,
  revokeSession,
  touchWebSession,
  saveTotp,
  type LoginAccount,
} from './auth.repository.js';
import type { LoginInput } from './auth.schemas.js';
import { createAccountFlows } from './auth.accounts.js';
import { checkTotp, newTotpSecret } from './auth.totp.js';
import { createSessionCache } from './auth.sessions.js';
import { createThrottle, throttleKeys } from './auth.throttle.js';

/** A password checked outside the transaction, and the hash it was checked against. */
interface CheckedPassword {
  hash: string | null;
  ok: boolean;
}

/** What login and refresh return. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** Where a login attempt comes from (throttling is per address, per account and per pair). */
export interface LoginClient {
  ip: string;
  requestId: string;
}

/** Everything the auth service needs. */
export interface AuthDeps {
  db: Database;
  config: AppConfig;
  keys: SigningKeys;
  users: UsersService;
  policies: readonly Policy[];
}

interface OpenedSession {
  userId: string;
  sid: string;
  refreshToken: string;
  /** The cookie token of a web session (pages), shown once. */
  webToken?: string;
}

/** A web session opened by the pages: the cookie token and how long it lives. */
export interface WebSessionCookie {
  token: string;
  maxAgeSeconds: number;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'E-mail or password is wrong');

/** Login, token refresh and rotation, logout, MFA enrolment and actor resolution. */
export function createAuthService({ db, config, keys, users, policies }: AuthDeps) {
  const security = config.node.security;
  const tokens = new AccessTokens(keys, config.node.issuer, security.accessTokenTtlSeconds);
  // Live sessions with their actor's facts and ability, dropped on any change (ADR 0121).
  const sessions = createSessionCache<{
    facts: Omit<Actor, 'ability' | 'requestId'>;
    ability: Actor['ability'];
  }>(db);
  const totpBox = new SecretBox(config.env.ARIADNE_SECRET, 'totp');
  const accounts = createAccountFlows({ db, config, users });
  const throttle = createThrottle({
    pair: { free: security.maxFailedLogins, capSeconds: security.lockoutMinutes * 60 },
    address: { free: security.maxFailedLogins * 6, capSeconds: security.lockoutMinutes * 60 },
    account: { free: security.maxFailedLogins * 2, capSeconds: 60 },
  });

  /** Opens a session in the transaction; the access token is signed after commit (see sign). */
  async function openSession(t: Queryable, userId: string, web = false): Promise<OpenedSession> {
    const webToken = web ? randomBytes(32).toString('base64url') : undefined;
    const sid = await insertSession(
      t,
      userId,
      security.refreshTokenTtlSeconds,
      webToken ? hashToken(webToken) : null,
    );
    const refreshToken = await issueRefreshToken(t, sid, security.refreshTokenTtlSeconds);
    return { userId, sid, refreshToken, webToken };
  }

  /** Signs the access token of a committed session. */
  async function sign(s: OpenedSession): Promise<TokenPair> {
    const accessToken = await tokens.sign({ sub: s.userId, sid: s.sid });
    return { accessToken, refreshToken: s.refreshToken, expiresIn: security.accessTokenTtlSeconds };
  }

  /** Checks the second factor; returns the TOTP step used, or an error. */
  function secondFactor(account: LoginAccount, code: string | undefined): Outcome<number | null> {
    if (account.totpEnabled && account.totpSecret) {
      if (!code) {
        return { ok: false, error: new AppError('MFA_REQUIRED', 'A TOTP code is required') };
      }
      const step = checkTotp(totpBox.open(account.totpSecret), code);
      if (step === null || (account.totpLastStep !== null && step <= account.totpLastStep)) {
        return {
          ok: false,
          error: new AppError('MFA_INVALID', 'The TOTP code is wrong or was already used'),
        };
      }
      return { ok: true, value: step };
    }
    if (config.node.mfaRequiredRoles.includes(account.role) && !account.mfaExempt) {
      return {
        ok: false,
        error: new AppError(
          'MFA_ENROLMENT_REQUIRED',
          'Your role requires a second factor; ask an administrator to enrol one',
        ),
      };
    }
    return { ok: true, value: null };
  }

  /**
   * Checks the password before any transaction opens (argon2 takes tens of milliseconds and, on
   * the embedded database, a transaction blocks every other query): the hash it was checked
   * against travels along and must still be the account's inside the transaction.
   */
  async function checkPassword(input: LoginInput): Promise<CheckedPassword> {
    const account = await findLoginAccount(db, input.email);
    if (!account || account.disabledAt) {
      await verifyPassword(await dummyHash(), input.password);
      return { hash: null, ok: false };
    }
    return {
      hash: account.passwordHash,
      ok: await verifyPassword(account.passwordHash, input.password),
    };
  }

  async function attemptLogin(
    t: Queryable,
    input: LoginInput,
    client: LoginClient,
    web = false,
    checked: CheckedPassword = { hash: null, ok: false },
  ): Promise<Outcome<OpenedSession>> {
    const account = await findLoginAccount(t, input.email);
    const keys = throttleKeys(client.ip, account?.id);
    // A throttled attempt, an unknown e-mail and a disabled account answer exactly like a wrong
    // password, after the same hashing work: nobody learns which accounts exist or are throttled.
    if (!account || account.disabledAt || (await throttle.blocked(t, keys))) {
      if (!account || account.disabledAt) {
        await throttle.failed(t, keys);
      }
      return { ok: false, error: invalidCredentials() };
    }
    const who = { id: account.id, role: account.role, country: account.country };
    const passwordOk = checked.ok && checked.hash === account.passwordHash;
    const factor = passwordOk ? secondFactor(account, input.totp) : undefined;
    if (!passwordOk || (factor && !factor.ok && factor.error.code === 'MFA_INVALID')) {
      await throttle.failed(t, keys);
      await recordAudit(
        t,
        who,
        {
          action: 'login_failed',
          subjectType: 'User',
          subjectId: account.id,
          subjectCountry: account.country,
          details: { reason: passwordOk ? 'totp' : 'password' },
        },
        client.requestId,
      );
      return { ok: false, error: factor && !factor.ok ? factor.error : invalidCredentials() };
    }
    if (!account.emailVerified) {
      // Only someone who knows the password learns that the address still needs verifying.
      return {
        ok: false,
        error: new AppError('EMAIL_NOT_VERIFIED', 'Confirm your e-mail address first'),
      };
    }
    if (factor && !factor.ok) {
      return factor;
    }
    await throttle.succeeded(t, keys);
    await recordGoodLogin(t, account.id, factor?.ok ? factor.value : null);
    const session = await openSession(t, account.id, web);
    await recordAudit(
      t,
      who,
      {
        action: 'login',
        subjectType: 'User',
        subjectId: account.id,
        subjectCountry: account.country,
      },
      client.requestId,
    );
    return { ok: true, value: session };
  }

  async function attemptRefresh(
    t: Queryable,
    token: string,
    requestId: string,
  ): Promise<Outcome<OpenedSession>> {
    const state = await findRefreshToken(t, token);
    const invalid = new AppError('TOKEN_INVALID', 'Refresh token is invalid');
    if (!state || state.expired || state.sessionRevoked || state.userDisabled) {
      return { ok: false, error: invalid };
    }
    const who = { id: state.userId, role: state.role, country: state.country };
    if (state.usedAt) {
      // A used token presented again: it was stolen or replayed. End the whole session.
      await revokeSession(t, state.sessionId, 'refresh token reuse');
      await recordAudit(
        t,
        who,
        {
          action: 'refresh_reuse',
          subjectType: 'Session',
          subjectId: state.sessionId,
          subjectCountry: state.country,
        },
        requestId,
      );
      return { ok: false, error: invalid };
    }
    await markRefreshTokenUsed(t, token);
    const refreshToken = await issueRefreshToken(
      t,
      state.sessionId,
      security.refreshTokenTtlSeconds,
    );
    return { ok: true, value: { userId: state.userId, sid: state.sessionId, refreshToken } };
  }

  async function settle<T>(work: (t: Queryable) => Promise<Outcome<T>>): Promise<T> {
    // The transaction commits failures too (failed-login counts, reuse revocation), then we throw.
    const outcome = await db.transaction(work);
    if (!outcome.ok) {
      throw outcome.error;
    }
    return outcome.value;
  }

  async function loginWith(input: LoginInput, client: LoginClient, web: boolean) {
    const checked = await checkPassword(input);
    return settle((t) => attemptLogin(t, input, client, web, checked));
  }

  return {
    /** Access tokens this service signs and verifies. */
    tokens,

    /** Password (+ TOTP) login; opens a session. */
    login: async (input: LoginInput, client: LoginClient) =>
      sign(await loginWith(input, client, false)),

    /** Password (+ TOTP) login from the pages; opens a web session and returns its cookie. */
    async webLogin(input: LoginInput, client: LoginClient): Promise<WebSessionCookie> {
      const s = await loginWith(input, client, true);
      return { token: s.webToken!, maxAgeSeconds: security.refreshTokenTtlSeconds };
    },

    /** Rotates a refresh token; a reused one revokes its session. */
    refresh: async (refreshToken: string, requestId: string) =>
      sign(await settle((t) => attemptRefresh(t, refreshToken, requestId))),

    /** Ends the actor's session. */
    async logout(actor: Actor): Promise<void> {
      await db.transaction(async (t) => {
        await revokeSession(t, actor.sessionId, 'logout');
        await recordAudit(t, actor, {
          action: 'logout',
          subjectType: 'Session',
          subjectId: actor.sessionId,
          subjectCountry: actor.country,
        });
      });
    },

    /** Opens a session for a user directly (seed and tests). */
    issueSession: async (userId: string) =>
      sign(await db.transaction((t) => openSession(t, userId))),

    /** Registration with address verification, and password reset by e-mail. */
    ...accounts,

    /** Proves the address with the e-mailed code and opens a web session (the pages' verify link). */
    async verifyAndSignIn(code: string): Promise<WebSessionCookie> {
      return db.transaction(async (t) => {
        const { userId } = await accounts.verifyEmail(code, t);
        const s = await openSession(t, userId, true);
        return { token: s.webToken!, maxAgeSeconds: security.refreshTokenTtlSeconds };
      });
    },

    /** Starts TOTP enrolment: stores an unconfirmed seed and returns it once. */
    async startTotp(actor: Actor): Promise<{ secret: string; uri: string }> {
      return db.transaction(async (t) => {
        const user = (await findUser(t, actor.id))!;
        if (user.totpEnabled) {
          throw new AppError('CONFLICT', 'A second factor is already enrolled');
        }
        const seed = newTotpSecret(user.email);
        await saveTotp(t, actor.id, totpBox.seal(seed.secret), false);
        await recordAudit(t, actor, {
          action: 'mfa_enrol_start',
          subjectType: 'User',
          subjectId: actor.id,
          subjectCountry: actor.country,
        });
        return seed;
      });
    },

    /** Confirms enrolment with a current code. */
    async confirmTotp(actor: Actor, code: string): Promise<User> {
      return db.transaction(async (t) => {
        const account = (await findLoginAccount(t, (await findUser(t, actor.id))!.email))!;
        if (!account.totpSecret || account.totpEnabled) {
          throw new AppError('CONFLICT', 'No pending enrolment');
        }
        if (checkTotp(totpBox.open(account.totpSecret), code) === null) {
          throw new AppError('MFA_INVALID', 'The TOTP code is wrong');
        }
        await saveTotp(t, actor.id, account.totpSecret, true);
        await recordAudit(t, actor, {
          action: 'mfa_enrol_confirm',
          subjectType: 'User',
          subjectId: actor.id,
          subjectCountry: actor.country,
        });
        return (await findUser(t, actor.id))!;
      });
    },

    /** Enrols a TOTP seed for a user at once (CLI for roles that must use MFA). */
    async enrolTotpAsSystem(userId: string): Promise<{ secret: string; uri: string }> {
      const user = await findUser(db, userId);
      if (!user) {
        throw new AppError('NOT_FOUND', 'User not found');
      }
      const seed = newTotpSecret(user.email);
      await db.transaction(async (t) => {
        await saveTotp(t, userId, totpBox.seal(seed.secret), true);
        await recordAudit(t, null, {
          action: 'mfa_enrol',
          subjectType: 'User',
          subjectId: userId,
          subjectCountry: user.country,
        });
      });
      return seed;
    },

    /** Resolves a web session cookie to its user, or null when the session is over. */
    async resolveWebSession(token: string, requestId: string) {
      const identity = await findWebSession(db, token);
      if (!identity) {
        return null;
      }
      // Staff sessions end after a while without a page request (ADR 0150); families' do not.
      const idle = identity.idleSeconds;
      if (identity.role !== 'family' && idle !== null && idle > security.staffIdleMinutes * 60) {
        await db.transaction(async (t) => {
          await revokeSession(t, identity.sessionId, 'idle');
          await recordAudit(
            t,
            { id: identity.id, role: identity.role, country: identity.country.trim() },
            {
              action: 'session_idle',
              subjectType: 'Session',
              subjectId: identity.sessionId,
              subjectCountry: identity.country.trim(),
            },
            requestId,
          );
        });
        return null;
      }
      // Written at most once a minute, so a page view rarely costs a write.
      if (idle === null || idle > 60) {
        await touchWebSession(db, identity.sessionId);
      }
      const facts = {
        id: identity.id,
        role: identity.role,
        country: identity.country.trim(),
        organisationId: identity.organisationId,
        sessionId: identity.sessionId,
        requestId,
      };
      return {
        actor: { ...facts, ability: buildAbility(facts, policies) },
        displayName: identity.displayName,
        preferredLanguage: identity.preferredLanguage,
      };
    },

    /** Opens a web session for a user (after a page login or verification). */
    async openWebSessionFor(t: Queryable, userId: string): Promise<WebSessionCookie> {
      const s = await openSession(t, userId, true);
      return { token: s.webToken!, maxAgeSeconds: security.refreshTokenTtlSeconds };
    },

    /**
     * Resolves a bearer token to an actor; the session and user come from memory until anything
     * that could end or narrow the session changes (ADR 0121).
     */
    async resolveActor(token: string, requestId: string): Promise<Actor> {
      const claims = await tokens.verify(token);
      const resolved = await sessions.resolve(
        claims.sid,
        claims.sub,
        () => findLiveSession(db, claims.sid, claims.sub),
        (identity) => {
          const facts = {
            id: identity.id,
            role: identity.role,
            country: identity.country.trim(),
            organisationId: identity.organisationId,
            sessionId: claims.sid,
          };
          // Policies never read the request id: the ability is shared by the session's requests.
          return { facts, ability: buildAbility({ ...facts, requestId: '' }, policies) };
        },
      );
      if (!resolved) {
        throw new AppError('TOKEN_INVALID', 'Session has ended');
      }
      const { facts, ability } = resolved.derived;
      return { ...facts, requestId, ability };
    },
  };
}

/** The auth service's interface. */
export type AuthService = ReturnType<typeof createAuthService>;
