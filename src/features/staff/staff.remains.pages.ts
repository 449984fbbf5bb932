// Forensic practitioners' pages: remains list with filters, the remains page with its custody
// chain, a custody event form offering only the state machine's allowed next steps, the
// identification status (two-person rule enforced by the remains service) and its candidates.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Actor } from '../../platform/authz/index.js';
import { AppError } from '../../platform/errors.js';
import {
  countryName,
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
import { allowedCustodyEvents, appendCustodyBody, type CustodyState } from '../custody/index.js';
import { changeStatusBody, REMAINS_STATUSES, searchRemainsQuery } from '../remains/index.js';
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

const FILTERS = ['code', 'status', 'sex', 'recoveredFrom', 'recoveredTo', 'offset'] as const;
const idParam = z.object({ id: z.uuid() });

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

/** The custody form's flat fields → the custody service's input (only the parts given). */
function custodyInput(b: Record<string, string | undefined>, actor: Actor) {
  const v = (k: string) => (b[k] ?? '').trim() || undefined;
  const occurred = v('occurredAt');
  return {
    kind: v('kind'),
    occurredAt:
      occurred && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(occurred) ? `${occurred}:00Z` : occurred,
    performedBy: v('performedBy'),
    custodian: v('custodianName')
      ? { name: v('custodianName'), country: v('custodianCountry') ?? actor.country }
      : undefined,
    location: v('locationName') ? { name: v('locationName') } : undefined,
    burial:
      v('cemetery') || v('plot') || v('graveMarker')
        ? { cemetery: v('cemetery'), plot: v('plot'), graveMarker: v('graveMarker') }
        : undefined,
    sample:
      v('sampleLaboratory') || v('sampleReference')
        ? {
            laboratory: v('sampleLaboratory'),
            sampleReference: v('sampleReference'),
            sampleType: v('sampleType') ?? 'other',
          }
        : undefined,
    documents: [],
    notes: v('notes'),
  };
}

/** Form field names of the custody service's input paths. */
const CUSTODY_FIELD: Record<string, string> = {
  custodian: 'custodianName',
  'custodian.name': 'custodianName',
  'custodian.country': 'custodianCountry',
  location: 'locationName',
  'location.name': 'locationName',
  burial: 'cemetery',
  'burial.cemetery': 'cemetery',
  'burial.plot': 'plot',
  'burial.graveMarker': 'graveMarker',
  sample: 'sampleLaboratory',
  'sample.laboratory': 'sampleLaboratory',
  'sample.sampleReference': 'sampleReference',
};

/** The remains list, the remains page and its forms. */
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

  async function remainsPage(
    req: Request,
    id: string,
    o: { errors?: FieldErrors; notice?: string; values?: Record<string, string | undefined> } = {},
  ) {
    const { t, user, lang, csrf } = need(req);
    const actor = user!.actor;
    const rem = await s.remains.get(actor, id);
    const chain = await s.custody.list(actor, id);
    const candidates = await s.matching.listForRemains(actor, id, {
      includeExcluded: 'false',
      limit: 20,
      offset: 0,
    });
    const state = chain.state as CustodyState;
    const allowed = allowedCustodyEvents(state);
    const last = chain.events.at(-1) as
      | {
          custodian?: { name?: string; country?: string } | null;
          location?: { name?: string } | null;
        }
      | undefined;
    const lastCustodian = [...chain.events]
      .reverse()
      .map((e) => e.custodian as { name?: string; country?: string } | null)
      .find(Boolean);
    const v = o.values ?? {};
    const now = new Date().toISOString().slice(0, 16);
    const rec = rem.recovery as {
      date?: { text?: string };
      place?: string;
      country?: string;
    };
    const status = String(rem.status);
    const summary = facts([
      [t('staff.remains.status'), t(`staff.remainsStatus.${status}`)],
      [t('staff.remains.recovered'), rec.date?.text ?? '—'],
      [
        t('staff.remains.place'),
        `${rec.place ?? '—'}${rec.country ? ` (${countryName(rec.country, lang)})` : ''}`,
      ],
      [t('staff.remains.condition'), t(`staff.condition.${String(rem.condition)}`)],
      [t('staff.attr.sex'), t(`staff.sex.${str(rem.sex, 'unknown')}`)],
      [t('staff.attr.age'), range(rem.age as { min?: number; max?: number } | null)],
      [t('staff.attr.stature'), range(rem.stature as { min?: number; max?: number } | null, ' cm')],
      [t('staff.custody.state'), t(`staff.custodyState.${state}`)],
      [t('staff.custody.custodian'), lastCustodian?.name ?? '—'],
      [t('staff.custody.location'), last?.location?.name ?? '—'],
    ]);
    const events = html`<table>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">${t('staff.custody.kind')}</th>
          <th scope="col">${t('staff.custody.occurredAt')}</th>
          <th scope="col">${t('staff.custody.custodian')}</th>
          <th scope="col">${t('staff.custody.location')}</th>
          <th scope="col">${t('staff.custody.performedBy')}</th>
        </tr>
      </thead>
      <tbody>
        ${chain.events.map(
          (e) =>
            html`<tr>
              <td>${e.position}</td>
              <td>${t(`staff.custodyKind.${e.kind}`)}</td>
              <td>${when(e.occurredAt, lang)}</td>
              <td>${(e.custodian as { name?: string } | null)?.name ?? '—'}</td>
              <td>
                ${(e.location as { name?: string } | null)?.name ?? (e.burial as { cemetery?: string } | null)?.cemetery ?? '—'}
              </td>
              <td>${e.performedBy ?? '—'}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
    const custodyForm =
      allowed.length === 0
        ? html`<p>${t('staff.custody.closed')}</p>`
        : postForm(
            `/staff/remains/${id}/custody`,
            csrf,
            html`<p class="hint">${t('staff.custody.keys')}</p>
              <div class="filters">
                ${select({ name: 'kind', label: t('staff.custody.kind'), value: v.kind ?? allowed[0], options: allowed.map((k) => ({ value: k, label: t(`staff.custodyKind.${k}`) })), error: o.errors?.kind })}
                ${field({ name: 'occurredAt', label: t('staff.custody.occurredAt'), value: v.occurredAt ?? now, hint: t('staff.custody.utc'), error: o.errors?.occurredAt })}
                ${field({ name: 'performedBy', label: t('staff.custody.performedBy'), value: v.performedBy, error: o.errors?.performedBy })}
                ${field({ name: 'custodianName', label: t('staff.custody.custodian'), value: v.custodianName ?? lastCustodian?.name, error: o.errors?.custodianName })}
                ${field({ name: 'locationName', label: t('staff.custody.location'), value: v.locationName ?? last?.location?.name, error: o.errors?.locationName })}
              </div>
              <details>
                <summary>${t('staff.custody.more')}</summary>
                <div class="filters">
                  ${field({ name: 'cemetery', label: t('staff.custody.cemetery'), value: v.cemetery, error: o.errors?.cemetery })}
                  ${field({ name: 'plot', label: t('staff.custody.plot'), value: v.plot, error: o.errors?.plot })}
                  ${field({ name: 'graveMarker', label: t('staff.custody.graveMarker'), value: v.graveMarker, error: o.errors?.graveMarker })}
                  ${field({ name: 'sampleLaboratory', label: t('staff.custody.laboratory'), value: v.sampleLaboratory, error: o.errors?.sampleLaboratory })}
                  ${field({ name: 'sampleReference', label: t('staff.custody.sampleReference'), value: v.sampleReference, error: o.errors?.sampleReference })}
                  ${select({ name: 'sampleType', label: t('staff.custody.sampleType'), value: v.sampleType ?? 'bone', options: ['bone', 'tooth', 'tissue', 'blood', 'other'].map((x) => ({ value: x, label: t(`staff.sampleType.${x}`) })) })}
                </div>
                ${textarea({ name: 'notes', label: t('staff.custody.notes'), value: v.notes, rows: 2 })}
              </details>`,
            { submit: t('staff.custody.submit') },
          );
    const candidateRows = (candidates.items as Row[]).map(
      (c) =>
        html`<tr>
          <td>${Number(c.rank ?? 0) || ''}</td>
          <td>
            <a href="/staff/candidates/${String(c.id)}" dir="ltr"
              >${String(c.caseNumber ?? c.reportId)}</a
            >
          </td>
          <td class="lr">${Number(c.score).toFixed(1)}</td>
          <td>${t(`staff.review.${String(c.status)}`)}</td>
        </tr>`,
    );
    const statusForm = postForm(
      `/staff/remains/${id}/status`,
      csrf,
      html`<div class="filters">
          ${select({ name: 'status', label: t('staff.identify.next'), value: v.status, options: ['provisionally_identified', 'identified', 'unidentified'].map((x) => ({ value: x, label: t(`staff.remainsStatus.${x}`) })), error: o.errors?.status })}
        </div>
        ${textarea({ name: 'basis', label: t('staff.identify.basis'), hint: t('staff.identify.twoPerson'), value: v.basis, rows: 2, error: o.errors?.basis })}`,
      { submit: t('staff.identify.submit'), className: 'identify' },
    );
    return {
      title: t('staff.remains.one', { code: String(rem.code) }),
      body: html`${o.notice ? html`<div class="notice" role="alert">${o.notice}</div>` : ''}
        ${errorSummary(o.errors, t)}
        <nav class="page-links" aria-label="${t('staff.links.label')}">
          <a href="/staff/remains/${id}/photos">${t('staff.links.photos')}</a> ·
          <a href="/staff/remains/${id}/pm-sheet.pdf">${t('staff.pdf.pmSheet')}</a> ·
          <a href="/staff/remains/${id}/certificate.pdf">${t('staff.pdf.certificate')}</a>
        </nav>
        <div class="panels">
          <section aria-labelledby="h-summary">
            <h2 id="h-summary">${t('staff.remains.summary')}</h2>
            ${summary}
          </section>
          <section aria-labelledby="h-candidates">
            <h2 id="h-candidates">${t('staff.candidates.title')}</h2>
            ${
              candidates.items.length === 0
                ? html`<p>${t('staff.candidates.none')}</p>`
                : html`<table>
                    <thead>
                      <tr>
                        <th scope="col">#</th>
                        <th scope="col">${t('staff.reports.caseNumber')}</th>
                        <th scope="col">${t('staff.candidates.score')}</th>
                        <th scope="col">${t('staff.candidates.review')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${candidateRows}
                    </tbody>
                  </table>`
            }
          </section>
        </div>
        <h2 id="h-custody">${t('staff.custody.title')}</h2>
        ${events}
        <h3>${t('staff.custody.add')}</h3>
        ${custodyForm}
        <h2>${t('staff.identify.title')}</h2>
        ${statusForm}`,
    };
  }

  r.get('/staff/remains/:id', forensic, async (req, res) => {
    const p = idParam.safeParse(req.params);
    if (!p.success) {
      throw new AppError('NOT_FOUND', 'remains');
    }
    con.render(req, res, await remainsPage(req, p.data.id));
  });

  r.post('/staff/remains/:id/custody', forensic, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const p = idParam.safeParse(req.params);
    if (!p.success) {
      throw new AppError('NOT_FOUND', 'remains');
    }
    const body = req.body as Record<string, string | undefined>;
    const parsed = appendCustodyBody.safeParse(custodyInput(body, user!.actor));
    const again = async (status: number, o: { errors?: FieldErrors; notice?: string }) =>
      con.render(req, res, {
        status,
        ...(await remainsPage(req, p.data.id, { ...o, values: body })),
      });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join('.');
        const name = CUSTODY_FIELD[path] ?? path;
        errors[name] ??= `${t('form.error.invalid')} (${issue.message})`;
      }
      await again(400, { errors });
      return;
    }
    try {
      await s.custody.append(user!.actor, p.data.id, parsed.data);
    } catch (err) {
      const fields = fieldErrorsOf(err, t);
      if (fields) {
        const errors: FieldErrors = {};
        for (const [k, m] of Object.entries(fields)) {
          errors[CUSTODY_FIELD[k] ?? k] = m;
        }
        await again(400, { errors });
        return;
      }
      if (err instanceof AppError && err.code === 'INVALID_TRANSITION') {
        await again(409, { notice: t('staff.custody.refused') });
        return;
      }
      throw err;
    }
    res.redirect(303, `/staff/remains/${p.data.id}#h-custody`);
  });

  r.post('/staff/remains/:id/status', forensic, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const p = idParam.safeParse(req.params);
    if (!p.success) {
      throw new AppError('NOT_FOUND', 'remains');
    }
    const body = req.body as Record<string, string | undefined>;
    const parsed = changeStatusBody.safeParse({ status: body.status, basis: body.basis });
    const again = async (status: number, o: { errors?: FieldErrors; notice?: string }) =>
      con.render(req, res, {
        status,
        ...(await remainsPage(req, p.data.id, { ...o, values: body })),
      });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        errors[issue.path.map(String).join('.')] ??= t('form.error.required');
      }
      await again(400, { errors });
      return;
    }
    try {
      const out = (await s.remains.changeStatus(user!.actor, p.data.id, parsed.data)) as {
        identificationPending?: unknown;
      };
      if (out.identificationPending) {
        await again(200, { notice: t('staff.identify.proposed') });
        return;
      }
    } catch (err) {
      if (
        err instanceof AppError &&
        ['INVALID_TRANSITION', 'SECOND_REVIEWER_REQUIRED'].includes(err.code)
      ) {
        await again(409, {
          notice: t(
            err.code === 'SECOND_REVIEWER_REQUIRED'
              ? 'staff.identify.second'
              : 'staff.identify.refused',
          ),
        });
        return;
      }
      throw err;
    }
    res.redirect(303, `/staff/remains/${p.data.id}`);
  });

  return r;
}
