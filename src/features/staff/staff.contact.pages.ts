// Contact points' pages: their tasks (death notices first: the family is told in person or by
// phone before anything is written) and the cases assigned to them; a case page with the
// messages exchanged with the family and the death notice to record.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  choices,
  errorSummary,
  html,
  need,
  postForm,
  textarea,
  type FieldErrors,
  type SafeHtml,
  type Web,
} from '../../platform/web/index.js';
import { deathNoticeBody, messageBody } from '../notifications/index.js';
import type { Console } from './staff.shell.js';
import { facts, when } from './staff.helpers.js';
import { namesOf, reportsTable } from './staff.reports.pages.js';
import type { StaffServices } from './staff.types.js';

const idParam = z.object({ id: z.uuid() });
type Row = Record<string, unknown>;

/** The contact point's tasks and cases (also its home page). */
export async function casesBody(req: Request, s: StaffServices): Promise<SafeHtml> {
  const { t, user, lang } = need(req);
  const actor = user!.actor;
  const inbox = await s.notifications.inbox(actor, { limit: 20, offset: 0 });
  // Death notices first, then the rest, each newest first (the service orders by date).
  const tasks = [
    ...inbox.items.filter((n) => n.kind === 'death_notice'),
    ...inbox.items.filter((n) => n.kind !== 'death_notice' && !n.readAt),
  ];
  const cases = await s.reports.list(actor, { limit: 25, offset: 0 });
  return html`<h2 id="h-tasks">${t('staff.cases.tasks')}</h2>
    ${
      tasks.length === 0
        ? html`<p>${t('staff.cases.noTasks')}</p>`
        : html`<ul class="cards">
            ${tasks.map(
              (n) =>
                html`<li${n.kind === 'death_notice' ? html` class="notice"` : ''}>
                <strong>${n.kind === 'death_notice' ? t('staff.cases.deathNotice') : n.title}</strong>
                <span class="meta">${when(n.createdAt, lang)}</span>
                ${n.kind === 'death_notice' ? html`<p>${t('staff.cases.inPersonRule')}</p>` : ''}
                ${
                  n.reportId
                    ? html`<p><a href="/staff/cases/${n.reportId}">${t('staff.cases.open')}</a></p>`
                    : ''
                }
              </li>`,
            )}
          </ul>`
    }
    <h2>${t('staff.cases.title')}</h2>
    ${reportsTable(cases.items, t, lang, '/staff/cases')}`;
}

/** Tasks, cases and the case page of contact points. */
export function staffContactPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const cp = con.only('contact_point');

  r.get('/staff/cases', cp, async (req, res) => {
    con.render(req, res, {
      title: need(req).t('staff.cases.title'),
      body: await casesBody(req, s),
    });
  });

  async function casePage(req: Request, id: string, errors?: FieldErrors) {
    const { t, user, lang, csrf } = need(req);
    const actor = user!.actor;
    const rep = (await s.reports.get(actor, id)) as Row;
    const thread = await s.familyChannel.messages(actor, id);
    const deliveries = await s.notifications.deliveries(actor, id);
    const pending = deliveries.deathNotice?.status === 'pending';
    return {
      title: t('staff.reports.one', { caseNumber: String(rep.caseNumber) }),
      body: html`${errorSummary(errors, t)}
        ${facts([
          [
            t('staff.reports.names'),
            html`<bdi>${namesOf((rep.person as Row | undefined)?.names)}</bdi>`,
          ],
          [t('staff.reports.status'), t(`staff.reportStatus.${String(rep.status)}`)],
        ])}
        ${
          pending
            ? html`<section class="notice" aria-labelledby="h-death">
                <h2 id="h-death">${t('staff.cases.deathNotice')}</h2>
                <p>${t('staff.cases.inPersonRule')}</p>
                ${postForm(
                  `/staff/cases/${id}/death-notice`,
                  csrf,
                  html`${choices({
                    name: 'method',
                    legend: t('staff.cases.method'),
                    options: [
                      { value: 'in_person', label: t('staff.cases.inPerson') },
                      { value: 'phone', label: t('staff.cases.phone') },
                    ],
                    error: errors?.method,
                  })}
                  ${textarea({ name: 'note', label: t('staff.cases.note'), rows: 2 })}`,
                  { submit: t('staff.cases.recordNotice') },
                )}
              </section>`
            : ''
        }
        <h2 id="h-messages">${t('staff.cases.messages')}</h2>
        ${thread.items.length === 0 ? html`<p>${t('staff.cases.noMessages')}</p>` : ''}
        ${thread.items.map(
          (m) =>
            html`<div class="msg${m.mine ? ' mine' : ''}">
              <p class="meta">
                ${t(m.authorSide === 'family' ? 'staff.cases.family' : 'staff.cases.us')} ·
                ${when(m.createdAt, lang)}
              </p>
              <p>${m.body}</p>
            </div>`,
        )}
        ${pending ? html`<p class="meta">${t('staff.cases.held')}</p>` : ''}
        ${postForm(
          `/staff/cases/${id}/messages`,
          csrf,
          textarea({ name: 'body', label: t('staff.cases.write'), rows: 3, error: errors?.body }),
          { submit: t('staff.cases.send') },
        )}`,
    };
  }

  function idOf(req: Request): string {
    const p = idParam.safeParse(req.params);
    if (!p.success) {
      throw new AppError('NOT_FOUND', 'report');
    }
    return p.data.id;
  }

  r.get('/staff/cases/:id', cp, async (req, res) => {
    con.render(req, res, await casePage(req, idOf(req)));
  });

  r.post('/staff/cases/:id/messages', cp, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const id = idOf(req);
    const parsed = messageBody.safeParse({ body: (req.body as Row).body ?? '' });
    if (!parsed.success) {
      con.render(req, res, {
        status: 400,
        ...(await casePage(req, id, { body: t('form.error.required') })),
      });
      return;
    }
    await s.familyChannel.post(user!.actor, id, parsed.data);
    res.redirect(303, `/staff/cases/${id}#h-messages`);
  });

  r.post('/staff/cases/:id/death-notice', cp, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const id = idOf(req);
    const b = req.body as Row;
    const note = typeof b.note === 'string' && b.note.trim() ? b.note : undefined;
    const parsed = deathNoticeBody.safeParse({ method: b.method, ...(note ? { note } : {}) });
    if (!parsed.success) {
      con.render(req, res, {
        status: 400,
        ...(await casePage(req, id, { method: t('form.error.required') })),
      });
      return;
    }
    await s.notifications.recordDeathNotice(user!.actor, id, parsed.data);
    res.redirect(303, `/staff/cases/${id}`);
  });

  return r;
}
