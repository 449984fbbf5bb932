import type { Response } from 'express';

/**
 * Sends a JSON answer. API answers are `no-store`, so the entity tag Express's `res.json` adds
 * (a SHA-1 of every body) and its conditional-request check would never serve a cached copy:
 * the body is written directly, Node adding its Content-Length (ADR 0145).
 */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.statusCode = status;
  if (!res.getHeader('Content-Type')) {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
  }
  res.end(JSON.stringify(body));
}
