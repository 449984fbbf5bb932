// Escaping-by-default HTML templates: a tagged template whose holes accept only typed values.

const BRAND: unique symbol = Symbol('SafeHtml');

/** HTML that is already safe to send: built by `html` or `trustedHtml`, never from raw input. */
export interface SafeHtml {
  readonly [BRAND]: true;
  readonly value: string;
}

/** What a template hole accepts: text is escaped, SafeHtml is kept, lists are joined, nothing is dropped. */
export type HtmlValue =
  string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for an element body or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

function make(value: string): SafeHtml {
  return { [BRAND]: true, value };
}

/** True for values built by `html`. */
export function isSafeHtml(v: unknown): v is SafeHtml {
  return typeof v === 'object' && v !== null && (v as Partial<SafeHtml>)[BRAND] === true;
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) {
    return '';
  }
  if (typeof v === 'string') {
    return escapeHtml(v);
  }
  if (typeof v === 'number') {
    return String(v);
  }
  if (isSafeHtml(v)) {
    return v.value;
  }
  return v.map(render).join('');
}

/** The template tag: every hole is escaped unless it is SafeHtml (`html\`<p>${name}</p>\``). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + strings[i + 1]!;
  }
  return make(out);
}

/** Marks a constant string of markup as safe. Only for literals written in code, never input. */
export function trustedHtml(markup: string): SafeHtml {
  return make(markup);
}

/** Attribute helper: `checked`, `selected`, `disabled`… written only when true. */
export function flag(name: string, on: boolean | undefined): SafeHtml {
  return make(on ? ` ${/^[a-z-]+$/.test(name) ? name : ''}` : '');
}

/** A URL for href/src/action: only same-site paths or http(s) links; anything else becomes '#'. */
export function safeUrl(url: string): string {
  if (/^\/(?!\/)/.test(url) || /^https?:\/\//i.test(url) || url.startsWith('?') || url === '') {
    return url;
  }
  return '#';
}
