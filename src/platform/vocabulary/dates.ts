import { z } from 'zod';
import { localToday } from './local-time.js';

/** How precise a date is: a day, a month, a year, or an explicit range. */
export type DatePrecision = 'day' | 'month' | 'year' | 'range';

/** A date as known: its ISO 8601 text, its precision and the earliest and latest days it covers. */
export interface FuzzyDate {
  /** What was entered: YYYY, YYYY-MM, YYYY-MM-DD or an interval YYYY-MM-DD/YYYY-MM-DD. */
  text: string;
  precision: DatePrecision;
  /** First day it may be (YYYY-MM-DD). */
  earliest: string;
  /** Last day it may be (YYYY-MM-DD). */
  latest: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDay(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) {
    return undefined;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > lastDayOfMonth(y, mo)) {
    return undefined;
  }
  return text;
}

/** Parses ISO 8601 text with its precision; undefined when it is not a real date or range. */
export function parseFuzzyDate(text: string): FuzzyDate | undefined {
  if (/^\d{4}$/.test(text)) {
    return { text, precision: 'year', earliest: `${text}-01-01`, latest: `${text}-12-31` };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) {
    const [y, mo] = [Number(month[1]), Number(month[2])];
    if (mo < 1 || mo > 12) {
      return undefined;
    }
    const last = lastDayOfMonth(y, mo);
    return {
      text,
      precision: 'month',
      earliest: `${text}-01`,
      latest: `${y}-${pad(mo)}-${pad(last)}`,
    };
  }
  if (text.includes('/')) {
    const [from, to] = text.split('/');
    const a = from ? parseDay(from) : undefined;
    const b = to ? parseDay(to) : undefined;
    if (!a || !b || a > b) {
      return undefined;
    }
    return { text, precision: 'range', earliest: a, latest: b };
  }
  const day = parseDay(text);
  return day ? { text, precision: 'day', earliest: day, latest: day } : undefined;
}

/**
 * A zod field for a date with stated precision ("2024", "2024-05", "2024-05-12" or
 * "2024-05-01/2024-05-20"); it parses to a FuzzyDate and refuses impossible dates,
 * reversed ranges and dates in the future.
 */
export const fuzzyDate = z
  .string()
  .max(21)
  .transform((text, ctx) => {
    const parsed = parseFuzzyDate(text);
    if (!parsed) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD (earliest first)',
      });
      return z.NEVER;
    }
    const today = localToday();
    if (parsed.earliest > today) {
      ctx.addIssue({ code: 'custom', message: 'must not be in the future' });
      return z.NEVER;
    }
    return parsed;
  });
