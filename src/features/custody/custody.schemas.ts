import { z } from 'zod';
import { coordinates, country } from '../../platform/vocabulary/index.js';
import { CUSTODY_EVENT_KINDS, type CustodyEventKind } from './custody.states.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Who answers for the remains after an event: an institution (or the family at handover). */
export const custodian = z.strictObject({
  name: text(300),
  /** The organisation on this node, when it is one. */
  organisationId: z.uuid().optional(),
  country,
});

/** Where an event took place or where the remains went. */
export const place = z.strictObject({
  name: text(500),
  country: country.optional(),
  coordinates: coordinates.optional(),
});

/** A burial: cemetery, section, row, plot, grave marker text and position. */
export const burial = z.strictObject({
  cemetery: text(300),
  section: z.string().trim().max(50).optional(),
  row: z.string().trim().max(50).optional(),
  plot: text(50),
  /** Text on the grave marker (the remains code must appear on it). */
  graveMarker: text(500),
  coordinates: coordinates.optional(),
});

/** A sample taken for DNA or other analysis. */
export const sample = z.strictObject({
  laboratory: text(300),
  sampleReference: text(100),
  sampleType: z.enum(['bone', 'tooth', 'tissue', 'blood', 'other']),
});

/** A document reference (police report, burial permit, transfer order, handover record). */
export const documentRef = z.strictObject({
  kind: text(100),
  reference: text(200),
});

/** What each kind of event must state, beyond the common fields. */
const REQUIRED: Partial<
  Record<CustodyEventKind, ('custodian' | 'location' | 'burial' | 'sample')[]>
> = {
  recovered: ['custodian', 'location'],
  received_at_morgue: ['custodian', 'location'],
  stored: ['location'],
  buried: ['custodian', 'burial'],
  exhumed: ['custodian'],
  transferred: ['custodian'],
  repatriated: ['custodian'],
  handed_over: ['custodian'],
  sample_taken: ['sample'],
};

/** Body of POST /api/v1/remains/:id/custody. */
export const appendCustodyBody = z
  .strictObject({
    kind: z.enum(CUSTODY_EVENT_KINDS),
    /** When it happened (ISO 8601 date-time with offset); not in the future. */
    occurredAt: z.iso
      .datetime({ offset: true })
      .transform((s) => new Date(s))
      .refine((d) => d.getTime() <= Date.now() + 5 * 60_000, 'must not be in the future'),
    /** Who did it (team, officer), as written on the paperwork. */
    performedBy: z.string().trim().max(300).optional(),
    /** Who answers for the remains afterwards (institution and country). */
    custodian: custodian.optional(),
    /** Where it happened / where the remains are now. */
    location: place.optional(),
    /** For burials. */
    burial: burial.optional(),
    /** For samples taken. */
    sample: sample.optional(),
    /** Documents behind the event. */
    documents: z.array(documentRef).max(20).default([]),
    notes: z.string().trim().max(2000).optional(),
  })
  .superRefine((body, ctx) => {
    for (const field of REQUIRED[body.kind] ?? []) {
      if (body[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `required for ${body.kind}` });
      }
    }
    if (body.burial && body.kind !== 'buried') {
      ctx.addIssue({ code: 'custom', path: ['burial'], message: 'only for buried' });
    }
    if (body.sample && body.kind !== 'sample_taken') {
      ctx.addIssue({ code: 'custom', path: ['sample'], message: 'only for sample_taken' });
    }
  });
export type AppendCustodyInput = z.infer<typeof appendCustodyBody>;

/** Path parameter :id of the remains. */
export const custodyParams = z.object({ id: z.uuid() });

/** Query of GET /api/v1/burial-register. */
export const burialRegisterQuery = z.object({
  /** Cemetery name exactly as recorded in burial events. */
  cemetery: text(300),
  /** json (default) or csv. */
  format: z.enum(['json', 'csv']).default('json'),
  /** Lines per page, 1–500 (default 100). */
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Lines to skip. */
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type BurialRegisterQuery = z.infer<typeof burialRegisterQuery>;

/** One line of GET /api/v1/burial-register (JSON). */
const burialLine = z.object({
  remainsId: z.uuid(),
  code: z.string(),
  status: z.string(),
  sex: z.string().nullable(),
  age: z.object({ min: z.number(), max: z.number() }).nullable(),
  buriedAt: z.string(),
  section: z.string().nullable(),
  row: z.string().nullable(),
  plot: z.string(),
  graveMarker: z.string(),
  coordinates: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  exhumedAt: z.string().nullable(),
  currentState: z.string(),
});

/** A page of a cemetery's burial register. */
export const burialRegisterSchema = z
  .object({
    cemetery: z.string(),
    generatedAt: z.string(),
    lines: z.array(burialLine),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'BurialRegister' });

/** Whether one remains' custody chain is intact (GET /api/v1/remains/:id/custody/verify). */
export const custodyVerificationSchema = z
  .object({
    remainsId: z.uuid(),
    ok: z.boolean(),
    checked: z.number().int(),
    headHash: z.string(),
    firstBroken: z.object({ position: z.number().int(), reason: z.string() }).optional(),
  })
  .meta({ id: 'CustodyVerification' });

/** A stated JSON object of an event (custodian, place, burial, sample), or null when not stated. */
const statedObject = z.record(z.string(), z.unknown()).nullable();

/** One custody event as the API shows it (sample and notes only with forensic detail). */
export const custodyEventSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    kind: z.string(),
    stateAfter: z.string(),
    occurredAt: z.string(),
    recordedAt: z.string(),
    recordedBy: z.string().nullable(),
    performedBy: z.string().nullable(),
    custodian: statedObject,
    location: statedObject,
    burial: statedObject,
    sample: statedObject.optional(),
    notes: z.string().nullable().optional(),
    documents: z.array(z.record(z.string(), z.unknown())),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'CustodyEvent' });

/** The custody chain of one remains (GET /api/v1/remains/:id/custody). */
export const custodyChainSchema = z
  .object({
    remainsId: z.uuid(),
    code: z.string(),
    state: z.string(),
    events: z.array(custodyEventSchema),
  })
  .meta({ id: 'CustodyChain' });

/** Where remains are now and who answers for them (GET /api/v1/remains/:id/whereabouts). */
export const whereaboutsSchema = z
  .object({
    remainsId: z.uuid(),
    code: z.string(),
    status: z.string(),
    state: z.string(),
    since: z.string().nullable(),
    lastEvent: z.object({ position: z.number().int(), kind: z.string() }).nullable(),
    custodian: statedObject,
    location: statedObject,
    burial: statedObject,
    chainLength: z.number().int(),
    headHash: z.string().nullable(),
  })
  .meta({ id: 'RemainsWhereabouts' });
