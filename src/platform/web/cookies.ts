// Reading and writing cookies without a dependency.
import type { Request, Response } from 'express';

/** Parses the Cookie header (first value of each name wins). */
export function readCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      continue;
    }
    const name = part.slice(0, eq).trim();
    if (!(name in out)) {
      try {
        out[name] = decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        // A cookie that is not valid percent-encoding is ignored.
      }
    }
  }
  return out;
}

/** How a cookie is written. */
export interface CookieOptions {
  maxAgeSeconds?: number;
  httpOnly?: boolean;
  sameSite?: 'Strict' | 'Lax';
  secure: boolean;
}

/** Appends a Set-Cookie header (Path=/ always; Max-Age 0 clears). */
export function writeCookie(res: Response, name: string, value: string, o: CookieOptions) {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    `SameSite=${o.sameSite ?? 'Lax'}`,
  ];
  if (o.maxAgeSeconds !== undefined) {
    parts.push(`Max-Age=${o.maxAgeSeconds}`);
  }
  if (o.httpOnly !== false) {
    parts.push('HttpOnly');
  }
  if (o.secure) {
    parts.push('Secure');
  }
  res.append('Set-Cookie', parts.join('; '));
}
