// Response schemas of the data-protection routes, for the OpenAPI document (issue 15 item 20).
import { z } from 'zod';
import { pageOf } from '../../platform/http/index.js';

/** A legal hold as the API shows it (presentHold). */
export const legalHoldSchema = z
  .object({
    id: z.uuid(),
    subjectType: z.enum(['report', 'remains']),
    subjectId: z.uuid(),
    country: z.string(),
    reason: z.string(),
    placedBy: z.string(),
    placedAt: z.string(),
    active: z.boolean(),
    liftedBy: z.string().nullable(),
    liftedAt: z.string().nullable(),
    liftReason: z.string().nullable(),
  })
  .meta({ id: 'LegalHold' });

/** A page of legal holds. */
export const legalHoldPageSchema = pageOf(legalHoldSchema, 'LegalHoldPage');

/** A retention plan or run: per category, what is due and what a hold keeps. */
export const retentionPlanSchema = z
  .object({
    at: z.string(),
    dryRun: z.boolean(),
    categories: z.array(
      z.object({
        category: z.string(),
        action: z.enum(['delete', 'reduce', 'erase', 'keep', 'prune']),
        period: z.string(),
        due: z.number().int(),
        held: z.number().int(),
        refs: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'RetentionPlan' });

/** An erasure request as the API shows it (presentErasure). */
export const erasureRequestSchema = z
  .object({
    id: z.uuid(),
    reportId: z.uuid(),
    caseNumber: z.string(),
    status: z.enum(['pending', 'granted', 'refused']),
    reason: z.string(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    peersWithdrawn: z.array(z.string()),
    peersToTell: z.array(z.string()),
    createdAt: z.string(),
  })
  .meta({ id: 'ErasureRequest' });

/** A page of erasure requests (no total). */
export const erasureRequestListSchema = z
  .object({ items: z.array(erasureRequestSchema), limit: z.number(), offset: z.number() })
  .meta({ id: 'ErasureRequestList' });

/** Every access to one record, oldest first. */
export const accessLogSchema = z
  .object({
    items: z.array(
      z.object({
        at: z.string(),
        actorId: z.string().nullable(),
        actorRole: z.string().nullable(),
        action: z.string(),
        fields: z.array(z.string()),
        purpose: z.string(),
        via: z.enum(['record', 'file', 'list']),
      }),
    ),
  })
  .meta({ id: 'AccessLog' });
