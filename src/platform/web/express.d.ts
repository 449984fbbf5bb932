import type { WebContext } from './web.types.js';

declare global {
  namespace Express {
    interface Request {
      /** Set by the web layer on page requests. */
      web?: WebContext;
    }
  }
}

export {};
