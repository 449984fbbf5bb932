import type { Actor } from '../authz/index.js';

declare global {
  namespace Express {
    interface Request {
      /** Set by the request-id middleware on every request. */
      requestId: string;
      /** Set by authenticate on protected routes. */
      actor?: Actor;
    }
  }
}

export {};
