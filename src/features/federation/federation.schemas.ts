import { z } from 'zod';
import { countryCode } from '../../config/index.js';
import { pagination } from '../../platform/http/index.js';
import { appendCustodyBody } from '../custody/index.js';

/** A record id in the path. */
export const idParams = z.object({ id: z.uuid() });

/** Registering a partner node. */
export const createPeerBody = z.strictObject({
  /** The peer's node id (its `iss`), as published at /.well-known/ariadne-node. */
  nodeId: z.string().min(3).max(200),
  /** Display name. */
  name: z.string().min(1).max(200),
  /** Base URL of the peer (http(s)://host:port). */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** Jurisdictions the peer hosts. */
  jurisdictions: z.array(countryCode).min(1).max(20),
  /** RFC 7638 thumbprint of the peer's signing key, exchanged out of band. */
  pinnedThumbprint: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url SHA-256 thumbprint'),
});
/** Input of createPeer. */
export type CreatePeerInput = z.infer<typeof createPeerBody>;

/** Message kinds, data categories and purposes an agreement may name. */
export const PURPOSES = ['identification', 'tracing', 'family_information', 'operations'] as const;

/** Recording an exchange agreement of the administrator's jurisdiction. */
export const createAgreementBody = z.strictObject({
  /** The identifier both jurisdictions record for this agreement. */
  ref: z.string().regex(/^[A-Za-z0-9._:-]{3,100}$/, 'letters, digits and . _ : - (3–100)'),
  /** The other jurisdiction. */
  partnerJurisdiction: countryCode,
  /** Message kinds allowed to flow (registered kinds). */
  messageKinds: z.array(z.string().min(1).max(60)).min(1).max(50),
  /** Data categories allowed. */
  dataCategories: z.array(z.string().min(1).max(60)).min(1).max(20),
  /** Purposes the data may serve. */
  purposes: z.array(z.enum(PURPOSES)).min(1),
  /** Legal basis (treaty, memorandum, law). */
  legalBasis: z.string().min(3).max(500),
  /** Last day the agreement is in force (YYYY-MM-DD). */
  endsOn: z.iso.date(),
});
/** Input of createAgreement. */
export type CreateAgreementInput = z.infer<typeof createAgreementBody>;

/** Listing cross-border candidates. */
export const listCandidatesQuery = pagination.extend({
  /** Only candidates of this local report or remains. */
  localId: z.uuid().optional(),
});
/** Input of listCandidates. */
export type ListCrossCandidatesQuery = z.infer<typeof listCandidatesQuery>;

/** A message from a node. */
export const messageBody = z.object({
  /** The compact JWS. */
  message: z.string().min(10).max(2_000_000),
});

/** A batch envelope from a node (compact JWS around a JWE of up to 250 messages). */
export const batchBody = z.object({
  /** The compact JWS. */
  message: z.string().min(10).max(4_000_000),
});

