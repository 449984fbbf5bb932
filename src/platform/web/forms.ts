// Accessible form pieces: every input has a label, errors are tied to their field.
import type { z } from 'zod';
import { flag, html, type SafeHtml } from './html.js';
import type { Translate } from './i18n.js';

/** Field name → translated error message. */
export type FieldErrors = Record<string, string>;

/** Parses a submitted form with a zod schema; errors are translated per field. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  t: Translate,
  /** Custom validation messages of the schema → string keys that explain them. */
  messages: Record<string, string> = {},
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(body ?? {});
  if (result.success) {
    return { ok: true, data: result.data };
  }
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '_form';
    if (!(field in errors)) {
      errors[field] = t(messages[issue.message] ?? issueKey(issue), {
        min: Number((issue as { minimum?: number }).minimum ?? 0),
      });
    }
  }
  return { ok: false, errors };
}

function issueKey(issue: z.core.$ZodIssue): string {
  const custom = /^form\.error\.[a-z_]+$/.test(issue.message) ? issue.message : undefined;
  if (custom) {
    return custom;
  }
  if (issue.code === 'too_small') {
    return (issue as { minimum?: number }).minimum === 1
      ? 'form.error.required'
      : 'form.error.too_short';
  }
  if (issue.code === 'too_big') {
    return 'form.error.too_long';
  }
  return issue.code === 'invalid_type' ? 'form.error.required' : 'form.error.invalid';
}

/** One labelled input with its hint and error. */
export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'tel' | 'search';
  value?: string | number | null;
  error?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'text';
  maxlength?: number;
}

function described(name: string, hint?: string, error?: string) {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

function hintAndError(name: string, hint?: string, error?: string) {
  return html`${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : ''}${
    error ? html`<p class="error" id="${name}-error">${error}</p>` : ''
  }`;
}

/** A text-like input. */
export function field(f: FieldSpec): SafeHtml {
  return html`<div class="field${f.error ? ' has-error' : ''}">
    <label for="f-${f.name}">${f.label}</label>${hintAndError(f.name, f.hint, f.error)}
    <input
      id="f-${f.name}"
      name="${f.name}"
      type="${f.type ?? 'text'}"
      value="${f.value ?? ''}"
      ${
        f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ''
      }${f.inputmode ? html` inputmode="${f.inputmode}"` : ''}${
        f.maxlength ? html` maxlength="${f.maxlength}"` : ''
      }${flag('required', f.required)}${f.error ? html` aria-invalid="true"` : ''}${described(
        f.name,
        f.hint,
        f.error,
      )}
    />
  </div>`;
}

/** A multi-line text input. */
export function textarea(f: Omit<FieldSpec, 'type'> & { rows?: number }): SafeHtml {
  return html`<div class="field${f.error ? ' has-error' : ''}">
    <label for="f-${f.name}">${f.label}</label>${hintAndError(f.name, f.hint, f.error)}
    <textarea
      id="f-${f.name}"
      name="${f.name}"
      rows="${f.rows ?? 4}"
      ${
        f.maxlength ? html` maxlength="${f.maxlength}"` : ''
      }${flag('required', f.required)}${f.error ? html` aria-invalid="true"` : ''}${described(
        f.name,
        f.hint,
        f.error,
      )}
    >
${f.value ?? ''}</textarea>
  </div>`;
}

/** A drop-down list. */
export function select(
  f: Omit<FieldSpec, 'type'> & { options: readonly { value: string; label: string }[] },
): SafeHtml {
  return html`<div class="field${f.error ? ' has-error' : ''}">
    <label for="f-${f.name}">${f.label}</label>${hintAndError(f.name, f.hint, f.error)}
    <select
      id="f-${f.name}"
      name="${f.name}"
      ${flag('required', f.required)}${
        f.error ? html` aria-invalid="true"` : ''
      }${described(f.name, f.hint, f.error)}
    >
      ${f.options.map(
        (o) =>
          html`<option value="${o.value}" ${flag('selected', String(f.value ?? '') === o.value)}>
            ${o.label}
          </option>`,
      )}
    </select>
  </div>`;
}

/** A group of radio buttons (or checkboxes) in a fieldset with a legend. */
export function choices(f: {
  name: string;
  legend: string;
  type?: 'radio' | 'checkbox';
  value?: string | readonly string[] | null;
  error?: string;
  hint?: string;
  options: readonly { value: string; label: string; hint?: string }[];
}): SafeHtml {
  const chosen = (v: string) => (Array.isArray(f.value) ? f.value.includes(v) : f.value === v);
  return html`<fieldset
    class="field${f.error ? ' has-error' : ''}"
    ${described(f.name, f.hint, f.error)}
  >
    <legend>${f.legend}</legend>
    ${hintAndError(f.name, f.hint, f.error)}
    ${f.options.map(
      (o, i) =>
        html`<div class="choice">
          <input
            id="f-${f.name}-${i}"
            type="${f.type ?? 'radio'}"
            name="${f.name}"
            value="${o.value}"
            ${flag('checked', chosen(o.value))}
          /><label for="f-${f.name}-${i}"
            >${o.label}${o.hint ? html`<span class="hint">${o.hint}</span>` : ''}</label
          >
        </div>`,
    )}
  </fieldset>`;
}

/** A POST form carrying the CSRF token (multipart when it uploads files). */
export function postForm(
  action: string,
  csrf: string,
  body: SafeHtml,
  o: { submit: string; multipart?: boolean; className?: string },
): SafeHtml {
  return html`<form
    method="post"
    action="${action}"
    ${o.multipart ? html` enctype="multipart/form-data"` : ''}${
      o.className ? html` class="${o.className}"` : ''
    }
    novalidate
  >
    <input type="hidden" name="_csrf" value="${csrf}" />
    ${body}
    <button type="submit">${o.submit}</button>
  </form>`;
}

/** A summary of a form's errors at the top, each linking to its field. */
export function errorSummary(errors: FieldErrors | undefined, t: Translate): SafeHtml {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) {
    return html``;
  }
  return html`<div class="error-summary" role="alert">
    <h2>${t('form.errorSummary')}</h2>
    <ul>
      ${entries.map(([name, msg]) => html`<li><a href="#f-${name}">${msg}</a></li>`)}
    </ul>
  </div>`;
}
