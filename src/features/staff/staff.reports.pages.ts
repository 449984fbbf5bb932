// Caseworkers' (and forensic practitioners') report pages: search with the names machinery and
// filters, the report page with its timeline, duplicate warnings, candidates, and routing to a
// contact point (caseworkers). Every read goes through the reports, contact-points and matching
// services, so consent, country and field rules are theirs.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  countryName,
  countryOptions,
  errorSummary,
  field,
  html,
  need,
  postForm,
  select,
  textarea,
  type FieldErrors,
  type SafeHtml,
  type Translate,
  type Web,
} from '../../platform/web/index.js';
import { reassignBody } from '../contact-points/index.js';
import { listReportsQuery, REPORT_STATUSES } from '../reports/index.js';
import type { Console } from './staff.shell.js';
import {
  dataTable,
  facts,
  fieldErrorsOf,
  filters,
  pager,
  range,
  str,
  when,
} from './staff.helpers.js';
import type { StaffServices } from './staff.types.js';

const FILTERS = [
  'name',
  'status',
  'sex',
  'child',
  'lastSeenFrom',
  'lastSeenTo',
  'lastSeenCountry',
  'route',
  'offset',
] as const;
const idParam = z.object({ id: z.uuid() });

type Row = Record<string, unknown>;
interface NameEntry {
  kind: string;
  value: string;
  latin?: string;
}

/** A person's names as one line: the original spelling, with its Latin form when it has one. */
export function namesOf(names: unknown): string {
  return ((names as NameEntry[] | undefined) ?? [])
    .map((n) => (n.latin ? `${n.value} (${n.latin})` : n.value))
    .join(' ');
}

const dateText = (d: unknown) => (d as { text?: string } | undefined)?.text ?? '—';

/** A table of report summaries (case number, names, sex, last seen, status, name match). */
export function reportsTable(
  items: readonly Row[],
  t: Translate,
  lang: string,
  /** Where each case opens (contact points have their own case page). */
  base = '/staff/reports',
): SafeHtml {
  return dataTable(
    [
      t('staff.reports.caseNumber'),
      t('staff.reports.names'),
      t('staff.attr.sex'),
      t('staff.reports.lastSeen'),
      t('staff.reports.status'),
      t('staff.reports.why'),
    ],
    items.map((r) => {
      const m = r.nameMatch as { words?: { how: string }[] } | undefined;
      const flags = r.flags as { unaccompaniedChild?: boolean; separatedChild?: boolean };
      return html`<tr>
        <td>
          <a href="${base}/${String(r.id)}" dir="ltr">${String(r.caseNumber)}</a>
          ${
            flags?.unaccompaniedChild || flags?.separatedChild
              ? html`<br /><span class="meta">${t('staff.reports.child')}</span>`
              : ''
          }
        </td>
        <td><bdi>${namesOf(r.names)}</bdi></td>
        <td>${t(`staff.sex.${str(r.sex, 'unknown')}`)}</td>
        <td>
          ${dateText(r.lastSeenDate)} · ${str(r.lastSeenPlace)}
          ${r.lastSeenCountry ? `(${countryName(str(r.lastSeenCountry), lang)})` : ''}
        </td>
        <td>${t(`staff.reportStatus.${String(r.status)}`)}</td>
        <td class="meta">${(m?.words ?? []).map((w) => w.how).join('; ')}</td>
      </tr>`;
    }),
    t,
  );
}

