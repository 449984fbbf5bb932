// The web layer every server-rendered page builds on (family portal, staff console, public pages).
export {
  html,
  trustedHtml,
  escapeHtml,
  flag,
  safeUrl,
  isSafeHtml,
  type SafeHtml,
  type HtmlValue,
} from './html.js';
export {
  loadCatalog,
  translator,
  negotiateLanguage,
  directionOf,
  type Catalog,
  type Translate,
  type Direction,
} from './i18n.js';
export {
  field,
  textarea,
  select,
  choices,
  postForm,
  errorSummary,
  parseForm,
  type FieldErrors,
  type FieldSpec,
} from './forms.js';
export { readCookies, writeCookie } from './cookies.js';
export { CsrfTokens } from './csrf.js';
export {
  createWeb,
  need,
  PAGE_CSP,
  SESSION_COOKIE,
  VISIT_COOKIE,
  LANGUAGE_COOKIE,
  type Web,
  type WebDeps,
  type WebSessions,
} from './web.js';
export type { WebContext, WebUser } from './web.types.js';
export { countryOptions, countryName } from './countries.js';
