// Response schemas of /api/v1/linkage, for the OpenAPI document (issue 15 item 20).
import { z } from 'zod';

/** One jurisdiction's side of a linkage agreement (MemberAgreement). */
const memberAgreementFields = {
  agreementId: z.string(),
  country: z.string(),
  members: z.array(z.string()),
  mode: z.enum(['unit', 'bilateral']),
  schemaVersion: z.string(),
  threshold: z.number(),
  secretVersion: z.number().int(),
  transport: z.enum(['local', 'channel']),
  unitJurisdiction: z.string().nullable(),
  createdAt: z.string(),
};

/** A linkage agreement as a member holds it. */
export const memberAgreementSchema = z
  .object(memberAgreementFields)
  .meta({ id: 'LinkageAgreement' });

/** A newly opened agreement, with how many members the secret went to. */
export const openedAgreementSchema = z
  .object({ ...memberAgreementFields, secretSentTo: z.number().int() })
  .meta({ id: 'LinkageAgreementOpened' });

/** How many reports were submitted. */
export const submittedSchema = z
  .object({ submitted: z.number().int() })
  .meta({ id: 'LinkageSubmitted' });

/** How many reports were withdrawn. */
export const withdrawnSchema = z
  .object({ withdrawn: z.number().int() })
  .meta({ id: 'LinkageWithdrawn' });

/** Pairs a bilateral comparison found. */
export const comparedSchema = z.object({ pairs: z.number().int() }).meta({ id: 'LinkageCompared' });

/** Candidate pairs a member received for its reports (pseudonyms and similarity only). */
export const linkageCandidatesSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        reportId: z.uuid(),
        otherMember: z.string(),
        otherPseudonym: z.string(),
        score: z.number(),
        secretVersion: z.number().int(),
        status: z.enum(['pending', 'pursued', 'excluded', 'matched']),
        reviewedAt: z.string().nullable(),
        note: z.string().nullable(),
        receivedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'LinkageCandidates' });

/** A reviewed pair and its new state. */
export const reviewedPairSchema = z
  .object({ id: z.string(), status: z.enum(['pursued', 'excluded']) })
  .meta({ id: 'LinkagePairReviewed' });

/** The linkage unit's view of an agreement: encodings held per member and pairs found. */
export const unitStatusSchema = z
  .object({
    agreementId: z.string(),
    operatorCountry: z.string(),
    members: z.array(z.string()),
    schemaVersion: z.string(),
    threshold: z.number(),
    secretVersion: z.number().int(),
    transport: z.enum(['local', 'channel']),
    lastComparedAt: z.string().nullable(),
    createdAt: z.string(),
    encodings: z.record(z.string(), z.number()),
    pairs: z.number().int(),
  })
  .meta({ id: 'LinkageUnitStatus' });
