// The caseworker's intake of a report in steps (INTERPOL AM sections), saved as the caseworker's
// draft between steps, filed through the reports service like POST /api/v1/reports.
import { Router, type Request } from 'express';
import { AppError } from '../../platform/errors.js';
import {
  countryName,
  errorSummary,
  html,
  need,
  postForm,
  type FieldErrors,
  type Web,
} from '../../platform/web/index.js';
import { answersOf, fieldInputs } from './staff.fields.js';
import type { Console } from './staff.shell.js';
import { fieldErrorsOf } from './staff.helpers.js';
import {
  checkStep,
  intakeToReport,
  INTAKE_ORDER,
  INTAKE_STEPS,
  type IntakeStep,
} from './staff.intake.js';
import type { StaffServices } from './staff.types.js';

type Answers = Record<string, string>;

/** The intake pages (/staff/intake/...), caseworkers only. */
export function staffIntakePages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const caseworker = con.only('caseworker');

  function stepPage(req: Request, step: IntakeStep, d: Answers, errors?: FieldErrors) {
    const { t, csrf } = need(req);
    const n = INTAKE_ORDER.indexOf(step) + 1;
    const total = INTAKE_ORDER.length + 1;
    const prev = INTAKE_ORDER[n - 2];
    return {
      title: t(`staff.intake.step.${step}`),
      body: html`<p class="steps">${t('staff.intake.stepOf', { n, total })}</p>
        <ol class="meta steps-list">
          ${INTAKE_ORDER.map((x) =>
            x === step
              ? html`<li aria-current="step">${t(`staff.intake.step.${x}`)}</li>`
              : html`<li><a href="/staff/intake/${x}">${t(`staff.intake.step.${x}`)}</a></li>`,
          )}
        </ol>
        ${step === 'consent' ? html`<p>${t('staff.intake.consentIntro')}</p>` : ''}
        ${errorSummary(errors, t)}
        ${postForm(`/staff/intake/${step}`, csrf, fieldInputs(req, INTAKE_STEPS[step], d, errors), { submit: t('staff.intake.next') })}
        ${prev ? html`<p><a href="/staff/intake/${prev}">${t('staff.intake.back')}</a></p>` : ''}
        <p class="meta">${t('staff.intake.draftSaved')}</p>`,
    };
  }

  function stepOf(req: Request): IntakeStep {
    const step = req.params.step as IntakeStep;
    if (!INTAKE_ORDER.includes(step)) {
      throw new AppError('NOT_FOUND', 'no such step');
    }
    return step;
  }

  r.get('/staff/intake', caseworker, (_req, res) => {
    res.redirect(303, '/staff/intake/person');
  });

  r.get('/staff/intake/review', caseworker, async (req, res) => {
    const { t, csrf, lang, user } = need(req);
    const d = await s.reportDrafts.get(user!.actor);
    const row = (name: string, value?: string) =>
      html`<dt>${t(`staff.f.${name}`)}</dt>
        <dd>${value || '—'}</dd>`;
    const country = (c?: string) => (c ? countryName(c, lang) : '');
    con.render(req, res, {
      title: t('staff.intake.review'),
      body: html`<p class="steps">
          ${t('staff.intake.stepOf', { n: INTAKE_ORDER.length + 1, total: INTAKE_ORDER.length + 1 })}
        </p>
        <dl>
          ${row('givenName', d.givenName)}${row('familyName', d.familyName)}${row('nativeName', d.nativeName)}
          ${row('dateOfBirth', d.dateOfBirth)}${row('lastSeenDate', d.lastSeenDate)}
          ${row('lastSeenPlace', d.lastSeenPlace)}${row('lastSeenCountry', country(d.lastSeenCountry))}
          ${row('relativeName', d.relativeName)}${row('relationship', d.relationship)}
          ${row('present', d.present)}${row('givenBy', d.givenBy)}
        </dl>
        <p><a href="/staff/intake/person">${t('staff.intake.change')}</a></p>
        ${postForm('/staff/intake/file', csrf, html``, { submit: t('staff.intake.file') })}
        ${postForm('/staff/intake/discard', csrf, html``, { submit: t('staff.intake.discard'), className: 'secondary' })}`,
    });
  });

  r.get('/staff/intake/:step', caseworker, async (req, res) => {
    const step = stepOf(req);
    con.render(req, res, stepPage(req, step, await s.reportDrafts.get(need(req).user!.actor)));
  });

  r.post('/staff/intake/file', caseworker, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const d = await s.reportDrafts.get(user!.actor);
    const built = intakeToReport(d);
    if (!built.ok) {
      res.redirect(303, `/staff/intake/${built.step}`);
      return;
    }
    let report: { id: string };
    try {
      report = (await s.reports.create(user!.actor, built.body)) as { id: string };
    } catch (err) {
      const errors = fieldErrorsOf(err, t);
      if (!errors) {
        throw err;
      }
      con.render(req, res, { status: 400, ...stepPage(req, 'person', d, errors) });
      return;
    }
    await s.reportDrafts.discard(user!.actor);
    res.redirect(303, `/staff/reports/${report.id}?filed=1`);
  });

  r.post('/staff/intake/discard', caseworker, ...web.form, async (req, res) => {
    await s.reportDrafts.discard(need(req).user!.actor);
    res.redirect(303, '/staff/intake/person');
  });

  r.post('/staff/intake/:step', caseworker, ...web.form, async (req, res) => {
    const step = stepOf(req);
    const { t, user } = need(req);
    const answers = answersOf(req.body, INTAKE_STEPS[step]);
    const draft = await s.reportDrafts.get(user!.actor);
    const checked = checkStep(step, { ...draft, ...answers });
    if (!checked.ok) {
      // Nothing is saved: the form comes back with what was typed and each field's error.
      const errors: FieldErrors = {};
      for (const [name, e] of Object.entries(checked.errors)) {
        errors[name] = `${t(`staff.f.${name}`)}: ${t(e.key)}`;
      }
      con.render(req, res, {
        status: 400,
        ...stepPage(req, step, { ...draft, ...answers }, errors),
      });
      return;
    }
    await s.reportDrafts.save(user!.actor, answers);
    const next = INTAKE_ORDER[INTAKE_ORDER.indexOf(step) + 1];
    res.redirect(303, next ? `/staff/intake/${next}` : '/staff/intake/review');
  });

  return r;
}
