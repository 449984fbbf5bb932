// Filing a report on the portal in short steps, with a draft saved between steps.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  choices,
  countryOptions,
  countryName,
  errorSummary,
  field,
  html,
  need,
  parseForm,
  postForm,
  select,
  textarea,
  type FieldErrors,
  type SafeHtml,
  type Web,
} from '../../platform/web/index.js';
import { fuzzyDate } from '../../platform/vocabulary/index.js';
import type { DraftData, ReportDrafts } from './reports.drafts.js';
import { CONSENT_PURPOSES, createReportBody } from './reports.schemas.js';
import type { ReportsService } from './reports.service.js';

const req1 = (max: number) => z.string().trim().min(1).max(max);
const opt = (max: number) => z.string().trim().max(max).default('');
const consentChoice = z.enum(['granted', 'refused']);

/** The steps, in order, each with the fields it asks and how they are checked. */
export const STEPS = {
  person: z.object({
    givenName: req1(200),
    familyName: opt(200),
    nativeName: opt(200),
    sex: z.enum(['female', 'male', 'unknown']),
    birthYear: z.union([z.literal(''), z.string().regex(/^(19|20)\d\d$/, 'form.error.year')]),
    child: z.enum(['yes', 'no']),
  }),
  lastSeen: z.object({
    lastSeenDate: fuzzyDate,
    lastSeenPlace: req1(300),
    lastSeenCountry: req1(2),
    route: opt(100),
    circumstances: opt(5000),
  }),
  description: z.object({
    build: z.enum(['', 'slim', 'medium', 'heavy']),
    hair: opt(200),
    eyes: opt(100),
    clothing: opt(1000),
    marks: opt(1000),
  }),
  contact: z.object({
    relativeName: req1(200),
    relationship: req1(50),
    phone: opt(50),
  }),
  consent: z.object({
    domesticSearch: z.literal('granted', { message: 'form.error.consentNeeded' }),
    forensicSharing: consentChoice,
    crossBorderMatching: consentChoice,
    photoPublication: consentChoice,
  }),
} as const;

/** One filing step. */
export type StepName = keyof typeof STEPS;
const ORDER = Object.keys(STEPS) as StepName[];
const MESSAGES = {
  'form.error.year': 'form.error.year',
  'form.error.consentNeeded': 'report.consent.needed',
  'must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD (earliest first)':
    'report.lastSeen.dateFormat',
  'must not be in the future': 'report.lastSeen.future',
};

