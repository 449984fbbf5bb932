import { z } from 'zod';
import { pagination } from '../../platform/http/index.js';

const reason = z.string().trim().min(1).max(2000);

/** Body of POST /api/v1/legal-holds. */
export const placeHoldBody = z.strictObject({
  /** report or remains. */
  subjectType: z.enum(['report', 'remains']),
  /** Id of the record to hold. */
  subjectId: z.uuid(),
  /** Why (proceedings, order reference). */
  reason,
});

/** Body of POST /api/v1/legal-holds/:id/lift. */
export const liftHoldBody = z.strictObject({
  /** Why the hold ends. */
  reason,
});

/** Query of GET /api/v1/legal-holds. */
export const listHoldsQuery = pagination.extend({
  /** Only holds not lifted. */
  active: z.enum(['true', 'false']).optional(),
});

/** Path parameter :id. */
export const idParams = z.object({ id: z.uuid() });

/** Path parameters of an access log: the record type and its id. */
export const accessLogParams = z.object({
  /** reports or remains. */
  type: z.enum(['reports', 'remains']),
  id: z.uuid(),
});

/** Query of GET /api/v1/retention/plan. */
export const retentionPlanQuery = z.object({
  /** The moment to plan for (ISO 8601); default now. */
  at: z.iso.datetime().optional(),
});

/** Body of POST /api/v1/reports/:id/erasure-requests (the family). */
export const erasureRequestBody = z.strictObject({
  /** Why the family asks (optional, shown to the caseworker). */
  reason: z.string().trim().max(2000).default(''),
});

/** Body of POST /api/v1/erasure-requests/:id/decision (a caseworker). */
export const erasureDecisionBody = z.strictObject({
  /** grant erases the report; refuse keeps it and tells the family why. */
  decision: z.enum(['grant', 'refuse']),
  /** The reason the family sees (required to refuse). */
  reason: z.string().trim().max(2000).default(''),
});

/** Query of GET /api/v1/erasure-requests. */
export const listErasureQuery = pagination.extend({
  status: z.enum(['pending', 'granted', 'refused']).optional(),
});
