import type { Actor } from '../authz/index.js';
import type { Direction, Translate } from './i18n.js';

/** The signed-in person behind a page request. */
export interface WebUser {
  actor: Actor;
  displayName: string;
  preferredLanguage: string;
}

/** What every page handler finds on `req.web`. */
export interface WebContext {
  lang: string;
  dir: Direction;
  t: Translate;
  /** The signed-in user, or null for a visitor. */
  user: WebUser | null;
  /** CSRF token for forms of this session or visit. */
  csrf: string;
  /** True when cookies must be Secure (HTTPS). */
  secure: boolean;
}