/** The receiver's answer to a batch: one result per message. */
export const batchResults = z
  .object({
    results: z.array(
      z.object({
        jti: z.string(),
        ok: z.boolean(),
        replayed: z.boolean().optional(),
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'FederationBatchResults' });

/** Rotating a node key. */
export const rotateBody = z.strictObject({
  /** Which key: the signing key (a new encryption key comes with it) or the encryption key. */
  use: z.enum(['sig', 'enc']),
});

/** Asking for the record behind a cross-border candidate. */
export const disclosureRequestBody = z.strictObject({
  /** Why the record is needed. */
  purpose: z.enum(['identification', 'tracing', 'family_information']),
  /** The practitioner's justification, read by the holding jurisdiction. */
  justification: z.string().min(10).max(2000),
});

/** The holding jurisdiction's decision on a disclosure request. */
export const disclosureDecisionBody = z.strictObject({
  /** Approve (the record is sent encrypted) or refuse. */
  decision: z.enum(['approve', 'refuse']),
  /** The reason, sent to the requester. */
  reason: z.string().min(3).max(2000),
});

/** Identifiers a cross-border identification may rest on (primary ones make it certain). */
export const CROSS_BASIS = [
  'dna',
  'dental',
  'fingerprints',
  'marks',
  'medical',
  'implants',
  'effects',
  'documents',
  'circumstances',
] as const;

/** Proposing a cross-border identification. */
export const proposeCrossBody = z.strictObject({
  /** What the identification rests on (dna, dental or fingerprints make it certain). */
  basis: z
    .array(z.enum(CROSS_BASIS))
    .min(1)
    .max(9)
    .refine((b) => new Set(b).size === b.length, 'each basis once'),
  note: z.string().trim().max(2000).optional(),
});
/** Input of proposeIdentification. */
export type ProposeCrossInput = z.infer<typeof proposeCrossBody>;

/** Recording the repatriation of identified remains (the 'repatriated' custody event). */
export const repatriateBody = z.strictObject({
  occurredAt: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .refine((d) => d.getTime() <= Date.now() + 5 * 60_000, 'must not be in the future'),
  performedBy: z.string().trim().max(300).optional(),
  /** Who answers for the remains on the way (institution and country). */
  custodian: z.strictObject({
    name: z.string().trim().min(1).max(300),
    country: countryCode,
  }),
  location: z
    .strictObject({ name: z.string().trim().min(1).max(500), country: countryCode.optional() })
    .optional(),
  documents: z
    .array(
      z.strictObject({ kind: z.string().min(1).max(100), reference: z.string().min(1).max(200) }),
    )
    .max(20)
    .default([]),
  notes: z.string().trim().max(2000).optional(),
});

/** An event the receiving side appends after the received head (same rules as custody). */
export const crossCustodyEventBody = appendCustodyBody;

/** Routing a report to a contact point of another jurisdiction. */
export const routeCaseBody = z.strictObject({
  reportId: z.uuid(),
  /** The jurisdiction where the family lives. */
  jurisdiction: countryCode,
  /** Why (read by the contact point abroad). */
  reason: z.string().trim().min(3).max(2000),
});
/** Input of routing a case abroad. */
export type RouteCaseInput = z.infer<typeof routeCaseBody>;

/** A witness's record of the asking node's checkpoints (POST /federation/v1/witness, ADR 0160). */
export const witnessRecordSchema = z
  .object({
    /** Countersignatures (JWS by the witness's node key) of the asker's checkpoints. */
    countersignatures: z.array(z.string()),
    /** Checkpoints the witness refused to countersign, and why. */
    refusals: z.array(z.object({ position: z.number(), reason: z.string() })),
  })
  .meta({ id: 'WitnessRecord' });

/** A registered partner node (administrators). */
export const peerSchema = z
  .object({
    id: z.uuid(),
    nodeId: z.string(),
    name: z.string(),
    baseUrl: z.string(),
    jurisdictions: z.array(z.string()),
    pinnedThumbprint: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
    /** On registration: how many of its keys are trusted so far (0 when it was unreachable). */
    trustedKeys: z.number().optional(),
  })
  .meta({ id: 'FederationPeer' });

/** Every registered peer. */
export const peerListSchema = z
  .object({ items: z.array(peerSchema) })
  .meta({ id: 'FederationPeers' });

/** An exchange agreement of one local jurisdiction with a partner. */
export const agreementSchema = z
  .object({
    id: z.uuid(),
    ref: z.string(),
    localJurisdiction: z.string(),
    partnerJurisdiction: z.string(),
    messageKinds: z.array(z.string()),
    dataCategories: z.array(z.string()),
    purposes: z.array(z.string()),
    legalBasis: z.string(),
    endsOn: z.iso.date(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'FederationAgreement' });

/** The agreements of the caller's jurisdiction. */
export const agreementListSchema = z
  .object({ items: z.array(agreementSchema) })
  .meta({ id: 'FederationAgreements' });

/** A rotated node key. */
export const rotatedKeySchema = z
  .object({ kid: z.string(), use: z.enum(['sig', 'enc']) })
  .meta({ id: 'RotatedNodeKey' });

/** Outbox messages per status (pending, sending, sent, failed). */
export const outboxCountsSchema = z
  .object({ counts: z.record(z.string(), z.number()) })
  .meta({ id: 'FederationOutbox' });

/** A cross-border candidate: the local record and only the other side's reference. */
export const crossCandidateSchema = z
  .object({
    id: z.uuid(),
    jurisdiction: z.string(),
    local: z.object({ side: z.enum(['am', 'pm']), id: z.uuid(), ref: z.string() }),
    counterpart: z.object({ jurisdiction: z.string(), node: z.string(), ref: z.string() }),
    score: z.number(),
    excluded: z.boolean(),
    /** Likelihood-ratio parts of the score (as in matching candidates). */
    parts: z.array(z.record(z.string(), z.unknown())),
    exclusions: z.array(z.record(z.string(), z.unknown())),
    status: z.enum(['candidate', 'under_review', 'excluded', 'confirmed']),
    review: z.object({
      proposedBy: z.uuid().nullable(),
      basis: z.array(z.string()).nullable(),
      identification: z.enum(['identified', 'provisional']).nullable(),
      confirmedAt: z.string().nullable(),
    }),
    scoredHere: z.boolean(),
    agreementRef: z.string(),
    updatedAt: z.string(),
    /** On a single candidate: the statuses the other side reported. */
    counterpartStatuses: z
      .array(z.object({ status: z.string(), changedAt: z.string() }))
      .optional(),
  })
  .meta({ id: 'CrossBorderCandidate' });
