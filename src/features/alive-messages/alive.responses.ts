// Response schemas of /api/v1/alive-matches, for the OpenAPI document (issue 15 item 20).
import { z } from 'zod';
import { pageOf } from '../../platform/http/index.js';

const matchStatus = z.enum(['candidate', 'confirmed', 'rejected', 'withdrawn']);

/** A list entry of a possible match (presentMatchSummary): no message content. */
const summaryFields = {
  id: z.uuid(),
  reportId: z.uuid(),
  country: z.string(),
  score: z.number(),
  status: matchStatus,
  senderUnder18: z.boolean(),
  createdAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** How the news went on: location, alive_only, nothing, held_child; null until confirmed. */
  passedOn: z.string().nullable(),
};

/** A page of possible matches. */
export const aliveMatchPageSchema = pageOf(
  z.object(summaryFields).meta({ id: 'AliveMatchSummary' }),
  'AliveMatchPage',
);

const birth = z.object({ earliest: z.string(), latest: z.string() }).nullable();

/** One possible match: the message beside the report's names, and why (presentMatch). */
export const aliveMatchSchema = z
  .object({
    ...summaryFields,
    reason: z.string().nullable(),
    decidedBy: z.string().nullable(),
    passedOnAt: z.string().nullable(),
    evidence: z.record(z.string(), z.unknown()),
    message: z.object({
      id: z.uuid(),
      names: z.array(z.object({ value: z.string(), script: z.string() })),
      birth,
      origin: z.string(),
      relatives: z.array(z.string()),
      share: z.string(),
      location: z.string(),
      note: z.string(),
      contact: z.string(),
      under18: z.boolean(),
      language: z.string(),
      sentAt: z.string().nullable(),
    }),
    /** The report's names, or only its id with open false when it is no longer open. */
    report: z.union([
      z.object({
        id: z.uuid(),
        caseNumber: z.string(),
        names: z.array(
          z.object({ kind: z.string(), value: z.string(), latin: z.string().optional() }),
        ),
        birth,
        relatives: z.array(z.string()),
        child: z.boolean(),
      }),
      z.object({ id: z.uuid(), open: z.literal(false) }),
    ]),
  })
  .meta({ id: 'AliveMatch' });

/** The outcome of a decision on a possible match. */
export const aliveDecisionSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['confirmed', 'rejected']),
    passedOn: z.string().nullable(),
  })
  .meta({ id: 'AliveMatchDecision' });
