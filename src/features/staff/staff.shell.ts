// The staff console's shell on the shared web layer: who may enter which page, the console's
// navigation and page frame. Pages call services with the signed-in actor; the services' CASL
// rules decide what each record shows (404 for anything of another country or organisation).
import type { Request, RequestHandler, Response } from 'express';
import type { Role } from '../../platform/authz/index.js';
import { AppError } from '../../platform/errors.js';
import { html, need, type SafeHtml, type Web } from '../../platform/web/index.js';

/** Roles that use the console (everyone but family members). */
export const STAFF_ROLES: readonly Role[] = [
  'admin',
  'caseworker',
  'forensic',
  'contact_point',
  'auditor',
  'analyst',
];

/** The console's sections, in menu order, and who sees each. */
const SECTIONS: readonly { path: string; key: string; roles: readonly Role[] }[] = [
  { path: '/staff', key: 'staff.nav.home', roles: STAFF_ROLES },
  { path: '/staff/remains', key: 'staff.nav.remains', roles: ['forensic'] },
  { path: '/staff/remains/new', key: 'staff.nav.registerRemains', roles: ['forensic'] },
  { path: '/staff/reports', key: 'staff.nav.reports', roles: ['caseworker', 'forensic'] },
  { path: '/staff/intake', key: 'staff.nav.intake', roles: ['caseworker'] },
  { path: '/staff/burial-register', key: 'staff.nav.burial', roles: ['forensic', 'caseworker'] },
  { path: '/staff/cases', key: 'staff.nav.cases', roles: ['contact_point'] },
  { path: '/staff/audit', key: 'staff.nav.audit', roles: ['auditor'] },
  { path: '/staff/users', key: 'staff.nav.users', roles: ['admin'] },
  { path: '/staff/cross-border', key: 'staff.fed.nav', roles: ['forensic', 'contact_point'] },
  {
    path: '/staff/disclosures',
    key: 'staff.fed.navDisclosures',
    roles: ['forensic', 'contact_point', 'caseworker'],
  },
  { path: '/staff/contact-points', key: 'staff.designations.nav', roles: ['admin'] },
  { path: '/staff/federation', key: 'staff.fedAdmin.nav', roles: ['admin'] },
  { path: '/staff/audit/checkpoints', key: 'staff.checkpoints.nav', roles: ['auditor'] },
  { path: '/staff/audit/access', key: 'staff.access.nav', roles: ['auditor'] },
  { path: '/statistics/analyst', key: 'staff.nav.statistics', roles: ['analyst'] },
];

/** The console frame: guards and a render that adds the staff navigation and wide layout. */
export function createConsole(web: Web) {
  /**
   * Lets only signed-in staff of the given roles through: visitors go to the staff login
   * (and back afterwards), family accounts and other roles get "not allowed".
   */
  function only(...roles: Role[]): RequestHandler {
    const allowed = roles.length > 0 ? roles : STAFF_ROLES;
    return (req, res, next) => {
      const user = need(req).user;
      if (!user) {
        res.redirect(303, `/staff/login?next=${encodeURIComponent(req.originalUrl.slice(0, 200))}`);
        return;
      }
      if (!allowed.includes(user.actor.role)) {
        throw new AppError('FORBIDDEN', 'role');
      }
      next();
    };
  }

  function nav(req: Request): SafeHtml {
    const { t, user, csrf } = need(req);
    if (!user) {
      return html`<a href="/staff/login">${t('nav.login')}</a>`;
    }
    const here = req.path;
    const links = SECTIONS.filter((s) => s.roles.includes(user.actor.role)).map((s) =>
      here === s.path
        ? html`<a href="${s.path}" aria-current="page">${t(s.key)}</a>`
        : html`<a href="${s.path}">${t(s.key)}</a>`,
    );
    return html`${links}<span class="who"
        >${user.displayName} · ${t(`staff.role.${user.actor.role}`)}</span
      >
      <form method="post" action="/staff/logout" class="inline">
        <input type="hidden" name="_csrf" value="${csrf}" /><button type="submit" class="link">
          ${t('nav.logout')}
        </button>
      </form>`;
  }

  /** Sends a console page. */
  function render(
    req: Request,
    res: Response,
    o: { title: string; body: SafeHtml; status?: number },
  ) {
    web.render(req, res, { ...o, nav: nav(req), bodyClass: 'staff', home: '/staff' });
  }

  return { only, render, nav };
}

/** The console frame's interface. */
export type Console = ReturnType<typeof createConsole>;
