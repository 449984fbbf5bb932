// Input of the "I am alive" page and of the review API (zod; the same schemas give OpenAPI).
import { z } from 'zod';
import { fuzzyDate } from '../../platform/vocabulary/index.js';

/** What the sender chooses the family may be told. */
export const SHARE_CHOICES = ['location', 'alive_only', 'nothing'] as const;
/** One of the sender's choices. */
export type ShareChoice = (typeof SHARE_CHOICES)[number];

const opt = (max: number) => z.string().trim().max(max).default('');

/** The page's form, as submitted (every field a string). */
export const aliveForm = z
  .object({
    /** The sender's name as they write it, in any script. */
    name: z.string().trim().min(1).max(200),
    /** The same name in another script or spelling. */
    otherName: opt(200),
    /** Year or date of birth (YYYY, YYYY-MM or YYYY-MM-DD), optional. */
    birth: z.union([z.literal(''), fuzzyDate]).default(''),
    /** Town or region they come from. */
    origin: opt(200),
    /** Names of relatives who may be looking for them, one per line (up to ten). */
    relatives: opt(2000).refine(
      (s) => s.split(/\r?\n/).filter((l) => l.trim()).length <= 10,
      'form.error.tooManyLines',
    ),
    /** What the family may be told. */
    share: z.enum(SHARE_CHOICES),
    /** Where they are now (needed when they chose to share it). */
    location: opt(300),
    /** A few words for the family. */
    note: opt(1000),
    /** How staff may reach them (optional). */
    contact: opt(200),
    /** Whether the sender is under 18. */
    under18: z.enum(['yes', 'no']),
  })
  .refine((f) => f.share !== 'location' || f.location.length > 0, {
    path: ['location'],
    message: 'form.error.locationNeeded',
  });

/** The validated form. */
export type AliveFormInput = z.infer<typeof aliveForm>;

/** The withdrawal form: the private code the sender was given. */
export const withdrawForm = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^[A-Z2-9]{20}$/, 'form.error.code')),
});

/** Review states of a possible match. */
export const MATCH_STATUSES = ['candidate', 'confirmed', 'rejected', 'withdrawn'] as const;

/** Query of the reviewers' list. */
export const listMatchesQuery = z.object({
  /** Only matches in this state (default: waiting for review). */
  status: z.enum(MATCH_STATUSES).default('candidate'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
/** The list query. */
export type ListMatchesQuery = z.infer<typeof listMatchesQuery>;

/** Path of one match. */
export const matchParams = z.object({ id: z.uuid() });

/** A reviewer's decision. */
export const decisionBody = z.object({
  /** Why (kept in the record and the audit trail). */
  reason: z.string().trim().min(3).max(2000),
});
/** The decision body. */
export type DecisionInput = z.infer<typeof decisionBody>;
