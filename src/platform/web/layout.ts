// The page layout: skip link, header with language switch, navigation, main, footer.
import { html, type SafeHtml } from './html.js';
import { translator, type Catalog } from './i18n.js';
import type { WebContext } from './web.types.js';

/** What a page gives the layout. */
export interface LayoutOptions {
  title: string;
  body: SafeHtml;
  /** Replaces the family navigation (the staff console and public pages bring their own). */
  nav?: SafeHtml;
  /** A class on <body> (the staff console's wider desktop layout). */
  bodyClass?: string;
  /** Where the site name links to (default: the family start page). */
  home?: string;
  catalog: Catalog;
  path: string;
}

function familyNav(web: WebContext): SafeHtml {
  const t = web.t;
  if (web.user) {
    return html`<a href="/">${t('nav.home')}</a><a href="/account">${t('nav.account')}</a>
      <form method="post" action="/logout" class="inline">
        <input type="hidden" name="_csrf" value="${web.csrf}" /><button type="submit" class="link">
          ${t('nav.logout')}
        </button>
      </form>`;
  }
  return html`<a href="/login">${t('nav.login')}</a><a href="/register">${t('nav.register')}</a
    ><a href="/alive">${t('nav.alive')}</a>`;
}

/** The whole HTML document of a page. */
export function layout(web: WebContext, o: LayoutOptions): SafeHtml {
  const t = web.t;
  const switcher = o.catalog.languages.map((code) => {
    const name = translator(o.catalog, code)('language.name');
    return code === web.lang
      ? html`<span aria-current="true" lang="${code}">${name}</span>`
      : html`<a href="${o.path}?lang=${code}" lang="${code}" hreflang="${code}">${name}</a>`;
  });
  return html`<!doctype html>
    <html lang="${web.lang}" dir="${web.dir}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${o.title} · ${t('site.name')}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/portal.css" />
      </head>
      <body${o.bodyClass ? html` class="${o.bodyClass}"` : ''}>
        <a class="skip" href="#main">${t('nav.skip')}</a>
        <header>
          <a class="brand" href="${o.home ?? '/'}">${t('site.name')}</a>
          <nav class="langs" aria-label="${t('nav.language')}">${switcher}</nav>
          <nav class="main-nav" aria-label="${t('nav.main')}">${o.nav ?? familyNav(web)}</nav>
        </header>
        <main id="main">
          <h1>${o.title}</h1>
          ${o.body}
        </main>
        <footer><p>${t('site.footer')}</p></footer>
      </body>
    </html>`;
}
