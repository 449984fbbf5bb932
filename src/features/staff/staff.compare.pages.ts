// The candidate page: the side-by-side comparison (AM beside PM, attribute by attribute, with the
// engine's explanation and the evidence still missing) and the review actions of the matching
// service — take under review, exclude with a reason, propose with a basis, confirm (a second
// practitioner; the service refuses the proposer).
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  choices,
  html,
  need,
  postForm,
  textarea,
  type SafeHtml,
  type Web,
} from '../../platform/web/index.js';
import {
  excludeBody,
  PRIMARY_BASIS,
  proposeBody,
  SECONDARY_BASIS,
  type ScorePart,
} from '../matching/index.js';
import { compare } from './staff.compare.js';
import type { Console } from './staff.shell.js';
import { str } from './staff.helpers.js';
import type { StaffServices } from './staff.types.js';

const idParam = z.object({ id: z.uuid() });

function lr(v: number | null): SafeHtml {
  if (v === null) {
    return html`—`;
  }
  const text = `${v > 0 ? '+' : ''}${v.toFixed(2)}`;
  return html`<span class="${v > 0 ? 'for' : v < 0 ? 'against' : ''}" dir="ltr">${text}</span>`;
}

/** The comparison page and its review actions. */
export function staffComparePages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const forensic = con.only('forensic');

  async function page(req: Request, id: string, notice?: string) {
    const { t, user, csrf } = need(req);
    const actor = user!.actor;
    const c = await s.matching.get(actor, id);
    const report = await s.reports.get(actor, String(c.reportId));
    const remains = await s.remains.get(actor, String(c.remainsId));
    const rows = compare(report, remains, (c.parts as ScorePart[] | undefined) ?? []);
    const missing = rows.filter((x) => x.missing !== null);
    const status = String(c.status);
    const review = (c.review ?? {}) as { proposedBy?: string | null; basis?: string[] | null };
    const exclusions =
      (c.exclusions as { rule: string; reason: string; overridden: boolean }[]) ?? [];
    const side = (list: string[]) =>
      list.length === 0
        ? html`<span class="meta">${t('staff.compare.notRecorded')}</span>`
        : html`${list.map((v, i) => html`${i > 0 ? html`<br />` : ''}<bdi dir="ltr">${v}</bdi>`)}`;
    const table = html`<table class="compare">
      <caption class="meta">
        ${t('staff.compare.caption')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('staff.compare.attribute')}</th>
          <th scope="col">${t('staff.compare.am')}</th>
          <th scope="col">${t('staff.compare.pm')}</th>
          <th scope="col">${t('staff.compare.weight')}</th>
          <th scope="col">${t('staff.compare.explanation')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (x) =>
            html`<tr>
              <th scope="row">${t(`staff.attr.${x.attribute}`)}</th>
              <td>${side(x.am)}</td>
              <td>${side(x.pm)}</td>
              <td class="lr">${lr(x.log10lr)}</td>
              <td>
                ${
                  // The engine explains in English (docs/matching.md): marked so, isolated in RTL.
                  x.explanation
                    ? html`<span lang="en" dir="ltr">${x.explanation}</span>`
                    : x.missing
                      ? html`<span class="meta">${t(`staff.compare.missing.${x.missing}`)}</span>`
                      : '—'
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
    const actions: SafeHtml[] = [];
    if (status === 'candidate') {
      actions.push(
        postForm(`/staff/candidates/${id}/review`, csrf, html``, {
          submit: t('staff.review.start'),
          className: 'inline-form',
        }),
      );
    }
    if (status === 'candidate' || status === 'under_review') {
      if (review.proposedBy && review.proposedBy !== actor.id) {
        actions.push(
          html`<p>
            ${t('staff.review.proposedBasis', { basis: (review.basis ?? []).join(', ') })}
          </p>`,
          postForm(`/staff/candidates/${id}/confirm`, csrf, html``, {
            submit: t('staff.review.confirm'),
          }),
        );
      } else if (review.proposedBy) {
        actions.push(html`<p class="notice">${t('staff.review.waitingSecond')}</p>`);
      } else {
        actions.push(
          postForm(
            `/staff/candidates/${id}/propose`,
            csrf,
            html`${choices({
              name: 'basis',
              type: 'checkbox',
              legend: t('staff.review.basis'),
              hint: t('staff.review.basisHint'),
              options: [...PRIMARY_BASIS, ...SECONDARY_BASIS].map((b) => ({
                value: b,
                label: t(`staff.basis.${b}`),
              })),
            })}
            ${textarea({ name: 'note', label: t('staff.review.note'), rows: 2 })}`,
            { submit: t('staff.review.propose') },
          ),
        );
      }
      actions.push(
        postForm(
          `/staff/candidates/${id}/exclude`,
          csrf,
          textarea({ name: 'reason', label: t('staff.review.reason'), rows: 2 }),
          { submit: t('staff.review.exclude'), className: 'exclude' },
        ),
      );
    }
    return {
      title: t('staff.compare.title', {
        caseNumber: str(c.caseNumber),
        code: str(c.remainsCode),
      }),
      body: html`${notice ? html`<div class="notice" role="alert">${notice}</div>` : ''}
        <p>
          ${t('staff.compare.score')}: <strong>${lr(Number(c.score))}</strong> ·
          ${t('staff.candidates.review')}: ${t(`staff.review.${status}`)} ·
          <a href="/staff/remains/${String(c.remainsId)}">${t('staff.compare.toRemains')}</a> ·
          <a href="/staff/reports/${String(c.reportId)}">${t('staff.compare.toReport')}</a> ·
          <a href="/staff/candidates/${String(c.id)}/lab">${t('staff.lab.link')}</a>
          ${
            status === 'confirmed' || status === 'under_review'
              ? html` ·
                  <a href="/staff/candidates/${String(c.id)}/identification-report.pdf"
                    >${t('staff.pdf.identification')}</a
                  >`
              : ''
          }
        </p>
        ${
          exclusions.length > 0
            ? html`<div class="notice">
                <h2>${t('staff.compare.exclusions')}</h2>
                <ul>
                  ${exclusions.map(
                    (e) =>
                      html`<li>
                        ${e.reason}${e.overridden ? html` (${t('staff.compare.overridden')})` : ''}
                      </li>`,
                  )}
                </ul>
              </div>`
            : ''
        }
        ${table}
        <h2>${t('staff.compare.stillMissing')}</h2>
        ${
          missing.length === 0
            ? html`<p>${t('staff.compare.nothingMissing')}</p>`
            : html`<ul>
                ${missing.map(
                  (x) =>
                    html`<li>
                      ${t(`staff.attr.${x.attribute}`)}: ${t(`staff.compare.missing.${x.missing}`)}
                    </li>`,
                )}
              </ul>`
        }
        <h2>${t('staff.review.title')}</h2>
        ${actions}`,
    };
  }

  function idOf(req: Request): string {
    const p = idParam.safeParse(req.params);
    if (!p.success) {
      throw new AppError('NOT_FOUND', 'candidate');
    }
    return p.data.id;
  }

  r.get('/staff/candidates/:id', forensic, async (req, res) => {
    con.render(req, res, await page(req, idOf(req)));
  });

  /** Runs a review step; refusals of the workflow come back as a notice on the same page. */
  async function step(req: Request, id: string, work: () => Promise<unknown>) {
    const { t } = need(req);
    try {
      await work();
      return undefined;
    } catch (err) {
      if (err instanceof AppError && err.status !== 404 && err.status !== 401) {
        const key =
          err.code === 'SECOND_REVIEWER_REQUIRED'
            ? 'staff.identify.second'
            : err.code === 'VALIDATION_FAILED'
              ? 'staff.review.invalid'
              : 'staff.review.refused';
        return { status: err.status, ...(await page(req, id, t(key))) };
      }
      throw err;
    }
  }

  const actions: Record<string, (req: Request, id: string) => Promise<unknown>> = {
    review: (req, id) => s.matching.startReview(need(req).user!.actor, id),
    confirm: (req, id) => s.matching.confirm(need(req).user!.actor, id),
    exclude: (req, id) => {
      const b = req.body as Record<string, unknown>;
      const parsed = excludeBody.safeParse({ reason: b.reason });
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', 'reason');
      }
      return s.matching.exclude(need(req).user!.actor, id, parsed.data.reason);
    },
    propose: (req, id) => {
      const b = req.body as Record<string, unknown>;
      const basis = b.basis === undefined ? [] : Array.isArray(b.basis) ? b.basis : [b.basis];
      const note = typeof b.note === 'string' && b.note.trim() ? b.note : undefined;
      const parsed = proposeBody.safeParse({ basis, ...(note ? { note } : {}) });
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', 'basis');
      }
      return s.matching.propose(need(req).user!.actor, id, parsed.data);
    },
  };

  for (const [name, work] of Object.entries(actions)) {
    r.post(`/staff/candidates/:id/${name}`, forensic, ...web.form, async (req, res) => {
      const id = idOf(req);
      const refused = await step(req, id, () => work(req, id));
      if (refused) {
        con.render(req, res, refused);
        return;
      }
      res.redirect(303, `/staff/candidates/${id}`);
    });
  }

  return r;
}
