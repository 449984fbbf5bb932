// Response schemas of the cross-border disclosure, repatriation, case-notice and message routes,
// for the OpenAPI document (issue 15 item 20).
import { z } from 'zod';

const side = z.enum(['am', 'pm']);
const direction = z.enum(['outgoing', 'incoming']);
const counterpart = z.object({ jurisdiction: z.string(), node: z.string() });

/** A message the channel accepted: its id and kind. */
export const acceptedMessageSchema = z
  .object({ accepted: z.literal(true), jti: z.string(), kind: z.string() })
  .meta({ id: 'FederationMessageAccepted' });

/** A disclosure request; `record` only on an approved outgoing one, to the requesting role. */
export const disclosureSchema = z
  .object({
    id: z.uuid(),
    direction,
    jurisdiction: z.string(),
    local: z.object({ side, id: z.uuid(), ref: z.string() }),
    counterpart: counterpart.extend({ ref: z.string() }),
    requesterRole: z.string(),
    purpose: z.string(),
    justification: z.string(),
    status: z.enum(['requested', 'approved', 'refused']),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    expiresAt: z.string().nullable(),
    purgedAt: z.string().nullable(),
    record: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'FederationDisclosure' });

/** The disclosures the caller may see (no records). */
export const disclosureListSchema = z
  .object({ items: z.array(disclosureSchema) })
  .meta({ id: 'FederationDisclosureList' });

/** A cross-border custody transfer (repatriation), sent or received. */
export const repatriationSchema = z
  .object({
    id: z.uuid(),
    transferId: z.string(),
    direction,
    jurisdiction: z.string(),
    counterpart,
    candidateId: z.uuid().nullable(),
    remainsCode: z.string(),
    /** The chain head where it crossed the border, signed by the sending node. */
    head: z.object({ position: z.number().int(), hash: z.string(), signed: z.string() }),
    /** Events appended after the head on the receiving side. */
    continued: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Repatriation' });

/** Repatriations of the caller's jurisdiction. */
export const repatriationListSchema = z
  .object({ items: z.array(repatriationSchema) })
  .meta({ id: 'RepatriationList' });

/** An event appended after the received head. */
export const repatriationEventSchema = z
  .object({
    position: z.number().int(),
    kind: z.string(),
    hash: z.string(),
    state: z.string(),
  })
  .meta({ id: 'RepatriationEvent' });

/** Verification of a chain across the border and of the signed head. */
export const repatriationVerificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    headHash: z.string(),
    firstBroken: z.object({ position: z.number().int(), reason: z.string() }).optional(),
    crossing: z.object({
      position: z.number().int(),
      hash: z.string(),
      signedBy: z.string(),
      signatureValid: z.boolean(),
    }),
    events: z.array(
      z.object({
        position: z.number().int(),
        kind: z.string(),
        state: z.string(),
        occurredAt: z.string(),
        side: z.string(),
      }),
    ),
  })
  .meta({ id: 'RepatriationVerification' });

const caseNoticeFields = {
  id: z.uuid(),
  direction,
  jurisdiction: z.string(),
  counterpart,
  caseNumber: z.string(),
  reportId: z.uuid().nullable(),
  reason: z.string(),
  status: z.string(),
  createdAt: z.string(),
  /** The notice itself (names, last seen, relatives' contacts): only to the receiving side. */
  notice: z.record(z.string(), z.unknown()).optional(),
};

/** A case notice routed to (or from) a contact point abroad. */
export const caseNoticeSchema = z.object(caseNoticeFields).meta({ id: 'CaseNotice' });

/** Case notices sent or received by the jurisdiction. */
export const caseNoticeListSchema = z
  .object({ items: z.array(caseNoticeSchema) })
  .meta({ id: 'CaseNoticeList' });

/** One case notice with the statuses that flowed back. */
export const caseNoticeDetailSchema = z
  .object({
    ...caseNoticeFields,
    timeline: z.array(
      z.object({ status: z.string(), changedAt: z.string(), message: z.string().nullable() }),
    ),
  })
  .meta({ id: 'CaseNoticeDetail' });
