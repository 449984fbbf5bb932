// The report page of caseworkers, forensic practitioners and contact points: the person and the
// timeline; for caseworkers the duplicate warnings and the routing to a contact point, for
// forensic practitioners the candidates; and how a person's names and dates read. Every read goes
// through the services, so their rules hold.
import type { Request } from 'express';
import {
  errorSummary,
  html,
  need,
  postForm,
  select,
  textarea,
  type FieldErrors,
  type SafeHtml,
} from '../../platform/web/index.js';
import { facts, range, str, when } from './staff.helpers.js';
import type { StaffServices } from './staff.types.js';

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

/** A partial date's text, or a dash. */
export const dateText = (d: unknown) => (d as { text?: string } | undefined)?.text ?? '—';

/** The report page: person, timeline, and by role duplicates and routing, or candidates. */
export async function reportPage(
  s: StaffServices,
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
        [t('staff.reports.lastSeen'), `${dateText(d.lastSeenDate)} · ${str(d.lastSeenPlace, '—')}`],
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
