import { z } from 'zod';
import { pagination } from '../../platform/http/index.js';

/** Query of GET /api/v1/audit/events. */
export const listAuditQuery = pagination.extend({
  /** Only events about this subject type (e.g. User). */
  subjectType: z.string().max(64).optional(),
  /** Only events about this subject id. */
  subjectId: z.string().max(64).optional(),
  /** Only events by this user. */
  actorId: z.uuid().optional(),
});

/** Result of GET /api/v1/audit/verify. */
export const verificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number(),
    headHash: z.string(),
    firstBroken: z.object({ position: z.number(), reason: z.string() }).optional(),
    /** Signed checkpoints read from the file outside the database. */
    checkpoints: z.number(),
    /** Checkpoints a chain no longer reaches (truncated or rewritten), or whose signature fails. */
    checkpointProblems: z.array(
      z.object({
        /** Line in the local file (absent for a checkpoint known only from a witness). */
        line: z.number().optional(),
        /** The peer whose countersignature or refusal shows the problem (ADR 0160). */
        witness: z.string().optional(),
        chain: z.enum(['audit', 'custody']),
        remainsId: z.string().optional(),
        position: z.number().optional(),
        reason: z.string(),
      }),
    ),
    /** Per checkpoint line, the peers that countersigned it. */
    checkpointWitnesses: z.array(z.object({ line: z.number(), witnesses: z.array(z.string()) })),
    /** Peers that could not be asked for their witness record. */
    witnessesUnreachable: z.array(z.string()),
  })
  .meta({ id: 'AuditVerification' });

/** One audit event as auditors list it (unsealed events have no position or hashes yet). */
export const auditEventSchema = z
  .object({
    position: z.number().nullable(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorRole: z.string().nullable(),
    actorCountry: z.string().nullable(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string().nullable(),
    subjectCountry: z.string().nullable(),
    fields: z.array(z.string()),
    purpose: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    prevHash: z.string().nullable(),
    hash: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