/** The report search and the report page. */
export function staffReportsPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const readers = con.only('caseworker', 'forensic', 'contact_point');

  r.get('/staff/reports', con.only('caseworker', 'forensic'), async (req, res) => {
    const { t, user, lang } = need(req);
    const { values, parsed } = filters(req, listReportsQuery, FILTERS, t);
    const err = (k: string) => (!parsed.ok ? parsed.errors[k] : undefined);
    const any = { value: '', label: t('staff.list.any') };
    const form = html`<form method="get" action="/staff/reports" role="search">
      ${field({ name: 'name', label: t('staff.reports.name'), type: 'search', hint: t('staff.reports.nameHint'), value: values.name, error: err('name') })}
      <div class="filters">
        ${select({ name: 'status', label: t('staff.reports.status'), value: values.status, options: [any, ...REPORT_STATUSES.map((x) => ({ value: x, label: t(`staff.reportStatus.${x}`) }))] })}
        ${select({ name: 'sex', label: t('staff.attr.sex'), value: values.sex, options: [any, ...['female', 'male', 'unknown'].map((x) => ({ value: x, label: t(`staff.sex.${x}`) }))] })}
        ${select({ name: 'child', label: t('staff.reports.child'), value: values.child, options: [any, { value: 'true', label: t('staff.yes') }, { value: 'false', label: t('staff.no') }] })}
        ${field({ name: 'lastSeenFrom', label: t('staff.reports.lastSeenFrom'), type: 'date', value: values.lastSeenFrom, error: err('lastSeenFrom') })}
        ${field({ name: 'lastSeenTo', label: t('staff.reports.lastSeenTo'), type: 'date', value: values.lastSeenTo, error: err('lastSeenTo') })}
        ${select({ name: 'lastSeenCountry', label: t('staff.reports.lastSeenCountry'), value: values.lastSeenCountry, options: [any, ...countryOptions(lang)], error: err('lastSeenCountry') })}
        ${field({ name: 'route', label: t('staff.reports.route'), value: values.route, error: err('route') })}
      </div>
      <button type="submit">${t('staff.reports.search')}</button>
    </form>`;
    if (!parsed.ok) {
      con.render(req, res, {
        status: 400,
        title: t('staff.reports.title'),
        body: html`${errorSummary(parsed.errors, t)}${form}`,
      });
      return;
    }
    const page = await s.reports.list(user!.actor, parsed.data);
    con.render(req, res, {
      title: t('staff.reports.title'),
      body: html`${form}
        <h2>${t('staff.reports.results')}</h2>
        ${reportsTable(page.items, t, lang)}${pager('/staff/reports', values, page, t)}`,
    });
  });

  async function reportPage(
    req: Request,
    id: string,
    o: { errors?: FieldErrors; values?: Record<string, string> } = {},
  ) {
    const { t, user, lang, csrf } = need(req);
    const actor = user!.actor;
    const rep = (await s.reports.get(actor, id)) as Row;
    const person = (rep.person ?? {}) as Row;
    const d = (rep.disappearance ?? {}) as Row;
    const timeline = await s.reports.timeline(actor, id);
    const parts: SafeHtml[] = [];
    parts.push(
      html`<section aria-labelledby="h-person">
        <h2 id="h-person">${t('staff.reports.person')}</h2>
        ${facts([
          [t('staff.reports.names'), html`<bdi>${namesOf(person.names)}</bdi>`],
          [t('staff.attr.sex'), t(`staff.sex.${str(person.sex, 'unknown')}`)],
          [t('staff.reports.born'), dateText(person.dateOfBirth)],
          [t('staff.attr.age'), range(person.ageEstimate as { min?: number; max?: number })],
          [
            t('staff.reports.lastSeen'),
            `${dateText(d.lastSeenDate)} · ${str(d.lastSeenPlace, '—')}`,
          ],
          [t('staff.reports.route'), str(d.route, '—')],
          [t('staff.reports.status'), t(`staff.reportStatus.${String(rep.status)}`)],
        ])}
      </section>`,
    );
    parts.push(
      html`<section aria-labelledby="h-timeline">
        <h2 id="h-timeline">${t('staff.reports.timeline')}</h2>
        <ol class="timeline">
          ${timeline.items.map(
            (e) =>
              html`<li>
                <strong>${t(`staff.reportStatus.${e.status}`)}</strong>
                <span class="meta">${when(e.at, lang)}</span>
                ${'reason' in e && e.reason ? html`<br />${String(e.reason)}` : ''}
              </li>`,
          )}
        </ol>
      </section>`,
    );
    const extra: SafeHtml[] = [];
    if (actor.role === 'caseworker') {
      const dup = await s.reports.duplicates(actor, id);
      extra.push(
        html`<h2 id="h-duplicates">${t('staff.reports.duplicates')}</h2>
          ${
            dup.items.length === 0
              ? html`<p>${t('staff.reports.noDuplicates')}</p>`
              : html`<ul class="cards">
                  ${dup.items.map(
                    (x) =>
                      html`<li role="note">
                        <a href="/staff/reports/${x.reportId}" dir="ltr">${x.caseNumber}</a> ·
                        ${t('staff.candidates.score')} ${x.score.toFixed(2)}
                        <div class="meta">${x.reasons.join('; ')}</div>
                      </li>`,
                  )}
                </ul>`
          }`,
      );
      const assignment = await s.contactPoints.getAssignment(actor, id);
      const cps = await s.contactPoints.list(actor, { active: 'true', limit: 100, offset: 0 });
      const v = o.values ?? {};
      extra.push(
        html`<h2 id="h-routing">${t('staff.routing.title')}</h2>
          <p>
            ${t('staff.routing.current')}:
            <strong>${assignment.contactPoint?.name ?? t('staff.routing.none')}</strong>
          </p>
          ${errorSummary(o.errors, t)}
          ${postForm(
            `/staff/reports/${id}/route`,
            csrf,
            html`${select({
              name: 'contactPointId',
              label: t('staff.routing.to'),
              value: v.contactPointId,
              options: [
                { value: '', label: '—' },
                ...cps.items.map((c) => ({ value: String(c.id), label: String(c.name) })),
              ],
              error: o.errors?.contactPointId,
            })}
            ${textarea({ name: 'reason', label: t('staff.routing.reason'), value: v.reason, rows: 2, error: o.errors?.reason })}`,
            { submit: t('staff.routing.submit') },
          )}`,
      );
    }
    if (actor.role === 'forensic') {
      const c = await s.matching.listForReport(actor, id, {
        includeExcluded: 'false',
        limit: 20,
        offset: 0,
      });
      extra.push(
        html`<h2>${t('staff.candidates.title')}</h2>
          ${
            c.items.length === 0
              ? html`<p>${t('staff.candidates.none')}</p>`
              : html`<ul>
                  ${(c.items as Row[]).map(
                    (x) =>
                      html`<li>
                        <a href="/staff/candidates/${String(x.id)}" dir="ltr"
                          >${String(x.remainsCode)}</a
                        >
                        · ${Number(x.score).toFixed(1)}
                      </li>`,
                  )}
                </ul>`
          }`,
      );
    }
    const links = [
      ...(actor.role === 'caseworker'
        ? [
            html`<a href="/staff/reports/${id}/consent">${t('staff.links.consent')}</a>`,
            html`<a href="/staff/reports/${id}/family-view">${t('staff.links.familyView')}</a>`,
          ]
        : []),
      ...(actor.role === 'caseworker' || actor.role === 'forensic'
        ? [html`<a href="/staff/reports/${id}/am-sheet.pdf">${t('staff.pdf.amSheet')}</a>`]
        : []),
    ];
    return {
      title: t('staff.reports.one', { caseNumber: String(rep.caseNumber) }),
      body: html`${
          req.query.filed === '1'
            ? html`<div class="notice" role="status">${t('staff.links.filed')}</div>`
            : ''
        }
        ${links.length > 0 ? html`<nav class="page-links" aria-label="${t('staff.links.label')}">${links.map((l, i) => html`${i > 0 ? ' · ' : ''}${l}`)}</nav>` : ''}
        <div class="panels">${parts}</div>
        ${extra}`,
    };
  }

  function idOf(req: Request): string {
    const p = idParam.safeParse(req.params);
    if (!p.success) {
      throw new AppError('NOT_FOUND', 'report');
    }
    return p.data.id;
  }

  r.get('/staff/reports/:id', readers, async (req, res) => {
    con.render(req, res, await reportPage(req, idOf(req)));
  });

  r.post('/staff/reports/:id/route', con.only('caseworker'), ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const id = idOf(req);
    const b = req.body as Record<string, string>;
    const values = { contactPointId: b.contactPointId ?? '', reason: b.reason ?? '' };
    const parsed = reassignBody.safeParse(values);
    let errors: FieldErrors | undefined;
    if (!parsed.success) {
      errors = {};
      for (const i of parsed.error.issues) {
        errors[i.path.map(String).join('.')] ??= t(
          i.code === 'too_small' ? 'form.error.required' : 'form.error.invalid',
        );
      }
    } else {
      try {
        await s.contactPoints.reassign(user!.actor, id, parsed.data);
      } catch (err) {
        errors = fieldErrorsOf(err, t);
        if (!errors) {
          throw err;
        }
      }
    }
    if (errors) {
      con.render(req, res, { status: 400, ...(await reportPage(req, id, { errors, values })) });
      return;
    }
    res.redirect(303, `/staff/reports/${id}#h-routing`);
  });

  return r;
}
