// Cross-border pages (ADR 0155): the candidates of the actor's jurisdiction, which show the other
// side only as a jurisdiction and a pseudonymous reference until a disclosure is approved; the
// disclosure requests sent and received, with the form to ask (purpose, justification) and the
// holder's decision (approve or refuse, with a reason). Everything goes through the federation
// service, whose rules decide who reads and who decides (the holder of the record decides).
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Actor } from '../../platform/authz/index.js';
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
  type Translate,
  type Web,
} from '../../platform/web/index.js';
import type { Console } from './staff.shell.js';
import { dataTable, facts, given, pager, submitForm, when } from './staff.helpers.js';
import type { StaffServices } from './staff.types.js';

const uuid = z.uuid();
const listQuery = z.object({ offset: z.coerce.number().int().min(0).max(100_000).default(0) });
const requestForm = z.object({
  purpose: z.enum(['identification', 'tracing', 'family_information']),
  justification: z.string().trim().min(10).max(2000),
});
const decisionForm = z.object({
  decision: z.enum(['approve', 'refuse']),
  reason: z.string().trim().min(3).max(2000),
});
const PURPOSES = ['identification', 'tracing', 'family_information'] as const;

type Candidate = {
  id: string;
  local: { side: string; id: string; ref: string };
  counterpart: { jurisdiction: string; ref: string };
  score: number;
  excluded: boolean;
  status: string;
  parts: { attribute: string; log10lr: number; explanation: string }[];
  exclusions: { rule: string; reason: string; overridden: boolean }[];
  agreementRef: string;
  updatedAt: Date | string;
};
type Disclosure = {
  id: string;
  direction: 'outgoing' | 'incoming';
  local: { side: string; id: string; ref: string };
  counterpart: { jurisdiction: string; ref: string };
  requesterRole: string;
  purpose: string;
  justification: string;
  status: string;
  decidedAt: Date | string | null;
  decisionReason: string | null;
  expiresAt: Date | string | null;
  purgedAt: Date | string | null;
  record?: unknown;
};

/** The id of the path, or 404 (a malformed id is a record that does not exist). */
function idOf(req: Request): string {
  const p = uuid.safeParse(req.params.id);
  if (!p.success) {
    throw new AppError('NOT_FOUND', 'record');
  }
  return p.data;
}

/** The local record's reference, linked to its page where the actor has one. */
function localLink(actor: Actor, local: { side: string; id: string; ref: string }): SafeHtml {
  const ref = html`<bdi dir="ltr">${local.ref}</bdi>`;
  if (local.side === 'pm' && actor.role === 'forensic') {
    return html`<a href="/staff/remains/${local.id}">${ref}</a>`;
  }
  if (local.side === 'am' && actor.role === 'caseworker') {
    return html`<a href="/staff/reports/${local.id}">${ref}</a>`;
  }
  return ref;
}

/** The other side: its jurisdiction and pseudonymous reference, never a name. */
function counterpart(c: { jurisdiction: string; ref: string }, t: Translate): SafeHtml {
  return html`${t('staff.fed.jurisdiction', { code: c.jurisdiction })} ·
    <bdi dir="ltr" class="meta">${c.ref}</bdi>`;
}

