// Laboratory and expert results of one candidate pair, and overrides of its hard exclusions with a
// reason: the matching service records them and rescores the pair at once (like the API).
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
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
import { labResultBody, overrideBody } from '../matching/index.js';
import type { Console } from './staff.shell.js';
import { fieldErrorsOf, str, when } from './staff.helpers.js';
import type { StaffServices } from './staff.types.js';

const idParam = z.object({ id: z.uuid() });
const RULES = overrideBody.shape.rule.options;
type Row = Record<string, unknown>;

function idOf(req: Request): string {
  const p = idParam.safeParse(req.params);
  if (!p.success) {
    throw new AppError('NOT_FOUND', 'candidate');
  }
  return p.data.id;
}

/** A zod error as form field errors (first message per field). */
function issues(err: z.ZodError, t: (k: string) => string): FieldErrors {
  const out: FieldErrors = {};
  for (const i of err.issues) {
    const name = String(i.path.at(-1) ?? 'kind');
    out[name] ??=
      `${t(`staff.lab.f.${name}`)}: ${t(i.code === 'invalid_type' || i.code === 'too_small' ? 'form.error.required' : 'form.error.invalid')}`;
  }
  return out;
}

/** The lab page of a candidate and its two forms. */
export function staffLabPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const forensic = con.only('forensic');

  async function page(
    req: Request,
    id: string,
    o: { errors?: FieldErrors; values?: Record<string, string>; form?: string } = {},
  ) {
    const { t, lang, csrf, user } = need(req);
    const c = (await s.matching.get(user!.actor, id)) as Row;
    const labs = (c.labResults ?? []) as Row[];
    const overrides = (c.overrides ?? []) as Row[];
    const exclusions = (c.exclusions ?? []) as {
      rule: string;
      reason: string;
      overridden: boolean;
    }[];
    const v = o.values ?? {};
    const err = (form: string) => (o.form === form ? (o.errors ?? {}) : {});
    const le = err('lab');
    const oe = err('override');
    return {
      title: t('staff.lab.title', { code: str(c.remainsCode), caseNumber: str(c.caseNumber) }),
      body: html`<p><a href="/staff/candidates/${id}">${t('staff.lab.toComparison')}</a></p>
        ${errorSummary(o.errors, t)}
        <h2>${t('staff.lab.results')}</h2>
        ${
          labs.length === 0
            ? html`<p>${t('staff.lab.none')}</p>`
            : html`<ul>
                ${labs.map(
                  (l) =>
                    html`<li>
                      ${t(`staff.o.labKind.${String(l.kind)}`)} ·
                      ${str(l.outcome, str(l.likelihoodRatio))} · ${str(l.laboratory)}
                      <span class="meta">${when(l.recordedAt as string, lang)}</span>
                    </li>`,
                )}
              </ul>`
        }
        <h3>${t('staff.lab.add')}</h3>
        ${postForm(
          `/staff/candidates/${id}/lab-result`,
          csrf,
          html`<div class="filters">
            ${select({ name: 'kind', label: t('staff.lab.f.kind'), value: v.kind ?? 'dna', error: le.kind, options: ['dna', 'dental', 'fingerprint'].map((x) => ({ value: x, label: t(`staff.o.labKind.${x}`) })) })}
            ${select({ name: 'method', label: t('staff.lab.f.method'), hint: t('staff.lab.h.method'), value: v.method ?? 'kinship', error: le.method, options: ['kinship', 'direct'].map((x) => ({ value: x, label: t(`staff.o.method.${x}`) })) })}
            ${field({ name: 'likelihoodRatio', label: t('staff.lab.f.likelihoodRatio'), hint: t('staff.lab.h.likelihoodRatio'), value: v.likelihoodRatio, error: le.likelihoodRatio, inputmode: 'numeric' })}
            ${select({ name: 'outcome', label: t('staff.lab.f.outcome'), hint: t('staff.lab.h.outcome'), value: v.outcome ?? 'match', error: le.outcome, options: ['match', 'exclusion', 'inconclusive'].map((x) => ({ value: x, label: t(`staff.o.outcome.${x}`) })) })}
            ${field({ name: 'laboratory', label: t('staff.lab.f.laboratory'), value: v.laboratory, error: le.laboratory, required: true })}
            ${field({ name: 'labReference', label: t('staff.lab.f.labReference'), value: v.labReference, error: le.labReference })}
            ${field({ name: 'referenceSample', label: t('staff.lab.f.referenceSample'), value: v.referenceSample, error: le.referenceSample })}
          </div>`,
          { submit: t('staff.lab.submit') },
        )}
        <h2>${t('staff.lab.exclusions')}</h2>
        ${
          exclusions.length === 0
            ? html`<p>${t('staff.lab.noExclusions')}</p>`
            : html`<ul>
                ${exclusions.map(
                  (e) =>
                    html`<li>
                      <strong>${t(`staff.o.rule.${e.rule}`)}</strong>:
                      <span lang="en">${e.reason}</span>
                      ${e.overridden ? html` (${t('staff.compare.overridden')})` : ''}
                    </li>`,
                )}
              </ul>`
        }
        ${
          overrides.length === 0
            ? ''
            : html`<h3>${t('staff.lab.overrides')}</h3>
                <ul>
                  ${overrides.map(
                    (x) =>
                      html`<li>
                        ${t(`staff.o.rule.${String(x.rule)}`)} — ${String(x.reason)}
                        <span class="meta">${when(x.createdAt as string, lang)}</span>
                      </li>`,
                  )}
                </ul>`
        }
        <h3>${t('staff.lab.override')}</h3>
        ${postForm(
          `/staff/candidates/${id}/override`,
          csrf,
          html`${select({ name: 'rule', label: t('staff.lab.f.rule'), value: v.rule ?? exclusions.find((e) => !e.overridden)?.rule, error: oe.rule, options: RULES.map((x) => ({ value: x, label: t(`staff.o.rule.${x}`) })) })}
          ${textarea({ name: 'reason', label: t('staff.lab.f.reason'), hint: t('staff.lab.h.reason'), value: v.reason, rows: 3, required: true, error: oe.reason })}`,
          { submit: t('staff.lab.overrideSubmit') },
        )}`,
    };
  }

  r.get('/staff/candidates/:id/lab', forensic, async (req, res) => {
    con.render(req, res, await page(req, idOf(req)));
  });

  /** Parses, records and rescores; bad input comes back as the page with the fields named. */
  async function record(req: Request, id: string, form: 'lab' | 'override') {
    const { t, user } = need(req);
    const b = req.body as Record<string, unknown>;
    const str = (k: string) => (typeof b[k] === 'string' ? b[k].trim() : '');
    const values = Object.fromEntries(
      [
        'kind',
        'method',
        'likelihoodRatio',
        'outcome',
        'laboratory',
        'labReference',
        'referenceSample',
        'rule',
        'reason',
      ].map((k) => [k, str(k)]),
    );
    const c = (await s.matching.get(user!.actor, id)) as Row;
    const pair = { reportId: String(c.reportId), remainsId: String(c.remainsId) };
    const opt = (k: string) => (values[k] ? { [k]: values[k] } : {});
    const parsed =
      form === 'override'
        ? overrideBody.safeParse({ ...pair, rule: values.rule, reason: values.reason })
        : labResultBody.safeParse(
            values.kind === 'dna'
              ? {
                  ...pair,
                  kind: 'dna',
                  method: values.method,
                  likelihoodRatio:
                    values.likelihoodRatio === '' ? undefined : Number(values.likelihoodRatio),
                  laboratory: values.laboratory,
                  ...opt('labReference'),
                  ...opt('referenceSample'),
                }
              : {
                  ...pair,
                  kind: values.kind,
                  outcome: values.outcome,
                  laboratory: values.laboratory,
                  ...opt('labReference'),
                },
          );
    let errors: FieldErrors | undefined;
    if (!parsed.success) {
      errors = issues(parsed.error, t);
    } else {
      try {
        if (form === 'override') {
          await s.matching.overrideExclusion(
            user!.actor,
            parsed.data as z.infer<typeof overrideBody>,
          );
        } else {
          await s.matching.recordLabResult(
            user!.actor,
            parsed.data as z.infer<typeof labResultBody>,
          );
        }
      } catch (err) {
        errors = fieldErrorsOf(err, t);
        if (!errors) {
          throw err;
        }
      }
    }
    return errors ? { status: 400, ...(await page(req, id, { errors, values, form })) } : undefined;
  }

  for (const [path, form] of [
    ['lab-result', 'lab'],
    ['override', 'override'],
  ] as const) {
    r.post(`/staff/candidates/:id/${path}`, forensic, ...web.form, async (req, res) => {
      const id = idOf(req);
      const again = await record(req, id, form);
      if (again) {
        con.render(req, res, again);
        return;
      }
      res.redirect(303, `/staff/candidates/${id}/lab`);
    });
  }

  return r;
}
