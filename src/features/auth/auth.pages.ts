// Account pages: log in and out, register with a verified address, reset a password, second factor.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  countryOptions,
  errorSummary,
  field,
  html,
  need,
  parseForm,
  postForm,
  select,
  type FieldErrors,
  type SafeHtml,
  type Web,
} from '../../platform/web/index.js';
import { WEAK_PASSWORD, type UsersService } from '../users/index.js';
import { authLimiters, type AuthLimits } from './auth.limits.js';
import { emailOnlyBody, registerBody, resetConfirmBody } from './auth.schemas.js';
import { loginFromForm } from './auth.formlogin.js';
import type { AuthService } from './auth.service.js';

const MESSAGES = { [WEAK_PASSWORD]: 'account.weakPassword' };
const codeForm = z.object({ code: z.string().min(20).max(100) });
const totpForm = z.object({ totp: z.string().regex(/^\d{6}$/) });

/** Where to go after login: only a path on this site. */
function nextPath(req: Request): string {
  const raw = (req.body as { next?: unknown } | undefined)?.next ?? req.query.next;
  return typeof raw === 'string' && /^\/(?!\/)[\w\-/?=&.%]*$/.test(raw) ? raw : '/';
}

/** The account pages of the family portal (and the login page staff use too). */
export function authPages(
  web: Web,
  auth: AuthService,
  users: UsersService,
  limits: AuthLimits,
): Router {
  const r = Router();
  const limiter = authLimiters(limits);

  function loginPage(
    req: Request,
    o: { values?: Record<string, string>; errors?: FieldErrors; notice?: SafeHtml; totp?: boolean },
  ) {
    const { t, csrf } = need(req);
    const v = o.values ?? {};
    return {
      title: t('account.login.title'),
      body: html`${o.notice ? html`<div class="notice" role="alert">${o.notice}</div>` : ''}${errorSummary(o.errors, t)}
        ${postForm(
          '/login',
          csrf,
          html`<input type="hidden" name="next" value="${nextPath(req)}" />
            ${field({ name: 'email', label: t('account.email'), type: 'email', value: v.email, autocomplete: 'username', required: true, error: o.errors?.email })}
            ${field({ name: 'password', label: t('account.password'), type: 'password', autocomplete: 'current-password', required: true, error: o.errors?.password })}
            ${o.totp ? field({ name: 'totp', label: t('account.totp'), hint: t('account.totpHint'), inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, error: o.errors?.totp }) : ''}`,
          { submit: t('account.login.submit') },
        )}
        <p><a href="/forgot">${t('account.login.forgot')}</a></p>
        <p>${t('account.login.noAccount')} <a href="/register">${t('nav.register')}</a></p>`,
    };
  }

  r.get('/login', (req, res) => {
    web.render(req, res, loginPage(req, {}));
  });

  r.post('/login', limiter.login, ...web.form, async (req, res) => {
    const { t } = need(req);
    const values = { email: String((req.body as { email?: string }).email ?? '') };
    const refusal = await loginFromForm(web, auth, req, res, nextPath(req));
    if (!refusal) {
      return;
    }
    if (refusal.kind === 'invalid') {
      web.render(req, res, { status: 400, ...loginPage(req, { values, errors: refusal.errors }) });
      return;
    }
    const notice: Record<string, SafeHtml> = {
      EMAIL_NOT_VERIFIED: html`${t('account.login.unverified')}<a href="/resend"
          >${t('account.login.resend')}</a
        >`,
      MFA_REQUIRED: html`${t('account.login.mfaRequired')}`,
      MFA_INVALID: html`${t('account.login.mfaInvalid')}`,
      MFA_ENROLMENT_REQUIRED: html`${t('account.login.mfaEnrolment')}`,
    };
    web.render(req, res, {
      status: refusal.status,
      ...loginPage(req, {
        values,
        totp: refusal.code === 'MFA_REQUIRED' || refusal.code === 'MFA_INVALID',
        notice: notice[refusal.code] ?? html`${t('account.login.failed')}`,
      }),
    });
  });

  r.post('/logout', ...web.form, async (req, res) => {
    const user = need(req).user;
    if (user) {
      await auth.logout(user.actor);
    }
    web.setSession(req, res, null);
    res.redirect(303, '/');
  });

  function registerPage(req: Request, values: Record<string, string> = {}, errors?: FieldErrors) {
    const { t, csrf, lang } = need(req);
    return {
      title: t('account.register.title'),
      body: html`<p>${t('account.register.intro')}</p>
        ${errorSummary(errors, t)}
        ${postForm(
          '/register',
          csrf,
          html`${field({ name: 'displayName', label: t('account.name'), hint: t('account.nameHint'), value: values.displayName, autocomplete: 'name', required: true, error: errors?.displayName })}
          ${field({ name: 'email', label: t('account.email'), type: 'email', value: values.email, autocomplete: 'email', required: true, error: errors?.email })}
          ${field({ name: 'password', label: t('account.password'), hint: t('account.passwordHint'), type: 'password', autocomplete: 'new-password', required: true, error: errors?.password })}
          ${select({ name: 'country', label: t('account.country'), value: values.country, options: [{ value: '', label: '—' }, ...countryOptions(lang)], required: true, error: errors?.country })}
          ${select({ name: 'preferredLanguage', label: t('account.language'), value: values.preferredLanguage ?? lang, options: web.catalog.languages.map((l) => ({ value: l, label: web.languageName(l) })) })}`,
          { submit: t('account.register.submit') },
        )}`,
    };
  }

  r.get('/register', (req, res) => {
    web.render(req, res, registerPage(req));
  });

  r.post('/register', limiter.account, ...web.form, async (req, res) => {
    const { t } = need(req);
    const b = req.body as Record<string, string>;
    const values = {
      email: b.email ?? '',
      password: b.password ?? '',
      displayName: b.displayName ?? '',
      country: b.country ?? '',
      preferredLanguage: b.preferredLanguage ?? '',
    };
    const parsed = parseForm(registerBody, values, t, MESSAGES);
    if (!parsed.ok) {
      web.render(req, res, {
        status: 400,
        ...registerPage(req, { ...values, password: '' }, parsed.errors),
      });
      return;
    }
    await auth.register(parsed.data);
    res.redirect(303, '/check-email');
  });

  r.get('/check-email', (req, res) => {
    const { t } = need(req);
    web.render(req, res, {
      title: t('account.checkEmail.title'),
      body: html`<p>${t('account.checkEmail.body')}</p>`,
    });
  });

  r.get('/verify', (req, res) => {
    const { t, csrf } = need(req);
    const code = typeof req.query.code === 'string' ? req.query.code.slice(0, 100) : '';
    web.render(req, res, {
      title: t('account.verify.title'),
      body: html`<p>${t('account.verify.body')}</p>
        ${postForm('/verify', csrf, html`<input type="hidden" name="code" value="${code}" />`, {
          submit: t('account.verify.submit'),
        })}`,
    });
  });

  r.post('/verify', limiter.account, ...web.form, async (req, res) => {
    const { t } = need(req);
    const parsed = parseForm(codeForm, req.body, t);
    try {
      if (!parsed.ok) {
        throw new AppError('TOKEN_INVALID', 'bad code');
      }
      const cookie = await auth.verifyAndSignIn(parsed.data.code);
      web.setSession(req, res, cookie.token, cookie.maxAgeSeconds);
      res.redirect(303, '/');
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'TOKEN_INVALID') {
        throw err;
      }
      web.render(req, res, {
        status: 400,
        title: t('account.verify.title'),
        body: html`<p class="error">${t('account.verify.invalid')}</p>
          <p><a href="/login">${t('nav.login')}</a></p>`,
      });
    }
  });

  function emailPage(req: Request, kind: 'resend' | 'forgot', errors?: FieldErrors) {
    const { t, csrf } = need(req);
    return {
      title: t(`account.${kind}.title`),
      body: html`${kind === 'forgot' ? html`<p>${t('account.forgot.intro')}</p>` : ''}${errorSummary(errors, t)}
      ${postForm(
        `/${kind}`,
        csrf,
        field({
          name: 'email',
          label: t('account.email'),
          type: 'email',
          autocomplete: 'email',
          required: true,
          error: errors?.email,
        }),
        {
          submit: t(`account.${kind}.submit`),
        },
      )}`,
    };
  }

  for (const kind of ['resend', 'forgot'] as const) {
    r.get(`/${kind}`, (req, res) => {
      web.render(req, res, emailPage(req, kind));
    });
    r.post(`/${kind}`, limiter.account, ...web.form, async (req, res) => {
      const parsed = parseForm(
        emailOnlyBody,
        { email: (req.body as { email?: unknown }).email },
        need(req).t,
      );
      if (!parsed.ok) {
        web.render(req, res, { status: 400, ...emailPage(req, kind, parsed.errors) });
        return;
      }
      await (kind === 'resend'
        ? auth.resendVerification(parsed.data.email)
        : auth.requestPasswordReset(parsed.data.email));
      res.redirect(303, '/check-email');
    });
  }

  function resetPage(req: Request, code: string, errors?: FieldErrors) {
    const { t, csrf } = need(req);
    return {
      title: t('account.reset.title'),
      body: html`${errorSummary(errors, t)}${postForm(
        '/reset',
        csrf,
        html`<input type="hidden" name="code" value="${code}" />${field({
            name: 'password',
            label: t('account.newPassword'),
            hint: t('account.passwordHint'),
            type: 'password',
            autocomplete: 'new-password',
            required: true,
            error: errors?.password,
          })}`,
        { submit: t('account.reset.submit') },
      )}`,
    };
  }

  r.get('/reset', (req, res) => {
    web.render(
      req,
      res,
      resetPage(req, typeof req.query.code === 'string' ? req.query.code.slice(0, 100) : ''),
    );
  });

  r.post('/reset', limiter.account, ...web.form, async (req, res) => {
    const { t } = need(req);
    const body = req.body as Record<string, string>;
    const parsed = parseForm(
      resetConfirmBody,
      { code: body.code, password: body.password },
      t,
      MESSAGES,
    );
    if (!parsed.ok) {
      if (parsed.errors.code) {
        throw new AppError('VALIDATION_FAILED', 'code');
      }
      web.render(req, res, {
        status: 400,
        ...resetPage(req, String(body.code ?? ''), parsed.errors),
      });
      return;
    }
    try {
      await auth.resetPassword(parsed.data.code, parsed.data.password);
    } catch (err) {
      if (err instanceof AppError && err.code === 'TOKEN_INVALID') {
        web.render(req, res, {
          status: 400,
          title: t('account.reset.title'),
          body: html`<p class="error">${t('account.verify.invalid')}</p>`,
        });
        return;
      }
      throw err;
    }
    web.setSession(req, res, null);
    web.render(req, res, {
      title: t('account.reset.title'),
      body: html`<p class="notice">${t('account.reset.done')}</p>
        <p><a class="button" href="/login">${t('nav.login')}</a></p>`,
    });
  });

  r.get('/account', web.requireUser, async (req, res) => {
    const { t, user, csrf } = need(req);
    const me = await users.get(user!.actor, user!.actor.id);
    web.render(req, res, {
      title: t('account.profile.title'),
      body: html`<dl>
          <dt>${t('account.name')}</dt>
          <dd>${me.displayName}</dd>
          <dt>${t('account.profile.email')}</dt>
          <dd>${me.email}</dd>
          <dt>${t('account.profile.language')}</dt>
          <dd>${web.languageName(me.preferredLanguage)}</dd>
        </dl>
        <h2>${t('account.profile.mfa')}</h2>
        ${
          me.totpEnabled
            ? html`<p>${t('account.profile.mfaOn')}</p>`
            : html`<p>${t('account.profile.mfaOff')}</p>
                ${postForm('/account/totp', csrf, html``, { submit: t('account.profile.mfaStart'), className: 'secondary' })}`
        }`,
    });
  });

  function totpPage(req: Request, secret: string, errors?: FieldErrors) {
    const { t, csrf } = need(req);
    return {
      title: t('account.profile.mfa'),
      body: html`<p>${t('account.profile.mfaSecret')}</p>
        <p class="case-number" dir="ltr">${secret.replace(/(.{4})/g, '$1 ').trim()}</p>
        ${errorSummary(errors, t)}
        ${postForm(
          '/account/totp/confirm',
          csrf,
          html`<input
              type="hidden"
              name="secret"
              value="${secret}"
            />${field({ name: 'totp', label: t('account.totp'), inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, required: true, error: errors?.totp })}`,
          { submit: t('account.profile.mfaConfirm') },
        )}`,
    };
  }

  r.post('/account/totp', web.requireUser, ...web.form, async (req, res) => {
    const seed = await auth.startTotp(need(req).user!.actor);
    web.render(req, res, totpPage(req, seed.secret));
  });

  r.post('/account/totp/confirm', web.requireUser, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const body = req.body as Record<string, string>;
    const parsed = parseForm(totpForm, { totp: body.totp }, t);
    try {
      if (!parsed.ok) {
        throw new AppError('MFA_INVALID', 'format');
      }
      await auth.confirmTotp(user!.actor, parsed.data.totp);
    } catch (err) {
      if (err instanceof AppError && err.code === 'MFA_INVALID') {
        web.render(req, res, {
          status: 400,
          ...totpPage(req, String(body.secret ?? '').slice(0, 64), {
            totp: t('account.login.mfaInvalid'),
          }),
        });
        return;
      }
      throw err;
    }
    web.render(req, res, {
      title: t('account.profile.mfa'),
      body: html`<p class="notice">${t('account.profile.mfaDone')}</p>
        <p><a href="/account">${t('nav.account')}</a></p>`,
    });
  });

  return r;
}
