// The family's erasure page (/cases/:id/erasure): what erasure means, the requests made and
// their answers (a refusal shows the caseworker's reason), and the form to ask.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  html,
  need,
  parseForm,
  postForm,
  textarea,
  type SafeHtml,
  type Web,
} from '../../platform/web/index.js';
import type { DataProtectionService } from './dataprotection.service.js';

/** Page strings of this feature (locales/pages.<lang>.json). */
export const DATA_PROTECTION_PAGE_LOCALES = new URL('./locales/', import.meta.url);

const erasureForm = z.object({ reason: z.string().trim().max(2000).default('') });
const uuid = z.uuid();

/** The erasure page and its form. */
export function dataProtectionPages(web: Web, dp: DataProtectionService): Router {
  const r = Router();

  function caseId(req: Request): string {
    const id = uuid.safeParse(req.params.id);
    if (!id.success) {
      throw new AppError('NOT_FOUND', 'Report not found');
    }
    return id.data;
  }

  async function page(req: Request, res: Response, notice?: SafeHtml) {
    const { t, csrf, user } = need(req);
    const id = caseId(req);
    const { items } = await dp.erasure.list(user!.actor, { limit: 20, offset: 0 }, id);
    const pending = items.some((i) => i.status === 'pending');
    web.render(req, res, {
      title: t('erasure.title'),
      body: html`${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}
        <p>${t('erasure.intro')}</p>
        <p>${t('erasure.keep')}</p>
        ${
          items.length > 0
            ? html`<h2>${t('erasure.requests')}</h2>
                <ul>
                  ${items.map(
                    (i) =>
                      html`<li>
                        <strong>${t(`erasure.status_${i.status}`)}</strong>
                        ${i.decisionReason ? html`<p>${i.decisionReason}</p>` : ''}
                      </li>`,
                  )}
                </ul>`
            : ''
        }
        ${
          pending
            ? ''
            : postForm(
                `/cases/${id}/erasure`,
                csrf,
                textarea({
                  name: 'reason',
                  label: t('erasure.reason'),
                  hint: t('erasure.reasonHint'),
                  rows: 3,
                }),
                { submit: t('erasure.ask') },
              )
        }
        <p><a href="/cases/${id}">${t('erasure.back')}</a></p>`,
    });
  }

  r.get('/cases/:id/erasure', web.requireUser, (req, res) => page(req, res));

  r.post('/cases/:id/erasure', web.requireUser, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const parsed = parseForm(erasureForm, req.body, t);
    if (!parsed.ok) {
      await page(req, res, html`${t('form.error.invalid')}`);
      return;
    }
    await dp.erasure.request(user!.actor, caseId(req), parsed.data.reason);
    await page(req, res, html`${t('erasure.asked')}`);
  });

  return r;
}
