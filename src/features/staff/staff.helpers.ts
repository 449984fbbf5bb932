// Small pieces the console pages share: query filters, service errors as field errors, labels.
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { html, parseForm, type FieldErrors, type SafeHtml } from '../../platform/web/index.js';
import type { Translate } from '../../platform/web/index.js';
import type { Console } from './staff.shell.js';

/** The non-empty string values of a query or form (blank filters are simply not given). */
export function given(src: unknown, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const o = (src ?? {}) as Record<string, unknown>;
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v.trim() !== '') {
      out[k] = v.trim().slice(0, 300);
    }
  }
  return out;
}

/** Parses list filters: the values, or the field errors (shown on a 400 page). */
export function filters<S extends z.ZodType>(
  req: Request,
  schema: S,
  keys: readonly string[],
  t: Translate,
) {
  const values = given(req.query, keys);
  return { values, parsed: parseForm(schema, values, t) };
}

/** A service's validation error as field errors for the form (`body.custodian.name` → `custodian.name`). */
export function fieldErrorsOf(err: unknown, t: Translate): FieldErrors | undefined {
  if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') {
    return undefined;
  }
  const details = err.details as { fields?: { field: string; message: string }[] } | undefined;
  const out: FieldErrors = {};
  for (const f of details?.fields ?? []) {
    out[f.field.replace(/^(body|query|params)\./, '')] =
      `${t('form.error.invalid')} (${f.message})`;
  }
  return out;
}

/**
 * The console's form submission: parses `input` with `schema` and runs `act` on the data. A form
 * error or the service's own validation error goes to `again` (the form shown once more, naming
 * the field) and gives false; any other error is thrown on. True when `act` ran.
 */
export async function submitForm<S extends z.ZodType>(
  schema: S,
  input: unknown,
  t: Translate,
  act: (data: z.output<S>) => Promise<unknown>,
  again: (errors: FieldErrors) => Promise<void>,
): Promise<boolean> {
  const parsed = parseForm(schema, input, t);
  if (!parsed.ok) {
    await again(parsed.errors);
    return false;
  }
  try {
    await act(parsed.data);
    return true;
  } catch (err) {
    const errors = fieldErrorsOf(err, t);
    if (!errors) {
      throw err;
    }
    await again(errors);
    return false;
  }
}

/**
 * A form posted from a record page: the posted `keys` go through submitForm; when `act` ran,
 * the browser goes to the address it gives (303); otherwise the page is shown again (400) with
 * the values and the field errors.
 */
export async function postFromPage<S extends z.ZodType>(
  con: Console,
  req: Request,
  res: Response,
  form: { schema: S; keys: readonly string[]; t: Translate },
  act: (data: z.output<S>) => Promise<string>,
  page: (o: {
    errors: FieldErrors;
    values: Record<string, string>;
  }) => Promise<{ title: string; body: SafeHtml }>,
): Promise<void> {
  const values = given(req.body, form.keys);
  await submitForm(
    form.schema,
    values,
    form.t,
    async (data) => res.redirect(303, await act(data)),
    async (errors) => con.render(req, res, { status: 400, ...(await page({ errors, values })) }),
  );
}

/** A date-time for tables, in the node's locale of the page (ISO when unknown). */
export function when(d: string | Date | null | undefined, lang: string): string {
  if (!d) {
    return '—';
  }
  const date = new Date(d);
  return Number.isNaN(date.getTime())
    ? String(d)
    : date.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
}

/** A numeric range as "20–30" (or "—"). */
export function range(r: { min?: number; max?: number } | null | undefined, unit = ''): string {
  if (!r || (r.min === undefined && r.max === undefined)) {
    return '—';
  }
  return `${r.min ?? '?'}–${r.max ?? '?'}${unit}`;
}

/** A key/value list. */
export function facts(rows: readonly [string, string | SafeHtml][]): SafeHtml {
  return html`<dl>
    ${rows.map(
      ([k, v]) =>
        html`<dt>${k}</dt>
          <dd>${v}</dd>`,
    )}
  </dl>`;
}

/** Previous/next links of a paged list, keeping the filters. */
export function pager(
  path: string,
  values: Record<string, string>,
  page: { total: number; totalCapped?: boolean; limit: number; offset: number },
  t: Translate,
): SafeHtml {
  const link = (offset: number) => {
    const q = new URLSearchParams({ ...values, offset: String(offset) });
    return `${path}?${q.toString()}`;
  };
  const prev = page.offset > 0 ? Math.max(0, page.offset - page.limit) : null;
  const next = page.offset + page.limit < page.total ? page.offset + page.limit : null;
  return html`<p class="meta">
    ${t('staff.list.count', { total: page.totalCapped ? `${page.total}+` : page.total })}
    ${prev !== null ? html` · <a href="${link(prev)}" rel="prev">${t('staff.list.prev')}</a>` : ''}
    ${next !== null ? html` · <a href="${link(next)}" rel="next">${t('staff.list.next')}</a>` : ''}
  </p>`;
}

/** A record's value as text: strings and numbers as they are, anything else as the fallback. */
export function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback;
}

/**
 * A list table: "none" when there are no rows, else the column headers and the rows (each a
 * `<tr>` the page draws itself, since cells differ in direction and links).
 */
export function dataTable(
  headers: readonly (string | SafeHtml)[],
  rows: readonly SafeHtml[],
  t: Translate,
  className?: string,
): SafeHtml {
  if (rows.length === 0) {
    return html`<p>${t('staff.list.none')}</p>`;
  }
  return html`<table${className ? html` class="${className}"` : ''}>
    <thead>
      <tr>
        ${headers.map((h) => html`<th scope="col">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
