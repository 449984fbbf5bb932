// Flat form fields of the console's longer forms (AM intake, PM registration): how each is drawn
// (label `staff.f.<name>`, hint `staff.h.<name>`, choices `staff.o.<group>.<value>`) and read back.
import type { Request } from 'express';
import {
  choices,
  countryOptions,
  field,
  html,
  need,
  select,
  textarea,
  type FieldErrors,
  type SafeHtml,
} from '../../platform/web/index.js';
import type { IntakeField } from './staff.intake.js';

type Answers = Record<string, string>;

/** Which option labels a field's choices use (`staff.o.<group>.<value>`). */
const GROUP: Record<string, string> = {
  sex: 'sex',
  documentKind: 'doc',
  build: 'build',
  markKind: 'mark',
  markLocation: 'location',
  fractureLocation: 'location',
  dnaRelationship: 'relation',
  preferredLanguage: 'language',
  flags: 'flag',
  explained: 'purpose',
  domesticSearch: 'choice',
  forensicSharing: 'choice',
  crossBorderMatching: 'choice',
  photoPublication: 'choice',
  legalBasis: 'basis',
};

/** A submitted form's answers for a step's fields (checkbox groups joined by commas). */
export function answersOf(body: unknown, fields: readonly IntakeField[]): Answers {
  const b = (body ?? {}) as Record<string, unknown>;
  const out: Answers = {};
  for (const f of fields) {
    const raw = b[f.name];
    const values = (Array.isArray(raw) ? raw : [raw]).filter(
      (x): x is string => typeof x === 'string',
    );
    out[f.name] =
      f.kind === 'checks'
        ? values.filter((x) => (f.options ?? []).includes(x)).join(',')
        : (values[0] ?? '').trim().slice(0, 5000);
  }
  return out;
}

/** The labelled inputs of a list of fields, filled from answers, with their errors. */
export function fieldInputs(
  req: Request,
  fields: readonly IntakeField[],
  d: Answers,
  errors?: FieldErrors,
): SafeHtml {
  const { t, lang } = need(req);
  return html`${fields.map((f) => {
    const label = t(`staff.f.${f.name}`);
    const hint = f.hint ? t(`staff.h.${f.name}`) : undefined;
    const error = errors?.[f.name];
    const opt = (o: string) => (o === '' ? '—' : t(`staff.o.${GROUP[f.name] ?? f.name}.${o}`));
    const common = { name: f.name, label, hint, error, required: f.required };
    switch (f.kind) {
      case 'textarea':
        return textarea({ ...common, value: d[f.name], rows: 3 });
      case 'select':
        return select({
          ...common,
          value: d[f.name],
          options: (f.options ?? []).map((o) => ({ value: o, label: opt(o) })),
        });
      case 'country':
        return select({
          ...common,
          value: d[f.name],
          options: [{ value: '', label: '—' }, ...countryOptions(lang)],
        });
      case 'radio':
      case 'checks':
        return choices({
          name: f.name,
          legend: label,
          hint,
          error,
          type: f.kind === 'radio' ? 'radio' : 'checkbox',
          value:
            f.kind === 'checks'
              ? (d[f.name] ?? '').split(',').filter(Boolean)
              : (d[f.name] ?? f.options?.at(-1) ?? ''),
          // The purposes come with what is to be explained to the family.
          options: (f.options ?? []).map((o) => ({
            value: o,
            label: opt(o),
            ...(f.name === 'explained' ? { hint: t(`staff.intake.explain.${o}`) } : {}),
          })),
        });
      case 'text':
      case 'date':
      case 'number':
        return field({
          ...common,
          value: d[f.name],
          inputmode: f.kind === 'number' ? 'numeric' : undefined,
          autocomplete: 'off',
        });
    }
  })}`;
}
