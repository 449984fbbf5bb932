// The one path from a login form to a session cookie, shared by the family portal and the staff
// console: parse the form, log in, set the cookie and go on — or say why not. Each caller draws
// its own page from the outcome (its templates and words differ, the rules do not).
import type { Request, Response } from 'express';
import { AppError } from '../../platform/errors.js';
import { need, parseForm, type FieldErrors, type Web } from '../../platform/web/index.js';
import { loginBody } from './auth.schemas.js';
import type { AuthService } from './auth.service.js';

/** Why a login form did not open a session. */
export type FormLoginRefusal =
  | { kind: 'invalid'; status: 400; errors: FieldErrors }
  | {
      kind: 'refused';
      status: number;
      /** The service's code (MFA_REQUIRED, MFA_INVALID, EMAIL_NOT_VERIFIED…), or 'FAILED'. */
      code: string;
    };

/** Codes that a page may name to the user; any other refusal reads as a plain failed login. */
const NAMED = new Set([
  'EMAIL_NOT_VERIFIED',
  'MFA_REQUIRED',
  'MFA_INVALID',
  'MFA_ENROLMENT_REQUIRED',
]);

/**
 * Logs in from a posted form. On success sets the session cookie and redirects (303) to `next`;
 * otherwise returns the refusal for the caller to render. Errors other than the service's own
 * refusals are thrown on.
 */
export async function loginFromForm(
  web: Web,
  auth: AuthService,
  req: Request,
  res: Response,
  next: string,
): Promise<FormLoginRefusal | undefined> {
  const { t } = need(req);
  const b = req.body as Record<string, string | undefined>;
  const parsed = parseForm(
    loginBody,
    { email: b.email, password: b.password, ...(b.totp ? { totp: b.totp } : {}) },
    t,
  );
  if (!parsed.ok) {
    return { kind: 'invalid', status: 400, errors: parsed.errors };
  }
  try {
    const cookie = await auth.webLogin(parsed.data, { ip: req.ip ?? '', requestId: req.requestId });
    web.setSession(req, res, cookie.token, cookie.maxAgeSeconds);
    res.redirect(303, next);
    return undefined;
  } catch (err) {
    if (!(err instanceof AppError)) {
      throw err;
    }
    return { kind: 'refused', status: err.status, code: NAMED.has(err.code) ? err.code : 'FAILED' };
  }
}
