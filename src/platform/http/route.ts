import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { type Request, type Response, type Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Actor } from '../authz/index.js';
import { AppError, validationFailed } from '../errors.js';
import { sendJson } from './json-answer.js';
import {
  idempotencyKey,
  keyReused,
  requestFingerprint,
  type IdempotencyStore,
} from './idempotency.js';

/** HTTP methods routes use. */
export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** What a handler receives: validated input and, on protected routes, the actor. */
export interface RouteContext<P, Q, B> {
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  req: Request;
  res: Response;
}

/** One endpoint: its contract (for validation and OpenAPI) and its handler. */
export interface RouteSpec<
  PS extends z.ZodType = z.ZodType,
  QS extends z.ZodType = z.ZodType,
  BS extends z.ZodType = z.ZodType,
> {
  method: Method;
  /** Express-style path, e.g. /api/v1/users/:id */
  path: string;
  summary: string;
  tag: string;
  /** 'public' routes need no token. */
  auth: 'public' | 'user';
  params?: PS;
  query?: QS;
  body?: BS;
  /** Success status (200 by default). */
  status?: number;
  /** Schema of the success response, for the OpenAPI document. */
  response?: z.ZodType;
  /** Media types of a success response that is not JSON (PDF, CSV, XML, image bytes). */
  produces?: readonly string[];
  /** Extra middleware run before authentication and validation (e.g. a rate limiter). */
  before?: RequestHandler[];
  /**
   * Largest JSON body accepted (default 1mb). Bodies are parsed after authentication, so only
   * authenticated callers can make the node parse a large body; within the limit, an oversized
   * field is refused by its schema with the field named.
   */
  bodyLimit?: string;
  /**
   * Whether an `Idempotency-Key` header is honoured (default: every authenticated POST). The same
   * key with the same input answers the first response again; with other input, 422.
   */
  idempotent?: boolean;
  handler: (ctx: RouteContext<z.infer<PS>, z.infer<QS>, z.infer<BS>>) => unknown;
}

/** Declares a route with inferred input types. */
export function defineRoute<
  PS extends z.ZodType = z.ZodUnknown,
  QS extends z.ZodType = z.ZodUnknown,
  BS extends z.ZodType = z.ZodUnknown,
>(spec: RouteSpec<PS, QS, BS>): RouteSpec<PS, QS, BS> {
  return spec;
}

/** Half of a UTF-16 surrogate pair without its other half: not a character, cannot be stored. */
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) make a name
 * display as something else ("Trojan Source"); the plain marks (LRM, RLM, ALM) stay allowed.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Deepest nesting of arrays and objects a request may send (no schema here nests past 10). */
export const MAX_JSON_DEPTH = 64;

/**
 * Paths of strings holding a NUL character, which PostgreSQL text cannot store, or the path where
 * the value nests deeper than MAX_JSON_DEPTH. Walks with its own stack, so a hostile body
 * (`[` × 100,000) cannot overflow the call stack here or in the schema after it.
 */
