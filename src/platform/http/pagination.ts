import { z } from 'zod';

/** Query parameters of paginated lists. */
export const pagination = z.object({
  /** Page size, 1–100. */
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** Rows to skip. */
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** A page of a list with its total. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
