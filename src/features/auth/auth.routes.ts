import { defineRoute, jwksSchema } from '../../platform/http/index.js';
import type { SigningKeys } from '../../platform/crypto/index.js';
import { presentUser, userSchema, type UsersService } from '../users/index.js';
import {
  acceptedSchema,
  confirmTotpBody,
  emailOnlyBody,
  loginBody,
  refreshBody,
  registerBody,
  resetConfirmBody,
  tokenPairSchema,
  totpEnrolmentSchema,
  verifyBody,
} from './auth.schemas.js';
import { authLimiters, type AuthLimits } from './auth.limits.js';
import type { AuthService } from './auth.service.js';

/** Routes for login, tokens, registration, the caller's own profile and the JWKS. */
export function authRoutes(
  auth: AuthService,
  users: UsersService,
  keys: SigningKeys,
  limits: AuthLimits,
) {
  const limiter = authLimiters(limits);
  return [
    defineRoute({
      method: 'get',
      path: '/.well-known/jwks.json',
      response: jwksSchema,
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
      before: [limiter.login],
      body: loginBody,
      response: tokenPairSchema,
      handler: ({ body, requestId, req }) => auth.login(body, { ip: req.ip ?? '', requestId }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/refresh',
      summary: 'Exchange a refresh token for new tokens (rotation; reuse ends the session)',
      tag: 'auth',
      auth: 'public',
      before: [limiter.refresh],
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
      summary:
        'A family member asks for an account: the same answer for new and known addresses; a link to verify the address is e-mailed',
      tag: 'auth',
      auth: 'public',
      before: [limiter.account],
      body: registerBody,
      status: 202,
      response: acceptedSchema,
      handler: ({ body }) => auth.register(body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/verify',
      summary: 'Prove the e-mail address with the code from the verification e-mail',
      tag: 'auth',
      auth: 'public',
      before: [limiter.account],
      body: verifyBody,
      status: 204,
      handler: async ({ body }) => {
        await auth.verifyEmail(body.code);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/resend-verification',
      summary: 'Send a new verification e-mail (the same answer for any address)',
      tag: 'auth',
      auth: 'public',
      before: [limiter.account],
      body: emailOnlyBody,
      status: 202,
      response: acceptedSchema,
      handler: ({ body }) => auth.resendVerification(body.email),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/password-reset',
      summary: 'E-mail a password-reset link (the same answer for any address)',
      tag: 'auth',
      auth: 'public',
      before: [limiter.account],
      body: emailOnlyBody,
      status: 202,
      response: acceptedSchema,
      handler: ({ body }) => auth.requestPasswordReset(body.email),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/password-reset/confirm',
      summary: 'Set a new password with the code from the reset e-mail (ends every session)',
      tag: 'auth',
      auth: 'public',
      before: [limiter.account],
      body: resetConfirmBody,
      status: 204,
      handler: async ({ body }) => {
        await auth.resetPassword(body.code, body.password);
      },
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
      response: totpEnrolmentSchema,
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