function disclosuresTable(items: readonly Disclosure[], t: Translate, actor: Actor): SafeHtml {
  if (items.length === 0) {
    return html`<p>${t('staff.list.none')}</p>`;
  }
  return html`<table>
    <thead>
      <tr>
        <th scope="col">${t('staff.fed.local')}</th>
        <th scope="col">${t('staff.fed.counterpart')}</th>
        <th scope="col">${t('staff.fed.purpose')}</th>
        <th scope="col">${t('staff.fed.status')}</th>
        <th scope="col"><span class="visually-hidden">${t('staff.fed.open')}</span></th>
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (d) =>
          html`<tr>
            <td>${localLink(actor, d.local)}</td>
            <td>${counterpart(d.counterpart, t)}</td>
            <td>${t(`staff.fed.purposes.${d.purpose}`)}</td>
            <td>${t(`staff.fed.disclosureStatus.${d.status}`)}</td>
            <td><a href="/staff/disclosures/${d.id}">${t('staff.fed.open')}</a></td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Cross-border candidates and disclosure requests. */
export function staffCrossBorderPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const readers = con.only('forensic', 'contact_point');
  const disclosers = con.only('forensic', 'contact_point', 'caseworker');

  r.get('/staff/cross-border', readers, async (req, res) => {
    const { t, user, lang } = need(req);
    const q = listQuery.safeParse(req.query);
    const offset = q.success ? q.data.offset : 0;
    const page = await s.federation.listCandidates(user!.actor, { limit: 25, offset });
    const items = page.items as Candidate[];
    con.render(req, res, {
      title: t('staff.fed.candidates'),
      body: html`<p>${t('staff.fed.candidatesIntro')}</p>
        ${dataTable(
          [
            t('staff.fed.local'),
            t('staff.fed.counterpart'),
            t('staff.fed.score'),
            t('staff.fed.status'),
            t('staff.fed.updated'),
          ],
          items.map(
            (c) =>
              html`<tr>
                <td>
                  <a href="/staff/cross-border/${c.id}"><bdi dir="ltr">${c.local.ref}</bdi></a>
                </td>
                <td>${counterpart(c.counterpart, t)}</td>
                <td dir="ltr">${c.excluded ? t('staff.fed.excluded') : c.score.toFixed(1)}</td>
                <td>${c.status}</td>
                <td>${when(c.updatedAt, lang)}</td>
              </tr>`,
          ),
          t,
        )}
        ${pager('/staff/cross-border', {}, page, t)}
        <p><a href="/staff/disclosures">${t('staff.fed.disclosures')}</a></p>`,
    });
  });

  async function candidatePage(
    req: Request,
    id: string,
    o: { errors?: FieldErrors; values?: Record<string, string> } = {},
  ) {
    const { t, user, csrf } = need(req);
    const actor = user!.actor;
    const c = (await s.federation.getCandidate(actor, id)) as unknown as Candidate;
    return {
      title: t('staff.fed.candidate', { ref: c.local.ref }),
      body: html`${errorSummary(o.errors, t)}
        ${facts([
          [t('staff.fed.local'), localLink(actor, c.local)],
          [t('staff.fed.counterpart'), counterpart(c.counterpart, t)],
          [t('staff.fed.score'), html`<span dir="ltr">${c.score.toFixed(2)}</span>`],
          [t('staff.fed.status'), c.status],
          [t('staff.fed.agreement'), html`<bdi dir="ltr">${c.agreementRef}</bdi>`],
        ])}
        <p class="meta">${t('staff.fed.pseudonymous')}</p>
        <h2>${t('staff.fed.explanation')}</h2>
        <ul lang="en" dir="ltr">
          ${c.parts.map(
            (p) =>
              html`<li>
                <strong>${p.attribute}</strong> (${p.log10lr.toFixed(2)}): ${p.explanation}
              </li>`,
          )}
          ${c.exclusions.map(
            (e) =>
              html`<li>
                <strong>${e.rule}</strong>: ${e.reason}${e.overridden ? ' (overridden)' : ''}
              </li>`,
          )}
        </ul>
        <h2 id="h-ask">${t('staff.fed.ask')}</h2>
        <p>${t('staff.fed.askIntro', { code: c.counterpart.jurisdiction })}</p>
        ${postForm(
          `/staff/cross-border/${id}/disclosures`,
          csrf,
          html`${choices({
            name: 'purpose',
            legend: t('staff.fed.purpose'),
            value: o.values?.purpose ?? 'identification',
            options: PURPOSES.map((p) => ({ value: p, label: t(`staff.fed.purposes.${p}`) })),
            error: o.errors?.purpose,
          })}
          ${textarea({ name: 'justification', label: t('staff.fed.justification'), hint: t('staff.fed.justificationHint'), rows: 3, value: o.values?.justification, error: o.errors?.justification })}`,
          { submit: t('staff.fed.send') },
        )}`,
    };
  }

  r.get('/staff/cross-border/:id', readers, async (req, res) => {
    con.render(req, res, await candidatePage(req, idOf(req)));
  });

  r.post('/staff/cross-border/:id/disclosures', readers, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const id = idOf(req);
    const values = given(req.body, ['purpose', 'justification']);
    await submitForm(
      requestForm,
      values,
      t,
      async (data) => {
        const d = await s.federation.disclosures.request(user!.actor, id, data);
        res.redirect(303, `/staff/disclosures/${d.id}`);
      },
      async (errors) =>
        con.render(req, res, {
          status: 400,
          ...(await candidatePage(req, id, { errors, values })),
        }),
    );
  });

  r.get('/staff/disclosures', disclosers, async (req, res) => {
    const { t, user } = need(req);
    const actor = user!.actor;
    const { items } = (await s.federation.disclosures.list(actor)) as { items: Disclosure[] };
    const toDecide = items.filter((d) => d.direction === 'incoming' && d.status === 'requested');
    const received = items.filter((d) => d.direction === 'incoming' && d.status !== 'requested');
    const sent = items.filter((d) => d.direction === 'outgoing');
    con.render(req, res, {
      title: t('staff.fed.disclosures'),
      body: html`<h2 id="h-decide">${t('staff.fed.toDecide')}</h2>
        ${disclosuresTable(toDecide, t, actor)}
        <h2>${t('staff.fed.sent')}</h2>
        ${disclosuresTable(sent, t, actor)}
        <h2>${t('staff.fed.decided')}</h2>
        ${disclosuresTable(received, t, actor)}`,
    });
  });

  async function disclosurePage(
    req: Request,
    id: string,
    o: { errors?: FieldErrors; values?: Record<string, string> } = {},
  ) {
    const { t, user, csrf, lang } = need(req);
    const actor = user!.actor;
    const d = (await s.federation.disclosures.get(actor, id)) as Disclosure;
    const open = d.direction === 'incoming' && d.status === 'requested';
    return {
      title: t(d.direction === 'incoming' ? 'staff.fed.incoming' : 'staff.fed.outgoing', {
        ref: d.local.ref,
      }),
      body: html`${errorSummary(o.errors, t)}
        ${facts([
          [t('staff.fed.local'), localLink(actor, d.local)],
          [t('staff.fed.counterpart'), counterpart(d.counterpart, t)],
          [t('staff.fed.requester'), t(`staff.role.${d.requesterRole}`)],
          [t('staff.fed.purpose'), t(`staff.fed.purposes.${d.purpose}`)],
          [t('staff.fed.justification'), d.justification],
          [t('staff.fed.status'), t(`staff.fed.disclosureStatus.${d.status}`)],
          [t('staff.fed.decidedAt'), when(d.decidedAt, lang)],
          [t('staff.fed.reason'), d.decisionReason ?? '—'],
        ])}
        ${
          d.record !== undefined
            ? html`<h2>${t('staff.fed.record')}</h2>
                <p class="meta">${t('staff.fed.recordUntil', { date: when(d.expiresAt, lang) })}</p>
                <pre dir="ltr">${JSON.stringify(d.record, null, 2)}</pre>`
            : ''
        }
        ${
          open
            ? html`<h2 id="h-decision">${t('staff.fed.decide')}</h2>
                <p>${t('staff.fed.decideIntro')}</p>
                ${postForm(
                  `/staff/disclosures/${id}/decide`,
                  csrf,
                  html`${choices({
                    name: 'decision',
                    legend: t('staff.fed.decision'),
                    value: o.values?.decision,
                    options: [
                      { value: 'approve', label: t('staff.fed.approve') },
                      { value: 'refuse', label: t('staff.fed.refuse') },
                    ],
                    error: o.errors?.decision,
                  })}
                  ${textarea({ name: 'reason', label: t('staff.fed.reason'), hint: t('staff.fed.reasonHint'), rows: 3, value: o.values?.reason, error: o.errors?.reason })}`,
                  { submit: t('staff.fed.submitDecision') },
                )}`
            : ''
        }
        <p><a href="/staff/disclosures">${t('staff.fed.disclosures')}</a></p>`,
    };
  }

  r.get('/staff/disclosures/:id', disclosers, async (req, res) => {
    con.render(req, res, await disclosurePage(req, idOf(req)));
  });

  r.post('/staff/disclosures/:id/decide', disclosers, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const id = idOf(req);
    const values = given(req.body, ['decision', 'reason']);
    await submitForm(
      decisionForm,
      values,
      t,
      async (data) => {
        await s.federation.disclosures.decide(user!.actor, id, data);
        res.redirect(303, `/staff/disclosures/${id}`);
      },
      async (errors) =>
        con.render(req, res, {
          status: 400,
          ...(await disclosurePage(req, id, { errors, values })),
        }),
    );
  });

  return r;
}
