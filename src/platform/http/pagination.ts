import { z } from 'zod';

/** Query parameters of paginated lists. */
export const pagination = z.object({
  /** Page size, 1–100. */
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** Rows to skip. */
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** A page size 1–`max` (default `dflt`) and rows to skip: for lists with a larger page. */
export function paginationUpTo(max: number, dflt: number) {
  return z.object({
    limit: z.coerce.number().int().min(1).max(max).default(dflt),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  });
}

/** Limit and offset of a page. */
export type PageRequest = z.infer<typeof pagination>;

/** A page of a list with its total. */
export interface Page<T> {
  items: T[];
  total: number;
  /** Set when more rows match than were counted: `total` is then a lower bound. */
  totalCapped?: boolean;
  limit: number;
  offset: number;
}

/** The response schema of a page of `item`s (named `id` in the OpenAPI document). */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number(),
      /** True when more rows match than were counted (total is then a lower bound). */
      totalCapped: z.boolean().optional(),
      limit: z.number(),
      offset: z.number(),
    })
    .meta({ id });
}
