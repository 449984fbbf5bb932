import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, ERROR_CODES, type ErrorCode } from '../errors.js';
import { getLogger } from '../logger.js';

const log = getLogger('http');

/** PostgreSQL error codes that are the client's fault, and what they become. */
const PG_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  '23505': { code: 'CONFLICT', message: 'A record with the same unique value already exists' },
  '23503': { code: 'CONFLICT', message: 'A referenced record does not exist or is still in use' },
  '23514': { code: 'VALIDATION_FAILED', message: 'A value breaks a rule of the record' },
  '22001': { code: 'VALIDATION_FAILED', message: 'A value is too long' },
  '22P02': { code: 'VALIDATION_FAILED', message: 'A value has the wrong format' },
  '22007': { code: 'VALIDATION_FAILED', message: 'A date has the wrong format' },
  '22008': { code: 'VALIDATION_FAILED', message: 'A date is out of range' },
  '22021': { code: 'VALIDATION_FAILED', message: 'A text contains bytes that are not valid' },
  '40001': { code: 'CONFLICT', message: 'A concurrent change interfered; please try again' },
  '40P01': { code: 'CONFLICT', message: 'A concurrent change interfered; please try again' },
  '22P05': {
    code: 'VALIDATION_FAILED',
    message: 'A text contains a character that cannot be stored',
  },
};

/** Foreign-key and check constraints that stand for one request field (registered by features). */
const CONSTRAINT_FIELDS = new Map<string, { field: string; message: string }>();

/** Declares that a violated constraint means a bad value in one request field (answered 400 naming it). */
export function registerConstraintField(constraint: string, field: string, message: string): void {
  CONSTRAINT_FIELDS.set(constraint, { field, message });
}

function send(res: Parameters<ErrorRequestHandler>[2], status: number, body: object) {
  res.status(status).json({ error: body });
}

/** Answers unknown paths with a 404 in the standard error shape. */
export const notFoundHandler: RequestHandler = (_req, res) => {
  send(res, 404, { code: 'NOT_FOUND', message: 'No such endpoint' });
};

/** The one error middleware: stable codes, no stack traces, unknown errors logged as 500. */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (res.headersSent) {
    return;
  }
  if (err instanceof AppError) {
    send(res, err.status, {
      code: err.code,
      message: err.message,
      ...(err.details ? { details: err.details } : {}),
    });
    return;
  }
  const e = err as { type?: string; status?: number; code?: string; constraint?: string };
  if (e.type === 'entity.parse.failed') {
    send(res, 400, { code: 'INVALID_JSON', message: 'Request body is not valid JSON' });
    return;
  }
  if (e.type === 'entity.too.large') {
    send(res, 413, { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' });
    return;
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    send(res, e.status, { code: 'VALIDATION_FAILED', message: 'Malformed request' });
    return;
  }
  const known = e.constraint ? CONSTRAINT_FIELDS.get(e.constraint) : undefined;
  if (known && (e.code === '23503' || e.code === '23514')) {
    send(res, 400, {
      code: 'VALIDATION_FAILED',
      message: `Invalid request: ${known.field}`,
      details: { fields: [known] },
    });
    return;
  }
  const pg = e.code ? PG_ERRORS[e.code] : undefined;
  if (pg) {
    send(res, ERROR_CODES[pg.code], {
      code: pg.code,
      message: pg.message,
    });
    return;
  }
  log.error('unhandled error', { requestId: req.requestId, err });
  send(res, 500, { code: 'INTERNAL', message: 'Internal error', requestId: req.requestId });
};
