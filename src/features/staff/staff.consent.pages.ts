// A report's consent recorded with the family present (who was present, what was explained, which
// purposes they consented to), the family's timeline as the family sees it, and the AM sheet PDF.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  choices,
  errorSummary,
  field,
  html,
  need,
  postForm,
  select,
  textarea,
  type FieldErrors,
  type Web,
} from '../../platform/web/index.js';
import { CONSENT_PURPOSES, familyTimeline } from '../reports/index.js';
import type { Console } from './staff.shell.js';
import { checkStep } from './staff.intake.js';
import { facts, fieldErrorsOf, when } from './staff.helpers.js';
import { sendPdf } from './staff.pdf.js';
import type { StaffServices } from './staff.types.js';

const idParam = z.object({ id: z.uuid() });
type Consent = Record<string, unknown> & {
  givenBy?: string;
  present?: string;
  explained?: string[];
};

function idOf(req: Request): string {
  const p = idParam.safeParse(req.params);
  if (!p.success) {
    throw new AppError('NOT_FOUND', 'report');
  }
  return p.data.id;
}

/** Consent, the family's view of the timeline and the AM sheet of one report. */
export function staffConsentPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const caseworker = con.only('caseworker');

  async function consentPage(
    req: Request,
    id: string,
    o: { errors?: FieldErrors; values?: Record<string, string> } = {},
  ) {
    const { t, lang, csrf, user } = need(req);
    const rep = (await s.reports.get(user!.actor, id)) as {
      caseNumber: string;
      consent: Consent;
      legalBasis: string;
    };
    const c = rep.consent;
    const v = o.values ?? {};
    const given = (p: string) => (c[p] as { status?: string } | undefined)?.status ?? 'refused';
    const current = facts([
      ...CONSENT_PURPOSES.map((p): [string, string] => {
        const rec = c[p] as { status?: string; recordedAt?: string } | undefined;
        return [
          t(`staff.f.${p}`),
          `${t(`staff.o.choice.${rec?.status ?? 'refused'}`)} · ${when(rec?.recordedAt, lang)}`,
        ];
      }),
      [t('staff.f.givenBy'), c.givenBy || '—'],
      [t('staff.f.present'), c.present || '—'],
      [
        t('staff.f.explained'),
        (c.explained ?? []).map((p) => t(`staff.o.purpose.${p}`)).join(', ') || '—',
      ],
    ]);
    const err = o.errors ?? {};
    const explained = (v.explained ?? (c.explained ?? []).join(',')).split(',').filter(Boolean);
    const form = postForm(
      `/staff/reports/${id}/consent`,
      csrf,
      html`<p>${t('staff.intake.consentIntro')}</p>
        ${textarea({ name: 'present', label: t('staff.f.present'), hint: t('staff.h.present'), value: v.present ?? '', rows: 2, required: true, error: err.present })}
        ${choices({ name: 'explained', type: 'checkbox', legend: t('staff.f.explained'), error: err.explained, value: explained, options: CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`staff.o.purpose.${p}`), hint: t(`staff.intake.explain.${p}`) })) })}
        ${CONSENT_PURPOSES.map((p) =>
          choices({
            name: p,
            legend: t(`staff.f.${p}`),
            error: err[p],
            value: v[p] ?? given(p),
            options: ['granted', 'refused', 'withdrawn'].map((x) => ({
              value: x,
              label: t(`staff.o.choice.${x}`),
            })),
          }),
        )}
        ${field({ name: 'givenBy', label: t('staff.f.givenBy'), hint: t('staff.h.givenBy'), value: v.givenBy ?? '', required: true, error: err.givenBy })}
        ${select({ name: 'legalBasis', label: t('staff.f.legalBasis'), value: v.legalBasis ?? rep.legalBasis, error: err.legalBasis, options: ['consent', 'vital_interest', 'public_interest', 'legal_obligation'].map((x) => ({ value: x, label: t(`staff.o.basis.${x}`) })) })}`,
      { submit: t('staff.consent.submit') },
    );
    return {
      title: t('staff.consent.title', { caseNumber: rep.caseNumber }),
      body: html`${errorSummary(o.errors, t)}
        <h2>${t('staff.consent.current')}</h2>
        ${current}
        <h2>${t('staff.consent.record')}</h2>
        ${form}
        <p><a href="/staff/reports/${id}">${t('staff.consent.backToReport')}</a></p>`,
    };
  }

  r.get('/staff/reports/:id/consent', caseworker, async (req, res) => {
    con.render(req, res, await consentPage(req, idOf(req)));
  });

  r.post('/staff/reports/:id/consent', caseworker, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const id = idOf(req);
    const b = req.body as Record<string, unknown>;
    const one = (k: string) => (typeof b[k] === 'string' ? b[k].trim().slice(0, 1000) : '');
    const many = (k: string) =>
      (Array.isArray(b[k]) ? b[k] : [b[k]]).filter((x) => typeof x === 'string').join(',');
    const values: Record<string, string> = {
      present: one('present'),
      explained: many('explained'),
      givenBy: one('givenBy'),
      legalBasis: one('legalBasis'),
      ...Object.fromEntries(CONSENT_PURPOSES.map((p) => [p, one(p)])),
    };
    const checked = checkStep('consent', values);
    let errors: FieldErrors | undefined;
    if (!checked.ok) {
      errors = {};
      for (const [name, e] of Object.entries(checked.errors)) {
        errors[name] = `${t(`staff.f.${name}`)}: ${t(e.key)}`;
      }
    } else {
      try {
        await s.reports.update(user!.actor, id, checked.value);
      } catch (err) {
        errors = fieldErrorsOf(err, t);
        if (!errors) {
          throw err;
        }
      }
    }
    if (errors) {
      con.render(req, res, { status: 400, ...(await consentPage(req, id, { errors, values })) });
      return;
    }
    res.redirect(303, `/staff/reports/${id}/consent?saved=1`);
  });

  r.get(
    '/staff/reports/:id/family-view',
    con.only('caseworker', 'contact_point'),
    async (req, res) => {
      const { t, lang, user } = need(req);
      const id = idOf(req);
      const timeline = await s.reports.timeline(user!.actor, id, { asFamily: true, lang });
      con.render(req, res, {
        title: t('staff.familyView.title', { caseNumber: timeline.caseNumber }),
        body: html`<p class="hint">${t('staff.familyView.intro')}</p>
          <div class="family-view">${familyTimeline(timeline.items, lang)}</div>`,
      });
    },
  );

  r.get('/staff/reports/:id/am-sheet.pdf', con.only('caseworker', 'forensic'), async (req, res) => {
    sendPdf(res, await s.documents.amSheet(need(req).user!.actor, idOf(req)));
  });

  return r;
}
