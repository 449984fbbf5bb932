import { z } from 'zod';
import { countryCode } from '../../config/index.js';
import { email, languageCode, password } from '../users/index.js';

/** Body of POST /api/v1/auth/login. */
export const loginBody = z.strictObject({
  email,
  /** The account password. */
  password: z.string().min(1).max(256),
  /** Six-digit TOTP code, when the account uses a second factor. */
  totp: z
    .string()
    .regex(/^\d{6}$/, 'must be six digits')
    .optional(),
});
export type LoginInput = z.infer<typeof loginBody>;

/** Body of POST /api/v1/auth/refresh. */
export const refreshBody = z.strictObject({
  /** The refresh token from login or the last refresh (each is usable once). */
  refreshToken: z.string().min(20).max(200),
});

/** Body of POST /api/v1/auth/register: a family member opens an account. */
export const registerBody = z.strictObject({
  email,
  password,
  /** Name the family member wants to be addressed by. */
  displayName: z.string().trim().min(1).max(200),
  /** Country of residence (ISO 3166-1 alpha-2). */
  country: countryCode,
  /** Language for news and messages (ISO 639). */
  preferredLanguage: languageCode.default('en'),
});
export type RegisterInput = z.infer<typeof registerBody>;

/** Body of POST /api/v1/me/mfa/totp/confirm. */
export const confirmTotpBody = z.strictObject({
  /** A current code from the authenticator app. */
  totp: z.string().regex(/^\d{6}$/, 'must be six digits'),
});

/** Tokens returned by login and refresh. */
export const tokenPairSchema = z
  .object({ accessToken: z.string(), refreshToken: z.string(), expiresIn: z.number() })
  .meta({ id: 'TokenPair' });

/** A TOTP seed to enrol in an authenticator app (shown once): the secret and its otpauth:// URI. */
export const totpEnrolmentSchema = z
  .object({ secret: z.string(), uri: z.string() })
  .meta({ id: 'TotpEnrolment' });

/** Body of POST /api/v1/auth/verify. */
export const verifyBody = z.strictObject({
  /** The code from the verification e-mail's link. */
  code: z.string().min(20).max(100),
});

/** Body of POST /api/v1/auth/resend-verification and /api/v1/auth/password-reset. */
export const emailOnlyBody = z.strictObject({ email });

/** Body of POST /api/v1/auth/password-reset/confirm. */
export const resetConfirmBody = z.strictObject({
  /** The code from the reset e-mail's link. */
  code: z.string().min(20).max(100),
  /** The new password. */
  password,
});

/** The one answer to registration, resend and reset requests, whoever asks. */
export const acceptedSchema = z
  .object({ status: z.literal('check_your_email') })
  .meta({ id: 'AccountRequestAccepted' });
