// Cross-border pages (ADR 0155): the candidates of the actor's jurisdiction, which show the other
// side only as a jurisdiction and a pseudonymous reference until a disclosure is approved, with
// the form to ask for a disclosure (purpose, justification). The requests themselves and the
// holder's decision are in staff.crossborder.disclosures.pages.ts. Everything goes through the
// federation service, whose rules decide who reads.
import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  choices,
  errorSummary,
  html,
  need,
  postForm,
  textarea,
  type FieldErrors,
  type Web,
} from '../../platform/web/index.js';
import type { Console } from './staff.shell.js';
import { staffDisclosurePages } from './staff.crossborder.disclosures.pages.js';
import { counterpart, idOf, localLink, type Candidate } from './staff.crossborder.parts.js';
import { dataTable, facts, pager, postFromPage, when } from './staff.helpers.js';
import type { StaffServices } from './staff.types.js';

const listQuery = z.object({ offset: z.coerce.number().int().min(0).max(100_000).default(0) });
const requestForm = z.object({
  purpose: z.enum(['identification', 'tracing', 'family_information']),
  justification: z.string().trim().min(10).max(2000),
});
const PURPOSES = ['identification', 'tracing', 'family_information'] as const;

/** Cross-border candidates and disclosure requests. */
export function staffCrossBorderPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const readers = con.only('forensic', 'contact_point');

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
    await postFromPage(
      con,
      req,
      res,
      { schema: requestForm, keys: ['purpose', 'justification'], t },
      async (data) => {
        const d = await s.federation.disclosures.request(user!.actor, id, data);
        return `/staff/disclosures/${d.id}`;
      },
      (o) => candidatePage(req, id, o),
    );
  });
  r.use(staffDisclosurePages(web, con, s));

  return r;
}