function unsafePaths(value: unknown, root: string): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value, path: root, depth: 0 },
  ];
  while (stack.length > 0 && out.length < 20) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000')) {
        out.push({ field: item.path, message: 'must not contain a NUL character' });
      } else if (LONE_SURROGATE.test(item.value)) {
        out.push({
          field: item.path,
          message: 'must be valid Unicode (a lone surrogate was sent)',
        });
      } else if (BIDI_CONTROL.test(item.value)) {
        out.push({
          field: item.path,
          message: 'must not contain bidirectional override, embedding or isolate characters',
        });
      }
    } else if (item.value && typeof item.value === 'object') {
      if (item.depth >= MAX_JSON_DEPTH) {
        return [{ field: item.path, message: `is nested deeper than ${MAX_JSON_DEPTH} levels` }];
      }
      for (const [k, v] of Object.entries(item.value as Record<string, unknown>)) {
        stack.push({ value: v, path: `${item.path}.${k}`, depth: item.depth + 1 });
      }
    }
  }
  return out;
}

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string) {
  if (!schema) {
    return value as z.infer<S>;
  }
  const unsafe = unsafePaths(value, where);
  if (unsafe.length > 0) {
    throw validationFailed(unsafe);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw validationFailed(
      result.error.issues.map((i) => ({
        field: [where, ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    );
  }
  return result.data;
}

const errorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });

const DEFAULT_BODY_LIMIT = '1mb';
const parsers = new Map<string, RequestHandler>();

function jsonBody(limit: string): RequestHandler {
  let parser = parsers.get(limit);
  if (!parser) {
    parser = express.json({ limit });
    parsers.set(limit, parser);
  }
  return parser;
}

/** A response body that is a file (PDF, CSV, XML, image bytes). */
const binarySchema = z.string().meta({ format: 'binary' });

/** Mounts routes on a router and records them in the OpenAPI registry. */
export function mountRoutes(
  router: Router,
  registry: OpenAPIRegistry,
  authenticate: RequestHandler,
  routes: readonly RouteSpec<z.ZodType, z.ZodType, z.ZodType>[],
  options: { idempotency?: IdempotencyStore } = {},
): void {
  for (const spec of routes) {
    registry.registerPath({
      method: spec.method,
      path: spec.path.replace(/:(\w+)/g, '{$1}'),
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.auth === 'user' ? { security: [{ bearer: [] }] } : {}),
      request: {
        ...(spec.params ? { params: spec.params as z.ZodObject } : {}),
        ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
      },
      responses: {
        [spec.status ?? 200]: {
          description: spec.status === 204 ? 'No content' : 'Success',
          ...(spec.response || spec.produces
            ? {
                content: {
                  ...(spec.response ? { 'application/json': { schema: spec.response } } : {}),
                  ...Object.fromEntries(
                    (spec.produces ?? []).map((t) => [t, { schema: binarySchema }]),
                  ),
                },
              }
            : {}),
        },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: errorSchema } },
        },
      },
    });
    const keyed =
      options.idempotency &&
      spec.method === 'post' &&
      spec.auth === 'user' &&
      spec.idempotent !== false
        ? options.idempotency
        : undefined;
    const handle: RequestHandler = async (req, res) => {
      if (spec.auth === 'user' && !req.actor) {
        throw new AppError('UNAUTHENTICATED', 'Authentication required');
      }
      // API answers carry personal data or tokens: no shared or browser cache keeps them.
      res.setHeader('Cache-Control', 'no-store');
      const ctx = {
        actor: req.actor as Actor,
        params: parse(spec.params, req.params, 'params'),
        query: parse(spec.query, req.query, 'query'),
        body: parse(spec.body, req.body ?? {}, 'body'),
        requestId: req.requestId,
        req,
        res,
      };
      const key = keyed ? idempotencyKey(req.get('Idempotency-Key')) : undefined;
      if (keyed && key !== undefined) {
        const input = req.is('multipart/form-data')
          ? { params: ctx.params, length: req.get('Content-Length') ?? '' }
          : { params: ctx.params, query: ctx.query, body: ctx.body };
        const claim = await keyed.claim(
          ctx.actor.id,
          key,
          requestFingerprint(spec.method, spec.path, input),
        );
        if (claim.kind === 'mismatch') {
          throw keyReused();
        }
        if (claim.kind === 'pending') {
          throw new AppError(
            'CONFLICT',
            'A request with this Idempotency-Key is still in progress',
          );
        }
        if (claim.kind === 'replay') {
          res.set('Idempotent-Replayed', 'true');
          if (claim.body === null) {
            res.status(claim.status).end();
          } else {
            sendJson(res, claim.status, claim.body);
          }
          return;
        }
      }
      let result: unknown;
      try {
        result = await spec.handler(ctx);
      } catch (err) {
        if (keyed && key !== undefined) {
          await keyed.release(ctx.actor.id, key);
        }
        throw err;
      }
      if (res.headersSent) {
        if (keyed && key !== undefined) {
          // A streamed answer (a file) is not kept: the key is freed and a retry runs again.
          await keyed.release(ctx.actor.id, key);
        }
        return;
      }
      const status = spec.status ?? 200;
      const sent = result === undefined ? (status === 200 ? 204 : status) : status;
      if (keyed && key !== undefined) {
        await keyed.complete(ctx.actor.id, key, sent, result === undefined ? null : result);
      }
      if (result === undefined) {
        res.status(sent).end();
      } else {
        sendJson(res, sent, result);
      }
    };
    const chain = [
      ...(spec.before ?? []),
      ...(spec.auth === 'user' ? [authenticate] : []),
      jsonBody(spec.bodyLimit ?? DEFAULT_BODY_LIMIT),
      handle,
    ];
    router[spec.method](spec.path, ...chain);
  }
}
