// The console's door: staff login (password and, for roles that need it, the second factor),
// logout, and the home page that leads each role to its work.
import { Router, type Request } from 'express';
import { AppError } from '../../platform/errors.js';
import {
  errorSummary,
  field,
  html,
  need,
  postForm,
  type FieldErrors,
  type SafeHtml,
  type Web,
} from '../../platform/web/index.js';
import { authLimiters, loginFromForm, type AuthLimits, type AuthService } from '../auth/index.js';
import type { StaffServices } from './staff.types.js';
import type { Console } from './staff.shell.js';
import { remainsTable } from './staff.remains.pages.js';
import { reportsTable } from './staff.reports.pages.js';
import { casesBody } from './staff.contact.pages.js';

/** Where to go after login: only a console path. */
function nextPath(req: Request): string {
  const raw = (req.body as { next?: unknown } | undefined)?.next ?? req.query.next;
  return typeof raw === 'string' && /^\/(staff|statistics)(\/[\w\-/?=&.%]*)?$/.test(raw)
    ? raw
    : '/staff';
}

/** Login, logout and the role-aware home page of the console. */
export function staffHomePages(
  web: Web,
  con: Console,
  auth: AuthService,
  s: StaffServices,
  limits: AuthLimits,
): Router {
  const r = Router();
  const limiter = authLimiters(limits);

  function loginPage(req: Request, o: { email?: string; errors?: FieldErrors; notice?: SafeHtml }) {
    const { t, csrf } = need(req);
    return {
      title: t('staff.login.title'),
      body: html`<p>${t('staff.login.intro')}</p>
        ${o.notice ? html`<div class="notice" role="alert">${o.notice}</div>` : ''}
        ${errorSummary(o.errors, t)}
        ${postForm(
          '/staff/login',
          csrf,
          html`<input type="hidden" name="next" value="${nextPath(req)}" />
            ${field({ name: 'email', label: t('staff.login.email'), type: 'email', value: o.email, autocomplete: 'username', required: true, error: o.errors?.email })}
            ${field({ name: 'password', label: t('staff.login.password'), type: 'password', autocomplete: 'current-password', required: true, error: o.errors?.password })}
            ${field({ name: 'totp', label: t('staff.login.totp'), hint: t('staff.login.totpHint'), inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, error: o.errors?.totp })}`,
          { submit: t('staff.login.submit') },
        )}`,
    };
  }

  r.get('/staff/login', (req, res) => {
    if (need(req).user && need(req).user!.actor.role !== 'family') {
      res.redirect(303, nextPath(req));
      return;
    }
    con.render(req, res, loginPage(req, {}));
  });

  r.post('/staff/login', limiter.login, ...web.form, async (req, res) => {
    const { t } = need(req);
    const email = String((req.body as { email?: string }).email ?? '').slice(0, 300);
    const refusal = await loginFromForm(web, auth, req, res, nextPath(req));
    if (!refusal) {
      return;
    }
    const known: Record<string, string> = {
      MFA_REQUIRED: 'staff.login.mfaRequired',
      MFA_INVALID: 'staff.login.mfaInvalid',
      MFA_ENROLMENT_REQUIRED: 'staff.login.mfaEnrolment',
    };
    con.render(req, res, {
      status: refusal.status,
      ...loginPage(
        req,
        refusal.kind === 'invalid'
          ? { email, errors: refusal.errors }
          : { email, notice: html`${t(known[refusal.code] ?? 'staff.login.failed')}` },
      ),
    });
  });

  r.post('/staff/logout', ...web.form, async (req, res) => {
    const user = need(req).user;
    if (user) {
      await s.auth.logout(user.actor);
    }
    web.setSession(req, res, null);
    res.redirect(303, '/staff/login');
  });

  r.get('/staff', con.only(), async (req, res) => {
    const { t, user, lang } = need(req);
    const actor = user!.actor;
    let body: SafeHtml;
    switch (actor.role) {
      case 'forensic': {
        const page = await s.remains.search(actor, {
          status: 'unidentified',
          limit: 10,
          offset: 0,
        });
        body = html`<p>${t('staff.home.forensic')}</p>
          <h2>${t('staff.home.awaiting')}</h2>
          ${remainsTable(page.items, t)}
          <p><a class="button" href="/staff/remains">${t('staff.nav.remains')}</a></p>`;
        break;
      }
      case 'caseworker': {
        const page = await s.reports.list(actor, { limit: 10, offset: 0 });
        body = html`<p>${t('staff.home.caseworker')}</p>
          <form method="get" action="/staff/reports" role="search">
            ${field({ name: 'name', label: t('staff.reports.name'), type: 'search', hint: t('staff.reports.nameHint') })}
            <button type="submit">${t('staff.reports.search')}</button>
          </form>
          <h2>${t('staff.home.recent')}</h2>
          ${reportsTable(page.items, t, lang)}`;
        break;
      }
      case 'contact_point': {
        body = html`<p>${t('staff.home.contactPoint')}</p>
          ${await casesBody(req, s)}`;
        break;
      }
      case 'auditor':
        body = html`<p>${t('staff.home.auditor')}</p>
          <p><a class="button" href="/staff/audit">${t('staff.nav.audit')}</a></p>`;
        break;
      case 'admin':
        body = html`<p>${t('staff.home.admin')}</p>
          <p><a class="button" href="/staff/users">${t('staff.nav.users')}</a></p>`;
        break;
      case 'analyst':
        body = html`<p>${t('staff.home.analyst')}</p>
          <p><a class="button" href="/statistics/analyst">${t('staff.nav.statistics')}</a></p>`;
        break;
      case 'family':
        throw new AppError('FORBIDDEN', 'role');
    }
    con.render(req, res, { title: t('staff.home.title', { name: user!.displayName }), body });
  });

  return r;
}
