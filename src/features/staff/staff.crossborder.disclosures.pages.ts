// Disclosure requests across borders (ADR 0155): those sent and received, each with its record
// once approved, and the holder's decision (approve or refuse, with a reason). The federation
// service decides who reads and who decides (the holder of the record decides).
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Actor } from '../../platform/authz/index.js';
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
import { counterpart, idOf, localLink, type Disclosure } from './staff.crossborder.parts.js';
import { facts, postFromPage, when } from './staff.helpers.js';
import type { StaffServices } from './staff.types.js';

const decisionForm = z.object({
  decision: z.enum(['approve', 'refuse']),
  reason: z.string().trim().min(3).max(2000),
});

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

/** The disclosure requests, one request's page and its decision form. */
export function staffDisclosurePages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const disclosers = con.only('forensic', 'contact_point', 'caseworker');

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
    await postFromPage(
      con,
      req,
      res,
      { schema: decisionForm, keys: ['decision', 'reason'], t },
      async (data) => {
        await s.federation.disclosures.decide(user!.actor, id, data);
        return `/staff/disclosures/${id}`;
      },
      (o) => disclosurePage(req, id, o),
    );
  });

  return r;
}
