// Forensic practitioners' pages: the remains list with filters; the remains page with its custody
// chain, identification status and candidates is in staff.remains.record(.pages).ts.
import { Router } from 'express';
import {
  errorSummary,
  field,
  html,
  need,
  select,
  type SafeHtml,
  type Translate,
  type Web,
} from '../../platform/web/index.js';
import { REMAINS_STATUSES, searchRemainsQuery } from '../remains/index.js';
import type { Console } from './staff.shell.js';
import { dataTable, filters, pager, range, str } from './staff.helpers.js';
import { staffRemainsRecordPages } from './staff.remains.record.pages.js';
import type { StaffServices } from './staff.types.js';

const FILTERS = ['code', 'status', 'sex', 'recoveredFrom', 'recoveredTo', 'offset'] as const;

type Row = Record<string, unknown>;

/** A table of remains (code, recovery, estimates, status) linking to each remains page. */
export function remainsTable(items: readonly Row[], t: Translate): SafeHtml {
  return dataTable(
    [
      t('staff.remains.code'),
      t('staff.remains.recovered'),
      t('staff.remains.place'),
      t('staff.attr.sex'),
      t('staff.attr.age'),
      t('staff.remains.status'),
    ],
    items.map((r) => {
      const rec = r.recovery as { date?: { text?: string }; place?: string } | undefined;
      return html`<tr>
        <td><a href="/staff/remains/${String(r.id)}" dir="ltr">${String(r.code)}</a></td>
        <td>${rec?.date?.text ?? '—'}</td>
        <td>${rec?.place ?? '—'}</td>
        <td>${t(`staff.sex.${str(r.sex, 'unknown')}`)}</td>
        <td>${range(r.age as { min?: number; max?: number } | null)}</td>
        <td>${t(`staff.remainsStatus.${String(r.status)}`)}</td>
      </tr>`;
    }),
    t,
  );
}

/** The remains list, then the remains page and its forms. */
export function staffRemainsPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const forensic = con.only('forensic');

  r.get('/staff/remains', forensic, async (req, res) => {
    const { t, user } = need(req);
    const { values, parsed } = filters(req, searchRemainsQuery, FILTERS, t);
    const form = html`<form method="get" action="/staff/remains" class="filters" role="search">
      ${field({ name: 'code', label: t('staff.remains.code'), value: values.code, error: !parsed.ok ? parsed.errors.code : undefined })}
      ${select({ name: 'status', label: t('staff.remains.status'), value: values.status, options: [{ value: '', label: t('staff.list.any') }, ...REMAINS_STATUSES.map((x) => ({ value: x, label: t(`staff.remainsStatus.${x}`) }))] })}
      ${select({ name: 'sex', label: t('staff.attr.sex'), value: values.sex, options: [{ value: '', label: t('staff.list.any') }, ...['female', 'male', 'unknown'].map((x) => ({ value: x, label: t(`staff.sex.${x}`) }))] })}
      ${field({ name: 'recoveredFrom', label: t('staff.remains.recoveredFrom'), type: 'date', value: values.recoveredFrom, error: !parsed.ok ? parsed.errors.recoveredFrom : undefined })}
      ${field({ name: 'recoveredTo', label: t('staff.remains.recoveredTo'), type: 'date', value: values.recoveredTo, error: !parsed.ok ? parsed.errors.recoveredTo : undefined })}
      <div class="field"><button type="submit">${t('staff.list.filter')}</button></div>
    </form>`;
    if (!parsed.ok) {
      con.render(req, res, {
        status: 400,
        title: t('staff.remains.title'),
        body: html`${errorSummary(parsed.errors, t)}${form}`,
      });
      return;
    }
    const page = await s.remains.search(user!.actor, parsed.data);
    con.render(req, res, {
      title: t('staff.remains.title'),
      body: html`<p><a href="/staff/remains/new">${t('staff.nav.registerRemains')}</a></p>
        ${form}${remainsTable(page.items, t)}${pager('/staff/remains', values, page, t)}`,
    });
  });
  r.use(staffRemainsRecordPages(web, con, s));

  return r;
}
