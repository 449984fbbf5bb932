// The auditor's accountability pages (ADR 0157): the signed checkpoints kept outside the
// database (listed newest first, each checked against the chains; take one now) and "who accessed
// this record" for one report or remains of the auditor's country, from the audit trail. Both go
// through the audit and data-protection services with the auditor as actor.
import { Router } from 'express';
import { z } from 'zod';
import {
  errorSummary,
  field,
  html,
  need,
  parseForm,
  postForm,
  select,
  type Web,
} from '../../platform/web/index.js';
import type { Console } from './staff.shell.js';
import { dataTable, given, when } from './staff.helpers.js';
import type { StaffServices } from './staff.types.js';

const SHOWN = 100;
const accessQuery = z.object({ type: z.enum(['reports', 'remains']), id: z.uuid() });

/** Checkpoints and the access log of a record, for auditors. */
export function staffAccountabilityPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const auditor = con.only('auditor');

  r.get('/staff/audit/checkpoints', auditor, async (req, res) => {
    const { t, user, csrf, lang } = need(req);
    const { items, total } = await s.audit.listCheckpoints(user!.actor);
    con.render(req, res, {
      title: t('staff.checkpoints.title'),
      body: html`<p>${t('staff.checkpoints.intro')}</p>
        ${
          req.query.taken === '1'
            ? html`<p class="notice" role="status">${t('staff.checkpoints.taken')}</p>`
            : ''
        }
        ${postForm('/staff/audit/checkpoints', csrf, html``, {
          submit: t('staff.checkpoints.take'),
        })}
        <p class="meta">${t('staff.checkpoints.count', { total })}</p>
        ${dataTable(
          [
            t('staff.checkpoints.line'),
            t('staff.checkpoints.at'),
            t('staff.checkpoints.position'),
            t('staff.checkpoints.custody'),
            t('staff.checkpoints.state'),
          ],
          items.map(
            (c) =>
              html`<tr>
                <td>${c.line}</td>
                <td>${when(c.checkpoint?.at, lang)}</td>
                <td dir="ltr">
                  ${c.checkpoint?.position ?? '—'}
                  <span class="meta">${c.checkpoint?.hash.slice(0, 12) ?? ''}</span>
                </td>
                <td>${c.checkpoint?.custody?.length ?? 0}</td>
                <td>
                  ${
                    c.problems.length === 0
                      ? t('staff.checkpoints.holds')
                      : html`<strong>${t('staff.checkpoints.fails')}</strong>
                          <span lang="en" dir="ltr">${c.problems.join('; ')}</span>`
                  }
                </td>
              </tr>`,
          ),
          t,
        )}
        <p>
          <a href="/staff/audit/verify">${t('staff.audit.verify')}</a> ·
          <a href="/staff/audit">${t('staff.audit.title')}</a>
        </p>`,
    });
  });

  r.post('/staff/audit/checkpoints', auditor, ...web.form, async (req, res) => {
    await s.audit.takeCheckpoint(need(req).user!.actor);
    res.redirect(303, '/staff/audit/checkpoints?taken=1');
  });

  r.get('/staff/audit/access', auditor, async (req, res) => {
    const { t, user, lang } = need(req);
    const values = given(req.query, ['type', 'id']);
    const asked = values.type !== undefined || values.id !== undefined;
    const parsed = asked ? parseForm(accessQuery, values, t) : undefined;
    const errors = parsed && !parsed.ok ? parsed.errors : undefined;
    const form = html`<form method="get" action="/staff/audit/access" class="filters" role="search">
      ${select({
        name: 'type',
        label: t('staff.access.type'),
        value: values.type ?? 'reports',
        error: errors?.type,
        options: [
          { value: 'reports', label: t('staff.access.report') },
          { value: 'remains', label: t('staff.access.remains') },
        ],
      })}
      ${field({ name: 'id', label: t('staff.access.id'), value: values.id, error: errors?.id, required: true })}
      <div class="field"><button type="submit">${t('staff.access.show')}</button></div>
    </form>`;
    if (!parsed?.ok) {
      con.render(req, res, {
        status: errors ? 400 : 200,
        title: t('staff.access.title'),
        body: html`${errorSummary(errors, t)}
          <p>${t('staff.access.intro')}</p>
          ${form}`,
      });
      return;
    }
    const { items: all } = await s.dataProtection.accessLog.of(
      user!.actor,
      parsed.data.type,
      parsed.data.id,
    );
    // The newest accesses first, at most SHOWN of them (the page keeps its weight; the API has all).
    const items = all.slice(-SHOWN).reverse();
    con.render(req, res, {
      title: t('staff.access.title'),
      body: html`${form}
        <p class="meta">
          ${t('staff.access.count', { total: all.length })}
          ${all.length > SHOWN ? t('staff.access.newest', { shown: SHOWN }) : ''}
        </p>
        ${dataTable(
          [
            t('staff.audit.at'),
            t('staff.audit.actor'),
            t('staff.audit.action'),
            t('staff.access.fields'),
            t('staff.access.purpose'),
            t('staff.access.via'),
          ],
          items.map(
            (a) =>
              html`<tr>
                <td>${when(a.at, lang)}</td>
                <td>
                  ${a.actorRole ? t(`staff.role.${a.actorRole}`) : t('staff.audit.system')}
                  ${
                    a.actorId
                      ? html`<br /><a
                            class="meta"
                            href="/staff/audit?actorId=${a.actorId}"
                            dir="ltr"
                            >${a.actorId.slice(0, 8)}</a
                          >`
                      : ''
                  }
                </td>
                <td>${a.action}</td>
                <td dir="ltr">${a.fields.join(', ') || '—'}</td>
                <td lang="en">${a.purpose}</td>
                <td>${t(`staff.access.how.${a.via}`)}</td>
              </tr>`,
          ),
          t,
        )}`,
    });
  });

  return r;
}
