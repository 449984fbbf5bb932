// The "I am alive" pages: anyone, without an account, says they are alive and chooses what
// their family may be told; a private code lets them withdraw the message later.
import { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../../platform/errors.js';
import {
  choices,
  errorSummary,
  field,
  html,
  need,
  parseForm,
  postForm,
  textarea,
  type FieldErrors,
  type SafeHtml,
  type Web,
} from '../../platform/web/index.js';
import { aliveForm, SHARE_CHOICES, withdrawForm } from './alive.schemas.js';
import type { AliveService } from './alive.service.js';

const MESSAGES = {
  'form.error.locationNeeded': 'alive.form.locationNeeded',
  'form.error.tooManyLines': 'alive.form.tooManyLines',
  'form.error.code': 'alive.withdraw.badCode',
  'must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD (earliest first)':
    'alive.form.birthFormat',
  'must not be in the future': 'alive.form.birthFuture',
};

/** The fields of the form, as the visitor typed them (re-shown after an error). */
const FIELDS = [
  'name',
  'otherName',
  'birth',
  'origin',
  'relatives',
  'share',
  'location',
  'note',
  'contact',
  'under18',
] as const;

/** The pages at /alive and /alive/withdraw; `limitPerMinute` requests per address and minute. */
export function alivePages(web: Web, alive: AliveService, limitPerMinute: number): Router {
  const r = Router();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: () => {
      throw new AppError('RATE_LIMITED', 'Too many messages; wait a minute');
    },
  });

  function sendForm(req: Request, v: Record<string, string> = {}, errors?: FieldErrors) {
    const { t, csrf } = need(req);
    const f = (name: string, extra: Partial<Parameters<typeof field>[0]> = {}) =>
      field({
        name,
        label: t(`alive.form.${name}`),
        value: v[name],
        error: errors?.[name],
        ...extra,
      });
    const body: SafeHtml = html`<p>${t('alive.intro')}</p>
      <p class="meta">${t('alive.privacy')}</p>
      ${errorSummary(errors, t)}
      ${postForm(
        '/alive',
        csrf,
        html`<h2>${t('alive.form.aboutYou')}</h2>
          ${f('name', { required: true, autocomplete: 'name', hint: t('alive.form.nameHint') })}
          ${f('otherName', { hint: t('alive.form.otherNameHint') })}
          ${f('birth', { hint: t('alive.form.birthHint'), maxlength: 10 })}
          ${f('origin', { hint: t('alive.form.originHint') })}
          ${textarea({ name: 'relatives', label: t('alive.form.relatives'), hint: t('alive.form.relativesHint'), value: v.relatives, error: errors?.relatives, rows: 3 })}
          ${choices({
            name: 'under18',
            legend: t('alive.form.under18'),
            hint: t('alive.form.under18Hint'),
            value: v.under18 ?? '',
            error: errors?.under18,
            options: [
              { value: 'yes', label: t('alive.yes') },
              { value: 'no', label: t('alive.no') },
            ],
          })}
          <h2>${t('alive.form.whatTold')}</h2>
          ${choices({
            name: 'share',
            legend: t('alive.form.share'),
            value: v.share ?? '',
            error: errors?.share,
            options: SHARE_CHOICES.map((c) => ({
              value: c,
              label: t(`alive.form.share_${c}`),
              hint: t(`alive.form.share_${c}Hint`),
            })),
          })}
          ${f('location', { hint: t('alive.form.locationHint') })}
          ${textarea({ name: 'note', label: t('alive.form.note'), hint: t('alive.form.noteHint'), value: v.note, error: errors?.note, rows: 3 })}
          <h2>${t('alive.form.reachYou')}</h2>
          ${f('contact', { hint: t('alive.form.contactHint') })}`,
        { submit: t('alive.form.send') },
      )}
      <p><a href="/alive/withdraw">${t('alive.withdraw.link')}</a></p>`;
    return { title: t('alive.title'), body };
  }

  function withdrawPage(req: Request, errors?: FieldErrors) {
    const { t, csrf } = need(req);
    return {
      title: t('alive.withdraw.title'),
      body: html`<p>${t('alive.withdraw.intro')}</p>
        ${errorSummary(errors, t)}
        ${postForm(
          '/alive/withdraw',
          csrf,
          field({
            name: 'code',
            label: t('alive.withdraw.code'),
            hint: t('alive.withdraw.codeHint'),
            error: errors?.code,
            required: true,
            autocomplete: 'off',
            maxlength: 40,
          }),
          { submit: t('alive.withdraw.submit') },
        )}`,
    };
  }

  r.get('/alive', (req, res) => {
    web.render(req, res, sendForm(req));
  });

  r.post('/alive', limiter, ...web.form, async (req, res) => {
    const { t, lang } = need(req);
    const body = req.body as Record<string, unknown>;
    const typed: Record<string, string> = {};
    for (const name of FIELDS) {
      typed[name] = typeof body[name] === 'string' ? body[name].trim().slice(0, 3000) : '';
    }
    const parsed = parseForm(aliveForm, typed, t, MESSAGES);
    if (!parsed.ok) {
      web.render(req, res, { status: 400, ...sendForm(req, typed, parsed.errors) });
      return;
    }
    const { code } = await alive.send(parsed.data, lang, req.requestId);
    web.render(req, res, {
      title: t('alive.sent.title'),
      body: html`<div class="notice" role="status">
          <p>${t('alive.sent.thanks')}</p>
          <p>
            ${t(parsed.data.under18 === 'yes' ? 'alive.sent.child' : `alive.sent.${parsed.data.share}`)}
          </p>
        </div>
        <h2>${t('alive.sent.codeTitle')}</h2>
        <p>${t('alive.sent.codeIntro')}</p>
        <p class="case-number" dir="ltr" id="withdrawal-code">${code}</p>
        <p><a href="/alive/withdraw">${t('alive.withdraw.link')}</a></p>`,
    });
  });

  r.get('/alive/withdraw', (req, res) => {
    web.render(req, res, withdrawPage(req));
  });

  r.post('/alive/withdraw', limiter, ...web.form, async (req, res) => {
    const { t } = need(req);
    const parsed = parseForm(withdrawForm, req.body, t, MESSAGES);
    if (!parsed.ok) {
      web.render(req, res, { status: 400, ...withdrawPage(req, parsed.errors) });
      return;
    }
    if (!(await alive.withdraw(parsed.data.code, req.requestId))) {
      web.render(req, res, {
        status: 400,
        ...withdrawPage(req, { code: t('alive.withdraw.unknown') }),
      });
      return;
    }
    web.render(req, res, {
      title: t('alive.withdraw.doneTitle'),
      body: html`<div class="notice" role="status"><p>${t('alive.withdraw.done')}</p></div>`,
    });
  });

  return r;
}