function script(text: string): string {
  if (/[\u0600-\u06ff]/.test(text)) {
    return 'Arab';
  }
  if (/[\u1200-\u137f]/.test(text)) {
    return 'Ethi';
  }
  return /[^\u0020-\u024f\s'-]/.test(text) ? 'Zyyy' : 'Latn';
}

/** Turns a complete draft into the body of a new report (the same schema as the JSON API). */
export function draftToReport(d: DraftData, lang: string) {
  const latin = [d.givenName, d.familyName].filter(Boolean).join(' ');
  const names = [
    { kind: 'given', value: d.givenName ?? '', script: 'Latn' },
    ...(d.familyName ? [{ kind: 'family', value: d.familyName, script: 'Latn' }] : []),
    ...(d.nativeName
      ? [{ kind: 'other', value: d.nativeName, script: script(d.nativeName), latin }]
      : []),
  ];
  const child = d.child === 'yes';
  return createReportBody.safeParse({
    person: {
      names,
      sex: d.sex || 'unknown',
      ...(d.birthYear ? { dateOfBirth: d.birthYear } : {}),
    },
    disappearance: {
      lastSeenDate: d.lastSeenDate,
      lastSeenPlace: d.lastSeenPlace,
      lastSeenCountry: d.lastSeenCountry,
      ...(d.route ? { route: d.route } : {}),
      circumstances: d.circumstances ?? '',
    },
    description: {
      ...(d.build ? { build: d.build } : {}),
      ...(d.hair ? { hair: d.hair } : {}),
      ...(d.eyes ? { eyes: d.eyes } : {}),
      marks: [],
      clothing: d.clothing ? [{ category: 'clothing', description: d.clothing }] : [],
      belongings: d.marks ? [{ category: 'other', description: d.marks }] : [],
    },
    flags: { unaccompaniedChild: child, separatedChild: false, pregnant: false, disability: false },
    relatives: [
      {
        name: d.relativeName,
        relationship: d.relationship,
        contact: d.phone ? { phone: d.phone } : {},
        preferredLanguage: lang,
        mayContact: true,
      },
    ],
    consent: {
      domesticSearch: d.domesticSearch,
      forensicSharing: d.forensicSharing,
      crossBorderMatching: d.crossBorderMatching,
      photoPublication: d.photoPublication,
      givenBy: 'family, on the portal',
    },
  });
}

/** The inputs of one filing step, filled from answers (shared with "add details later"). */
export function stepFields(
  req: Request,
  step: StepName,
  d: DraftData,
  errors?: FieldErrors,
): SafeHtml {
  const { t, lang } = need(req);
  const f = (name: string, extra: Partial<Parameters<typeof field>[0]> = {}) =>
    field({
      name,
      label: t(`report.${step}.${name}`),
      value: d[name],
      error: errors?.[name],
      ...extra,
    });
  const yesNo = [
    { value: 'granted', label: t('report.consent.yes') },
    { value: 'refused', label: t('report.consent.no') },
  ];
  const fields: Record<StepName, () => SafeHtml> = {
    person: () =>
      html`${f('givenName', { required: true, autocomplete: 'off' })}${f('familyName')}
      ${f('nativeName', { hint: t('report.person.nativeNameHint') })}
      ${choices({ name: 'sex', legend: t('report.person.sex'), value: d.sex ?? 'unknown', error: errors?.sex, options: ['female', 'male', 'unknown'].map((v) => ({ value: v, label: t(`report.person.sex_${v}`) })) })}
      ${f('birthYear', { inputmode: 'numeric', maxlength: 4, hint: t('report.person.birthYearHint') })}
      ${choices({
        name: 'child',
        legend: t('report.person.child'),
        hint: t('report.person.childHint'),
        value: d.child ?? 'no',
        error: errors?.child,
        options: [
          { value: 'yes', label: t('report.yes') },
          { value: 'no', label: t('report.no') },
        ],
      })}`,
    lastSeen: () =>
      html`${f('lastSeenDate', { required: true, hint: t('report.lastSeen.lastSeenDateHint') })}
      ${f('lastSeenPlace', { required: true })}
      ${select({ name: 'lastSeenCountry', label: t('report.lastSeen.lastSeenCountry'), value: d.lastSeenCountry, required: true, error: errors?.lastSeenCountry, options: [{ value: '', label: '—' }, ...countryOptions(lang)] })}
      ${f('route', { hint: t('report.lastSeen.routeHint') })}
      ${textarea({ name: 'circumstances', label: t('report.lastSeen.circumstances'), hint: t('report.lastSeen.circumstancesHint'), value: d.circumstances, error: errors?.circumstances })}`,
    description: () =>
      html`${select({ name: 'build', label: t('report.description.build'), value: d.build, options: ['', 'slim', 'medium', 'heavy'].map((v) => ({ value: v, label: v ? t(`report.description.build_${v}`) : '—' })) })}
      ${f('hair')}${f('eyes')}
      ${textarea({ name: 'clothing', label: t('report.description.clothing'), value: d.clothing, rows: 3 })}
      ${textarea({ name: 'marks', label: t('report.description.marks'), hint: t('report.description.marksHint'), value: d.marks, rows: 3 })}`,
    contact: () =>
      html`<p>${t('report.contact.intro')}</p>
        ${f('relativeName', { required: true, autocomplete: 'name' })}${f('relationship', { required: true, hint: t('report.contact.relationshipHint') })}${f('phone', { type: 'tel', autocomplete: 'tel' })}`,
    consent: () =>
      html`<p>${t('report.consent.intro')}</p>
        ${CONSENT_PURPOSES.map((p) =>
          choices({
            name: p,
            legend: t(`report.consent.${p}.question`),
            hint: t(`report.consent.${p}.explain`),
            value: d[p] ?? (p === 'domesticSearch' ? 'granted' : 'refused'),
            error: errors?.[p],
            options: yesNo,
          }),
        )}`,
  };
  return fields[step]();
}

/** The filing steps: /report/new → /report/step/:step → /report/review → the case page. */
export function reportJourneyPages(
  web: Web,
  reports: ReportsService,
  drafts: ReportDrafts,
): Router {
  const r = Router();

  function stepForm(
    req: Request,
    step: StepName,
    d: DraftData,
    errors?: FieldErrors,
  ): { title: string; body: SafeHtml } {
    const { t, csrf } = need(req);
    const n = ORDER.indexOf(step) + 1;
    return {
      title: t(`report.${step}.title`),
      body: html`<p class="steps">${t('report.stepOf', { n, total: ORDER.length + 1 })}</p>
        ${errorSummary(errors, t)}
        ${postForm(`/report/step/${step}`, csrf, stepFields(req, step, d, errors), { submit: t('report.next') })}
        ${n > 1 ? html`<p><a href="/report/step/${ORDER[n - 2]}">${t('report.back')}</a></p>` : ''}
        <p class="meta">${t('report.draftSaved')}</p>`,
    };
  }

  r.get('/report/new', web.requireUser, (_req, res) => {
    res.redirect(303, '/report/step/person');
  });

  r.get('/report/step/:step', web.requireUser, async (req, res) => {
    const step = req.params.step as StepName;
    if (!ORDER.includes(step)) {
      throw new AppError('NOT_FOUND', 'no such step');
    }
    web.render(req, res, stepForm(req, step, await drafts.get(need(req).user!.actor)));
  });

  r.post('/report/step/:step', web.requireUser, ...web.form, async (req, res) => {
    const step = req.params.step as StepName;
    if (!ORDER.includes(step)) {
      throw new AppError('NOT_FOUND', 'no such step');
    }
    const { t, user } = need(req);
    const body = req.body as Record<string, unknown>;
    const answers: DraftData = {};
    for (const name of Object.keys(STEPS[step].shape)) {
      answers[name] = typeof body[name] === 'string' ? body[name].trim().slice(0, 5000) : '';
    }
    const checked = parseForm(STEPS[step], answers, t, MESSAGES);
    const draft = await drafts.save(user!.actor, answers);
    if (!checked.ok) {
      web.render(req, res, { status: 400, ...stepForm(req, step, draft, checked.errors) });
      return;
    }
    const next = ORDER[ORDER.indexOf(step) + 1];
    res.redirect(303, next ? `/report/step/${next}` : '/report/review');
  });

  r.get('/report/review', web.requireUser, async (req, res) => {
    const { t, csrf, lang, user } = need(req);
    const d = await drafts.get(user!.actor);
    const row = (step: StepName, name: string, value?: string) =>
      html`<dt>${t(`report.${step}.${name}`)}</dt>
        <dd>${value || '—'}</dd>`;
    web.render(req, res, {
      title: t('report.review.title'),
      body: html`<p class="steps">
          ${t('report.stepOf', { n: ORDER.length + 1, total: ORDER.length + 1 })}
        </p>
        <p>${t('report.review.intro')}</p>
        <dl>
          ${row('person', 'givenName', d.givenName)}${row('person', 'familyName', d.familyName)}${row('person', 'nativeName', d.nativeName)}
          ${row('lastSeen', 'lastSeenDate', d.lastSeenDate)}${row('lastSeen', 'lastSeenPlace', d.lastSeenPlace)}${row('lastSeen', 'lastSeenCountry', d.lastSeenCountry ? countryName(d.lastSeenCountry, lang) : '')}
          ${row('contact', 'relativeName', d.relativeName)}${row('contact', 'relationship', d.relationship)}
        </dl>
        <p><a href="/report/step/person">${t('report.review.change')}</a></p>
        ${postForm('/report/file', csrf, html``, { submit: t('report.review.submit') })}`,
    });
  });

  r.post('/report/file', web.requireUser, ...web.form, async (req, res) => {
    const { user, lang } = need(req);
    const d = await drafts.get(user!.actor);
    const input = draftToReport(d, lang);
    if (!input.success) {
      const first = input.error.issues[0]?.path[0];
      const step =
        first === 'disappearance'
          ? 'lastSeen'
          : first === 'consent'
            ? 'consent'
            : first === 'relatives'
              ? 'contact'
              : 'person';
      res.redirect(303, `/report/step/${step}`);
      return;
    }
    const report = (await reports.create(user!.actor, input.data)) as { id: string };
    await drafts.discard(user!.actor);
    res.redirect(303, `/cases/${report.id}?filed=1`);
  });

  return r;
}
