// Separate request budgets for login, token refresh and account requests (issue 15, item 4).
import { rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import { AppError } from '../../platform/errors.js';

/** Requests per client address per minute, by kind. */
export interface AuthLimits {
  login: number;
  refresh: number;
  account: number;
}

/** The three limiters: refreshing tokens never uses up the login budget, nor registration. */
export function authLimiters(
  limits: AuthLimits,
): Record<keyof AuthLimits, RateLimitRequestHandler> {
  const make = (limit: number, what: string) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: () => {
        throw new AppError('RATE_LIMITED', `Too many ${what}; wait a minute`);
      },
    });
  return {
    login: make(limits.login, 'login attempts'),
    refresh: make(limits.refresh, 'token refreshes'),
    account: make(limits.account, 'account requests'),
  };
}
