// The remains page of forensic practitioners: summary, candidates, the custody chain with a
// form offering only the state machine's allowed next steps, and the identification status form
// (the two-person rule is the remains service's).
import type { Request } from 'express';
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
} from '../../platform/web/index.js';
import { allowedCustodyEvents, type CustodyState } from '../custody/index.js';
import { dataTable, facts, range, str, when } from './staff.helpers.js';
import type { StaffServices } from './staff.types.js';

type Row = Record<string, unknown>;

/** The remains page: summary, candidates, custody chain with its form, identification form. */
export async function remainsPage(
  s: StaffServices,
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
  const events = dataTable(
    [
      '#',
      t('staff.custody.kind'),
      t('staff.custody.occurredAt'),
      t('staff.custody.custodian'),
      t('staff.custody.location'),
      t('staff.custody.performedBy'),
    ],
    chain.events.map(
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
    ),
    t,
  );
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
              : dataTable(
                  [
                    '#',
                    t('staff.reports.caseNumber'),
                    t('staff.candidates.score'),
                    t('staff.candidates.review'),
                  ],
                  candidateRows,
                  t,
                )
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
