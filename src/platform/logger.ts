import winston from 'winston';

/** Fixed set of log categories. */
export type LogCategory = 'http' | 'db' | 'auth' | 'audit' | 'app' | 'jobs' | 'federation';

/** Keys whose values never reach a log line (tokens, secrets and personal data). */
const REDACTED_KEYS = new Set([
  'password',
  'newpassword',
  'totp',
  'token',
  'accesstoken',
  'refreshtoken',
  'authorization',
  'cookie',
  'secret',
  'email',
  'name',
  'names',
  'displayname',
  'phone',
  'address',
  'dateofbirth',
  'contacts',
  'relatives',
  'dna',
  'dental',
  'medical',
]);

/** Returns a copy of a value with redacted keys replaced by "[redacted]". */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((v) => redact(v, depth + 1));
  }
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = REDACTED_KEYS.has(k.toLowerCase().replace(/[_-]/g, ''))
      ? '[redacted]'
      : redact(v, depth + 1);
  }
  return out;
}

const redactFormat = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (key !== 'level' && key !== 'message') {
      info[key] = REDACTED_KEYS.has(key.toLowerCase()) ? '[redacted]' : redact(info[key]);
    }
  }
  return info;
});

/** A category-bound logger. */
export interface Logger {
  error(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  debug(message: string, meta?: Record<string, unknown>): void;
}

let root: winston.Logger = winston.createLogger({
  level: process.env.LOG_LEVEL === 'silent' ? 'error' : (process.env.LOG_LEVEL ?? 'info'),
  silent: process.env.LOG_LEVEL === 'silent' || process.env.NODE_ENV === 'test',
  format: winston.format.combine(winston.format.timestamp(), redactFormat(), winston.format.json()),
  transports: [new winston.transports.Console()],
});

/** Replaces the root logger's transports and level (used at start-up and by tests). */
export function configureLogger(options: { level: string; transport?: winston.transport }): void {
  root = winston.createLogger({
    level: options.level === 'silent' ? 'error' : options.level,
    silent: options.level === 'silent',
    format: winston.format.combine(
      winston.format.timestamp(),
      redactFormat(),
      winston.format.json(),
    ),
    transports: [options.transport ?? new winston.transports.Console()],
  });
}

/** Returns a logger that tags every line with its category. */
export function getLogger(category: LogCategory): Logger {
  const at =
    (level: 'error' | 'warn' | 'info' | 'debug') =>
    (message: string, meta: Record<string, unknown> = {}) =>
      root.log(level, message, { category, ...meta });
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
