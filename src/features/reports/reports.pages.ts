// The family's pages about their searches: the start page and their list of reports.
import { Router } from 'express';
import { html, need, type Web } from '../../platform/web/index.js';
import type { ReportsService } from './reports.service.js';

/** Folder of this feature's page strings. */
export const REPORTS_PAGE_LOCALES = new URL('./locales/', import.meta.url);

/** The start page: a welcome for visitors, the list of their searches for families. */
export function reportsPages(web: Web, reports: ReportsService): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const { t, user } = need(req);
    if (!user) {
      web.render(req, res, {
        title: t('home.title'),
        body: html`<p>${t('home.intro')}</p>
          <div class="actions">
            <a class="button" href="/register">${t('home.register')}</a
            ><a class="button secondary" href="/login">${t('home.login')}</a>
          </div>
          <h2>${t('home.aliveTitle')}</h2>
          <p>${t('home.aliveIntro')}</p>
          <p><a class="button secondary" href="/alive">${t('home.alive')}</a></p>`,
      });
      return;
    }
    const page = await reports.list(user.actor, { limit: 50, offset: 0 });
    web.render(req, res, {
      title: t('home.mine'),
      body: html`<p>${t('home.hello', { name: user.displayName })}</p>
        ${page.items.length === 0 ? html`<p>${t('home.none')}</p>` : ''}
        <ul class="cards">
          ${page.items.map(
            (c) =>
              html`<li>
                <a href="/cases/${c.id}">${t('case.number', { number: c.caseNumber })}</a>
                <p>${c.names.map((n) => n.value).join(' ')}</p>
                <p class="meta">${c.statusLabel}</p>
              </li>`,
          )}
        </ul>
        <p><a class="button" href="/report/new">${t('home.file')}</a></p>`,
    });
  });
  return r;
}
