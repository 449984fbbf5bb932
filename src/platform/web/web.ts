// The web layer shared by every server-rendered page: session cookie, language, CSRF, headers, layout, errors.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import compression from 'compression';
import express, {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { Actor } from '../authz/index.js';
import { AppError } from '../errors.js';
import { getLogger } from '../logger.js';
import { readCookies, writeCookie } from './cookies.js';
import { CsrfTokens } from './csrf.js';
import { html, type SafeHtml } from './html.js';
import { directionOf, loadCatalog, negotiateLanguage, translator, type Catalog } from './i18n.js';
import { layout, type LayoutOptions } from './layout.js';
import type { WebContext, WebUser } from './web.types.js';

const log = getLogger('http');

/** Cookie holding the web session token (HttpOnly). */
export const SESSION_COOKIE = 'ariadne_session';
/** Cookie binding CSRF tokens before login. */
export const VISIT_COOKIE = 'ariadne_visit';
/** Cookie remembering the chosen language. */
export const LANGUAGE_COOKIE = 'ariadne_lang';

/** How the web layer finds the user of a session cookie and remembers their language. */
export interface WebSessions {
  resolve(token: string, requestId: string): Promise<WebUser | null>;
  saveLanguage(actor: Actor, lang: string): Promise<void>;
}

/** What the web layer needs. */
export interface WebDeps {
  secret: string;
  publicUrl: string;
  /** Folders holding `pages.<lang>.json`; the first (the layout's) decides which languages exist. */
  localeFolders: readonly (string | URL)[];
  sessions: WebSessions;
}

/** Security headers of every page: strict CSP without inline script or style, no caching. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Paths the web layer leaves to the JSON API. */
const API_PATH = /^\/(api\/|openapi\.json$|\.well-known\/|health$)/;

const CSS = readFileSync(new URL('./assets/portal.css', import.meta.url));

/** Builds the web layer; feature pages are Express routers built with its helpers. */
export function createWeb(deps: WebDeps) {
  const catalog: Catalog = loadCatalog([
    new URL('./locales/', import.meta.url),
    ...deps.localeFolders,
  ]);
  const csrf = new CsrfTokens(deps.secret);
  const httpsOnly = deps.publicUrl.startsWith('https:');

  /** Populates req.web: session user, language, CSRF token; sets page headers. */
  const context: RequestHandler = async (req, res, next) => {
    if (API_PATH.test(req.path)) {
      next('router');
      return;
    }
    const cookies = readCookies(req);
    const secure = httpsOnly || req.secure;
    const sessionToken = cookies[SESSION_COOKIE];
    let user: WebUser | null = null;
    if (sessionToken && /^[A-Za-z0-9_-]{20,100}$/.test(sessionToken)) {
      user = await deps.sessions.resolve(sessionToken, req.requestId);
      if (!user) {
        writeCookie(res, SESSION_COOKIE, '', { maxAgeSeconds: 0, secure });
      }
    }
    let visit = cookies[VISIT_COOKIE];
    if (!visit || !/^[A-Za-z0-9_-]{20,100}$/.test(visit)) {
      visit = randomBytes(18).toString('base64url');
      writeCookie(res, VISIT_COOKIE, visit, { secure, sameSite: 'Lax' });
    }
    const lang = negotiateLanguage(catalog.languages, {
      query: req.query.lang,
      cookie: cookies[LANGUAGE_COOKIE],
      profile: user?.preferredLanguage,
      acceptLanguage: req.get('accept-language'),
    });
    if (req.query.lang === lang && cookies[LANGUAGE_COOKIE] !== lang) {
      writeCookie(res, LANGUAGE_COOKIE, lang, { secure, maxAgeSeconds: 31_536_000 });
    }
    if (user && req.query.lang === lang && user.preferredLanguage !== lang) {
      await deps.sessions.saveLanguage(user.actor, lang);
    }
    req.web = {
      lang,
      dir: directionOf(catalog, lang),
      t: translator(catalog, lang),
      user,
      csrf: csrf.issue(user ? `s:${sessionToken}` : `v:${visit}`),
      secure,
    };
    res.set({
      'Content-Security-Policy': PAGE_CSP,
      'Cache-Control': 'no-store',
      'Content-Language': lang,
      Vary: 'Cookie, Accept-Language',
      'Referrer-Policy': 'no-referrer',
    });
    next();
  };

  function binding(req: Request): string {
    const cookies = readCookies(req);
    return req.web?.user ? `s:${cookies[SESSION_COOKIE]}` : `v:${cookies[VISIT_COOKIE]}`;
  }

  /** Refuses a form whose CSRF token is missing or not this session's (call after parsing the body). */
  function checkCsrf(req: Request): void {
    const token = (req.body as Record<string, unknown> | undefined)?._csrf;
    const site = req.get('sec-fetch-site');
    if (
      !csrf.check(binding(req), token) ||
      (site !== undefined && site !== 'same-origin' && site !== 'none')
    ) {
      throw new AppError('FORBIDDEN', 'csrf');
    }
  }

  /** Parses a urlencoded form (small) and checks its CSRF token. */
  const form: RequestHandler[] = [
    express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }),
    (req, _res, next) => {
      checkCsrf(req);
      next();
    },
  ];

  /** Sends visitors who are not signed in to the login page (and back afterwards). */
  const requireUser: RequestHandler = (req, res, next) => {
    if (!req.web?.user) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl.slice(0, 200))}`);
      return;
    }
    next();
  };

  /** Sends a page in the layout. */
  function render(
    req: Request,
    res: Response,
    o: Omit<LayoutOptions, 'catalog' | 'path'> & { status?: number },
  ) {
    const web = need(req);
    res
      .status(o.status ?? 200)
      .type('html')
      .send(layout(web, { ...o, catalog, path: req.path }).value);
  }

  /** Writes or clears the session cookie. */
  function setSession(req: Request, res: Response, token: string | null, maxAgeSeconds = 0) {
    writeCookie(res, SESSION_COOKIE, token ?? '', {
      secure: need(req).secure,
      sameSite: 'Lax',
      maxAgeSeconds: token ? maxAgeSeconds : 0,
    });
  }

  /** The stylesheet, served from this node (no CDN). */
  const assets = Router();
  assets.get('/assets/portal.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').type('css').send(CSS);
  });

  /** Unknown page paths. */
  const notFound: RequestHandler = (req, res) => {
    render(req, res, {
      status: 404,
      title: need(req).t('error.notFound.title'),
      body: html`<p>${need(req).t('error.notFound.body')}</p>`,
    });
  };

  /** Errors on pages become pages in the visitor's language (never a stack trace). */
  const errorPage: ErrorRequestHandler = (err: unknown, req, res, next) => {
    if (res.headersSent || !req.web) {
      next(err);
      return;
    }
    const t = req.web.t;
    if (err instanceof AppError) {
      if (err.status === 401) {
        res.redirect(303, '/login');
        return;
      }
      const kind =
        err.message === 'csrf'
          ? 'csrf'
          : err.status === 404
            ? 'notFound'
            : err.status === 429
              ? 'rateLimited'
              : err.status === 403
                ? 'forbidden'
                : 'badRequest';
      render(req, res, {
        status: err.status,
        title: t(`error.${kind}.title`),
        body: html`<p>${t(`error.${kind}.body`)}</p>`,
      });
      return;
    }
    const e = err as { status?: number; type?: string };
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      render(req, res, {
        status: e.status,
        title: t('error.badRequest.title'),
        body: html`<p>${t('error.badRequest.body')}</p>`,
      });
      return;
    }
    log.error('unhandled page error', { requestId: req.requestId, err });
    render(req, res, {
      status: 500,
      title: t('error.internal.title'),
      body: html`<p>${t('error.internal.body', { id: req.requestId })}</p>`,
    });
  };

  /** One router for all pages: context first, then the features' page routers, then 404 and errors. */
  function pages(routers: readonly Router[]): Router {
    const r = Router();
    // Pages and the stylesheet are compressed (a 20 KB form is 3 KB on a 400 kbit/s link); the
    // only secret in a page, the CSRF token, is masked afresh in each one (csrf.ts).
    r.use(compression({ threshold: 512 }));
    r.use(assets);
    r.use(context);
    for (const p of routers) {
      r.use(p);
    }
    r.use(notFound);
    r.use(errorPage);
    return r;
  }

  /** A language's own name (from its layout file), for language lists. */
  const languageName = (code: string) =>
    catalog.strings.has(code)
      ? translator(catalog, code)('language.name')
      : (new Intl.DisplayNames([code, 'en'], { type: 'language' }).of(code) ?? code);

  return {
    catalog,
    context,
    form,
    checkCsrf,
    requireUser,
    render,
    setSession,
    pages,
    errorPage,
    languageName,
  };
}

/** The page context of a request handled by the web layer. */
export function need(req: Request): WebContext {
  if (!req.web) {
    throw new Error('web context missing: page routers must be mounted through web.pages()');
  }
  return req.web;
}

/** The web layer's interface. */
export type Web = ReturnType<typeof createWeb>;

/** Re-exported for page modules. */
export type { SafeHtml };
