import { z } from 'zod';
import { pagination } from '../../platform/http/index.js';
import {
  BODY_LOCATIONS,
  MARK_KINDS,
  EFFECT_CATEGORIES,
  ageRange,
  coordinates,
  country,
  dentalEntry,
  effect,
  fuzzyDate,
  implant,
  mark,
  sex,
  statureRange,
} from '../../platform/vocabulary/index.js';

/** Identification status, in the order remains usually move through it. */
export const REMAINS_STATUSES = [
  'unidentified',
  'provisionally_identified',
  'identified',
  'handed_over',
  'repatriated',
] as const;
export type RemainsStatus = (typeof REMAINS_STATUSES)[number];

/** Condition of the remains (INTERPOL DVI PM form). */
export const CONDITIONS = ['complete', 'partial', 'skeletal', 'commingled'] as const;
/** A whole body, or a part or fragment registered as its own item (and bag). */
export const REMAINS_KINDS = ['body', 'body_part', 'fragment'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

/** Recovery: when, where and by whom the remains were recovered. */
export const recovery = z.strictObject({
  /** Date of recovery with precision. */
  date: fuzzyDate,
  /** Place in words. */
  place: text(500),
  /** Country of recovery; omitted at sea outside territorial waters. */
  country: country.optional(),
  coordinates: coordinates.optional(),
  /** How the remains were found. */
  circumstances: z.string().trim().max(5000).optional(),
  /** Recovering agency (coast guard, police, fire brigade…). */
  agency: text(300),
  /** Linked incident. */
  incidentId: z.uuid().optional(),
});

/** A DNA sample taken from the remains: which lab holds it and its reference, never a profile. */
export const dnaSample = z.strictObject({
  laboratory: text(300),
  sampleReference: text(100),
  sampleType: z.enum(['bone', 'tooth', 'tissue', 'blood', 'other']).optional(),
});

/** A document found with the body. */
export const foundDocument = z.strictObject({
  kind: z.enum(['passport', 'identity_card', 'residence_permit', 'travel_document', 'other']),
  issuingCountry: country.optional(),
  number: z.string().trim().max(100).optional(),
  description: z.string().trim().max(1000).default(''),
});

/** A photograph, by reference to the evidence store (the image itself is not held here). */
export const photoRef = z.strictObject({
  reference: text(300),
  caption: z.string().trim().max(500).optional(),
});

/** Legal bases under which remains are processed (they travel with the record). */
export const REMAINS_LEGAL_BASES = [
  'prosecutor_order',
  'court_order',
  'public_health_law',
  'medico_legal_mandate',
  'humanitarian_mandate',
] as const;

/** The legal basis of a remains record: its kind and the order or law that grants it. */
export const remainsLegalBasis = z.strictObject({
  kind: z.enum(REMAINS_LEGAL_BASES),
  /** The order's number, or the law and article (e.g. "Proc. Agrigento 123/2024"). */
  reference: z.string().trim().max(300).default(''),
});

/** Every recordable field of a remains record (shared by create and update). */
const remainsFields = {
  /** body, body_part or fragment. */
  kind: z.enum(REMAINS_KINDS),
  /** For parts and fragments: the remains they have been re-associated with. */
  associatedWithId: z.uuid().nullable(),
  /** For parts and fragments: which part. */
  bodyPart: z.string().trim().max(300).nullable(),
  recovery,
  condition: z.enum(CONDITIONS),
  sex: sex.nullable(),
  age: ageRange.nullable(),
  stature: statureRange.nullable(),
  hair: z.string().trim().max(300).nullable(),
  eyes: z.string().trim().max(300).nullable(),
  marks: z.array(mark).max(100),
  dental: z.array(dentalEntry).max(64),
  medicalFindings: z.array(text(1000)).max(100),
  implants: z.array(implant).max(50),
  fingerprints: z.strictObject({
    taken: z.boolean(),
    heldBy: z.string().trim().max(300).optional(),
  }),
  dnaSamples: z.array(dnaSample).max(50),
  effects: z.array(effect).max(200),
  documents: z.array(foundDocument).max(50),
  photos: z.array(photoRef).max(200),
  notes: z.string().trim().max(5000).nullable(),
  legalBasis: remainsLegalBasis,
};

/** Body of POST /api/v1/remains. */
export const createRemainsBody = z.strictObject({
  ...remainsFields,
  kind: remainsFields.kind.default('body'),
  associatedWithId: remainsFields.associatedWithId.optional(),
  bodyPart: remainsFields.bodyPart.optional(),
  sex: remainsFields.sex.optional(),
  age: remainsFields.age.optional(),
  stature: remainsFields.stature.optional(),
  hair: remainsFields.hair.optional(),
  eyes: remainsFields.eyes.optional(),
  marks: remainsFields.marks.default([]),
  dental: remainsFields.dental.default([]),
  medicalFindings: remainsFields.medicalFindings.default([]),
  implants: remainsFields.implants.default([]),
  fingerprints: remainsFields.fingerprints.default({ taken: false }),
  dnaSamples: remainsFields.dnaSamples.default([]),
  effects: remainsFields.effects.default([]),
  documents: remainsFields.documents.default([]),
  photos: remainsFields.photos.default([]),
  notes: remainsFields.notes.optional(),
  /** Defaults to the public health law on dead bodies, the basis of every morgue's register. */
  legalBasis: remainsFields.legalBasis.default({ kind: 'public_health_law', reference: '' }),
});
export type CreateRemainsInput = z.infer<typeof createRemainsBody>;

/** Body of PATCH /api/v1/remains/:id: any field, replaced whole. */
export const updateRemainsBody = z.strictObject(remainsFields).partial();
export type UpdateRemainsInput = z.infer<typeof updateRemainsBody>;

/** Body of POST /api/v1/remains/:id/status. */
export const changeStatusBody = z.strictObject({
  /** unidentified, provisionally_identified or identified (handover and repatriation are custody events). */
  status: z.enum(['unidentified', 'provisionally_identified', 'identified']),
  /** Basis of the decision: DNA report, dental comparison, reference of the decision. */
  basis: text(2000),
});
export type ChangeStatusInput = z.infer<typeof changeStatusBody>;

/** Path parameter :id. */
export const remainsIdParams = z.object({ id: z.uuid() });

const num = z.coerce.number();

/** Query of GET /api/v1/remains (forensic search). */
export const searchRemainsQuery = pagination
  .extend({
    /** Exact remains code. */
    code: z.string().max(40).optional(),
    /** Recovered possibly on or after this day. */
    recoveredFrom: z.iso.date().optional(),
    /** Recovered possibly on or before this day. */
    recoveredTo: z.iso.date().optional(),
    /** Centre and radius (km) of an area of recovery. */
    lat: num.min(-90).max(90).optional(),
    lon: num.min(-180).max(180).optional(),
    radiusKm: num.positive().max(5000).optional(),
    incidentId: z.uuid().optional(),
    sex: sex.optional(),
    /** Age range that must overlap the estimate. */
    ageMin: num.min(0).max(120).optional(),
    ageMax: num.min(0).max(120).optional(),
    /** Stature range (cm) that must overlap the estimate. */
    statureMin: num.min(30).max(250).optional(),
    statureMax: num.min(30).max(250).optional(),
    markKind: z.enum(MARK_KINDS).optional(),
    markLocation: z.enum(BODY_LOCATIONS).optional(),
    effectCategory: z.enum(EFFECT_CATEGORIES).optional(),
    /** Words in an effect's description, colour or brand. */
    effectText: z.string().trim().min(2).max(100).optional(),
    status: z.enum(REMAINS_STATUSES).optional(),
  })
  .refine((q) => (q.lat === undefined) === (q.lon === undefined), {
    message: 'lat and lon go together',
    path: ['lon'],
  })
  .refine((q) => q.radiusKm === undefined || q.lat !== undefined, {
    message: 'radiusKm needs lat and lon',
    path: ['radiusKm'],
  });
export type SearchRemainsQuery = z.infer<typeof searchRemainsQuery>;
