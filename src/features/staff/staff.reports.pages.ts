// Caseworkers' (and forensic practitioners') report search with the names machinery and filters,
// and the report table other pages share. The report page with its timeline, duplicate warnings,
// candidates and routing to a contact point is in staff.reports.record(.pages).ts. Every read goes
// through the reports service, so consent, country and field rules are its own.
import { Router } from 'express';
import {
  countryName,
  countryOptions,
  errorSummary,
  field,
  html,
  need,
  select,
  type SafeHtml,
  type Translate,
  type Web,
} from '../../platform/web/index.js';
import { listReportsQuery, REPORT_STATUSES } from '../reports/index.js';
import type { Console } from './staff.shell.js';
import { dataTable, filters, pager, str } from './staff.helpers.js';
import { staffReportRecordPages } from './staff.reports.record.pages.js';
import { dateText, namesOf } from './staff.reports.record.js';
import type { StaffServices } from './staff.types.js';

export { namesOf } from './staff.reports.record.js';

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

type Row = Record<string, unknown>;

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

/** The report search, then the report page. */
export function staffReportsPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();

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
  r.use(staffReportRecordPages(web, con, s));

  return r;
}
