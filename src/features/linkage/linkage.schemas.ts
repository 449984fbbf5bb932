import { z } from 'zod';
import { country } from '../../platform/vocabulary/index.js';
import { REPORT_SCHEMA } from './linkage.schema.js';

/** An agreement id as the transnational channel names it. */
const agreementId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{2,99}$/, 'letters, digits, . _ : - (3–100)');

/** :id of an agreement. */
export const agreementParams = z.strictObject({ id: agreementId });

/** :id and :reportId. */
export const submissionParams = z.strictObject({ id: agreementId, reportId: z.uuid() });

/** Body of POST /api/v1/linkage/agreements. */
export const openAgreementBody = z
  .strictObject({
    /** The exchange agreement this linkage serves. */
    agreementId,
    /** Member jurisdictions (ISO 3166-1 alpha-2), at least one besides the actor's. */
    members: z.array(country).min(1).max(50),
    /** 'unit' (default: encodings go only to the linkage unit) or 'bilateral' (only if the agreement says so). */
    mode: z.enum(['unit', 'bilateral']).default('unit'),
    /** Encoding schema version. */
    schemaVersion: z.string().default(REPORT_SCHEMA.version),
    /** Dice threshold above which the unit returns a pair. */
    threshold: z.number().min(0.5).max(1).default(0.65),
    /** Draw the first linkage secret here and send it to the other members. */
    drawSecret: z.boolean().default(false),
    /** 'local': unit and members on this node; 'channel': signed messages under exchange agreements. */
    transport: z.enum(['local', 'channel']).default('local'),
    /** The linkage unit's jurisdiction (required in unit mode over the channel). */
    unitJurisdiction: country.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.transport === 'channel' && b.mode === 'unit' && !b.unitJurisdiction) {
      ctx.addIssue({
        code: 'custom',
        path: ['unitJurisdiction'],
        message: 'names the linkage unit when encodings travel over the channel',
      });
    }
    if (b.mode === 'bilateral' && b.transport !== 'channel') {
      ctx.addIssue({
        code: 'custom',
        path: ['transport'],
        message: "bilateral linkage runs over the channel ('channel')",
      });
    }
    if (b.unitJurisdiction && b.members.includes(b.unitJurisdiction)) {
      ctx.addIssue({
        code: 'custom',
        path: ['unitJurisdiction'],
        message: 'the linkage unit is not a member',
      });
    }
  });
export type OpenAgreementBody = z.infer<typeof openAgreementBody>;

/** Body of POST /api/v1/linkage/agreements/:id/submissions. */
export const submitBody = z.strictObject({
  /** Reports of the actor's country to encode and send (each needs cross-border consent). */
  reportIds: z.array(z.uuid()).min(1).max(1000),
});

/** Body of POST /api/v1/linkage/unit/agreements. */
export const unitAgreementBody = z.strictObject({
  /** The exchange agreement the unit serves. */
  agreementId,
  /** Member jurisdictions that may submit (at least two). */
  members: z.array(country).min(2).max(50),
  /** Encoding schema version members use. */
  schemaVersion: z.string().default(REPORT_SCHEMA.version),
  /** Dice threshold above which pairs are returned. */
  threshold: z.number().min(0.5).max(1).default(0.65),
  /** 'channel': members reach the unit (and pairs go back) over the transnational channel. */
  transport: z.enum(['local', 'channel']).default('local'),
});

/** :id and :pairId of a pair under review. */
export const pairParams = z.strictObject({ id: agreementId, pairId: z.uuid() });

/** Body of POST /api/v1/linkage/agreements/:id/pairs/:pairId/review. */
export const reviewBody = z.strictObject({
  /** 'pursue' sends this side's reference to the other member; 'exclude' ends the pair here. */
  decision: z.enum(['pursue', 'exclude']),
  /** Why (kept with the review, never sent). */
  note: z.string().trim().min(1).max(2000),
});

/** Body of POST /api/v1/linkage/agreements/:id/compare (bilateral mode). */
export const compareBody = z.strictObject({});
