// Auditors' and administrators' pages: the audit trail with filters and chain verification, and
// the users and organisations of the administrator's country. Auditors read events, never case
// content; administrators manage accounts, never cases.
import { Router } from 'express';
import {
  errorSummary,
  field,
  html,
  need,
  postForm,
  select,
  type Web,
} from '../../platform/web/index.js';
import { listAuditQuery } from '../audit/index.js';
import { listOrganisationsQuery, type Organisation } from '../organisations/index.js';
import { listUsersQuery } from '../users/index.js';
import { ROLES } from '../../platform/authz/index.js';
import type { Console } from './staff.shell.js';
import { dataTable, filters, pager, when } from './staff.helpers.js';
import type { StaffServices } from './staff.types.js';

const AUDIT_FILTERS = ['subjectType', 'subjectId', 'actorId', 'offset'] as const;
const USER_FILTERS = ['role', 'offset'] as const;

/** The audit trail, its verification, and the user and organisation lists. */
export function staffOversightPages(_web: Web, con: Console, s: StaffServices): Router {
  const r = Router();

  r.get('/staff/audit', con.only('auditor'), async (req, res) => {
    const { t, user, lang } = need(req);
    const { values, parsed } = filters(req, listAuditQuery, AUDIT_FILTERS, t);
    const err = (k: string) => (!parsed.ok ? parsed.errors[k] : undefined);
    const form = html`<form method="get" action="/staff/audit" class="filters" role="search">
        ${field({ name: 'subjectType', label: t('staff.audit.subjectType'), value: values.subjectType, error: err('subjectType') })}
        ${field({ name: 'subjectId', label: t('staff.audit.subjectId'), hint: t('staff.audit.whoAccessed'), value: values.subjectId, error: err('subjectId') })}
        ${field({ name: 'actorId', label: t('staff.audit.actorId'), value: values.actorId, error: err('actorId') })}
        <div class="field"><button type="submit">${t('staff.list.filter')}</button></div>
      </form>
      <form method="get" action="/staff/audit/verify">
        <button type="submit" class="secondary">${t('staff.audit.verify')}</button>
      </form>`;
    if (!parsed.ok) {
      con.render(req, res, {
        status: 400,
        title: t('staff.audit.title'),
        body: html`${errorSummary(parsed.errors, t)}${form}`,
      });
      return;
    }
    const page = await s.audit.list(user!.actor, parsed.data);
    con.render(req, res, {
      title: t('staff.audit.title'),
      body: html`${form}
      ${dataTable(
        [
          '#',
          t('staff.audit.at'),
          t('staff.audit.actor'),
          t('staff.audit.action'),
          t('staff.audit.subject'),
        ],
        page.items.map(
          (e) =>
            html`<tr>
              <td>${e.position ?? '…'}</td>
              <td>${when(e.at, lang)}</td>
              <td>
                ${e.actorRole ? t(`staff.role.${e.actorRole}`) : t('staff.audit.system')}
                ${e.actorCountry ?? ''}
                ${
                  e.actorId
                    ? html`<br /><a class="meta" href="/staff/audit?actorId=${e.actorId}" dir="ltr"
                          >${e.actorId.slice(0, 8)}</a
                        >`
                    : ''
                }
              </td>
              <td>${e.action}</td>
              <td>
                ${e.subjectType}
                ${
                  e.subjectId
                    ? html`<br /><a
                          class="meta"
                          href="/staff/audit?subjectId=${e.subjectId}"
                          dir="ltr"
                          >${e.subjectId.slice(0, 8)}</a
                        >`
                    : ''
                }
              </td>
            </tr>`,
        ),
        t,
      )}
      ${pager('/staff/audit', values, page, t)}`,
    });
  });

  // Viewing the page is cheap: the signed checkpoints' own check (signature and the events they
  // mark). The walk of the whole chain grows with the trail, so it is an explicit action (POST).
  r.get('/staff/audit/verify', con.only('auditor'), async (req, res) => {
    const { t, user, csrf } = need(req);
    const { items, total } = await s.audit.listCheckpoints(user!.actor);
    const failing = items.filter((c) => c.problems.length > 0).length;
    con.render(req, res, {
      title: t('staff.audit.verification'),
      body: html`<p>${t('staff.checkpoints.verifyIntro')}</p>
        <p class="notice" role="status">
          ${t('staff.checkpoints.quick', { total, failing })}
          <a href="/staff/audit/checkpoints">${t('staff.checkpoints.title')}</a>
        </p>
        ${postForm('/staff/audit/verify', csrf, html``, { submit: t('staff.checkpoints.verifyNow') })}
        <p><a href="/staff/audit">${t('staff.audit.title')}</a></p>`,
    });
  });

  r.post('/staff/audit/verify', con.only('auditor'), ..._web.form, async (req, res) => {
    const { t, user } = need(req);
    const v = await s.audit.verify(user!.actor);
    con.render(req, res, {
      title: t('staff.audit.verification'),
      body: html`<p class="notice" role="status">
          ${
            v.ok
              ? t('staff.audit.intact', { checked: v.checked })
              : v.firstBroken
                ? t('staff.audit.broken', {
                    position: v.firstBroken.position,
                    reason: v.firstBroken.reason,
                  })
                : t('staff.checkpoints.fails')
          }
        </p>
        <p>${t('staff.checkpoints.count', { total: v.checkpoints })}</p>
        ${
          v.checkpointProblems.length > 0
            ? html`<ul lang="en" dir="ltr">
                ${v.checkpointProblems.map(
                  (p) => html`<li>${p.line}: ${p.chain} ${p.position ?? ''} — ${p.reason}</li>`,
                )}
              </ul>`
            : ''
        }
        <p class="meta" dir="ltr">${v.headHash}</p>
        <p><a href="/staff/audit">${t('staff.audit.title')}</a></p>`,
    });
  });

  r.get('/staff/users', con.only('admin'), async (req, res) => {
    const { t, user, lang } = need(req);
    const { values, parsed } = filters(req, listUsersQuery, USER_FILTERS, t);
    const form = html`<form method="get" action="/staff/users" class="filters" role="search">
      ${select({ name: 'role', label: t('staff.users.role'), value: values.role, options: [{ value: '', label: t('staff.list.any') }, ...ROLES.map((x) => ({ value: x, label: t(`staff.role.${x}`) }))] })}
      <div class="field"><button type="submit">${t('staff.list.filter')}</button></div>
    </form>`;
    if (!parsed.ok) {
      con.render(req, res, {
        status: 400,
        title: t('staff.users.title'),
        body: html`${errorSummary(parsed.errors, t)}${form}`,
      });
      return;
    }
    const users = await s.users.list(user!.actor, parsed.data);
    const orgs = await s.organisations.list(
      user!.actor,
      listOrganisationsQuery.parse({ limit: 100 }),
    );
    const orgName = new Map(orgs.items.map((o: Organisation) => [o.id, o.name]));
    con.render(req, res, {
      title: t('staff.users.title'),
      body: html`${form}
        ${dataTable(
          [
            t('staff.users.name'),
            t('staff.login.email'),
            t('staff.users.role'),
            t('staff.users.organisation'),
            t('staff.users.mfa'),
            t('staff.users.state'),
          ],
          users.items.map(
            (u) =>
              html`<tr>
                <td>${u.displayName}</td>
                <td dir="ltr">${u.email}</td>
                <td>${t(`staff.role.${u.role}`)}</td>
                <td>${u.organisationId ? (orgName.get(u.organisationId) ?? '—') : '—'}</td>
                <td>
                  ${u.totpEnabled ? t('staff.yes') : u.mfaExempt ? t('staff.users.exempt') : t('staff.no')}
                </td>
                <td>${u.disabledAt ? t('staff.users.disabled') : t('staff.users.active')}</td>
              </tr>`,
          ),
          t,
        )}
        ${pager('/staff/users', values, users, t)}
        <h2>${t('staff.users.organisations')}</h2>
        ${dataTable(
          [t('staff.users.organisation'), t('staff.users.kind'), t('staff.users.since')],
          orgs.items.map(
            (o: Organisation) =>
              html`<tr>
                <td>${o.name}</td>
                <td>${t(`staff.orgKind.${o.kind}`)}</td>
                <td>${when(o.createdAt, lang)}</td>
              </tr>`,
          ),
          t,
        )}`,
    });
  });

  return r;
}
