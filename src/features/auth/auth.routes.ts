import { rateLimit } from 'express-rate-limit';
import { defineRoute } from '../../platform/http/index.js';
import { AppError } from '../../platform/errors.js';
import type { SigningKeys } from '../../platform/crypto/index.js';
import { presentUser, userSchema, type UsersService } from '../users/index.js';
import {
  confirmTotpBody,
  loginBody,
  refreshBody,
  registerBody,
  tokenPairSchema,
} from './auth.schemas.js';
import type { AuthService } from './auth.service.js';

/** Routes for login, tokens, registration, the caller's own profile and the JWKS. */
export function authRoutes(
  auth: AuthService,
  users: UsersService,
  keys: SigningKeys,
  loginPerMinute: number,
) {
  const loginLimiter = rateLimit({
    windowMs: 60_000,
    limit: loginPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: () => {
      throw new AppError('RATE_LIMITED', 'Too many login attempts; wait a minute');
    },
  });
  return [
    defineRoute({
      method: 'get',
      path: '/.well-known/jwks.json',
      summary: 'Public keys that verify this node’s tokens',
      tag: 'auth',
      auth: 'public',
      handler: () => keys.jwks(),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      summary: 'Log in with e-mail, password and, where enrolled, a TOTP code',
      tag: 'auth',
      auth: 'public',
      before: [loginLimiter],
      body: loginBody,
      response: tokenPairSchema,
      handler: ({ body, requestId }) => auth.login(body, requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/refresh',
      summary: 'Exchange a refresh token for new tokens (rotation; reuse ends the session)',
      tag: 'auth',
      auth: 'public',
      before: [loginLimiter],
      body: refreshBody,
      response: tokenPairSchema,
      handler: ({ body, requestId }) => auth.refresh(body.refreshToken, requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      summary: 'End the current session',
      tag: 'auth',
      auth: 'user',
      status: 204,
      handler: ({ actor }) => auth.logout(actor),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/register',
      summary: 'A family member opens an account',
      tag: 'auth',
      auth: 'public',
      before: [loginLimiter],
      body: registerBody,
      status: 201,
      response: tokenPairSchema,
      handler: ({ body }) => auth.registerFamily(body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me',
      summary: 'The caller’s own account',
      tag: 'auth',
      auth: 'user',
      response: userSchema,
      handler: async ({ actor }) => presentUser(await users.get(actor, actor.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/me/mfa/totp',
      summary: 'Start TOTP enrolment (returns the seed once)',
      tag: 'auth',
      auth: 'user',
      status: 201,
      handler: ({ actor }) => auth.startTotp(actor),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/me/mfa/totp/confirm',
      summary: 'Confirm TOTP enrolment with a current code',
      tag: 'auth',
      auth: 'user',
      body: confirmTotpBody,
      response: userSchema,
      handler: async ({ actor, body }) => presentUser(await auth.confirmTotp(actor, body.totp)),
    }),
  ];
}
