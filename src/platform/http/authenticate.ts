import type { RequestHandler } from 'express';
import type { Actor } from '../authz/index.js';
import { AppError } from '../errors.js';

/** Turns a bearer token into the actor behind it; throws a 401 AppError when it cannot. */
export type ActorResolver = (token: string, requestId: string) => Promise<Actor>;

/** Requires a valid bearer access token and sets req.actor. */
export function authenticate(resolve: ActorResolver): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!match?.[1]) {
      throw new AppError('UNAUTHENTICATED', 'A bearer access token is required');
    }
    req.actor = await resolve(match[1], req.requestId);
    next();
  };
}
