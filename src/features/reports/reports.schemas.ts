import { z } from 'zod';
import { pagination } from '../../platform/http/index.js';
import {
  ageRange,
  coordinates,
  country,
  dentalEntry,
  effect,
  fuzzyDate,
  implant,
  language,
  mark,
  sex,
  statureRange,
  weightRange,
  BODY_LOCATIONS,
} from '../../platform/vocabulary/index.js';

/** Lifecycle of a report, in order. */
export const REPORT_STATUSES = [
  'received',
  'under_search',
  'possible_match',
  'located_alive',
  'identified_deceased',
  'closed',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Purposes that need the family's consent (or another legal basis). */
export const CONSENT_PURPOSES = [
  'domesticSearch',
  'forensicSharing',
  'crossBorderMatching',
  'photoPublication',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);

/** A name variant: its kind, script (ISO 15924) and, for non-Latin scripts, a Latin transliteration. */
export const nameVariant = z
  .strictObject({
    kind: z.enum(['given', 'family', 'other', 'nickname', 'patronymic']),
    value: required(200),
    script: z
      .string()
      .regex(/^[A-Z][a-z]{3}$/, 'must be an ISO 15924 script code, e.g. Latn, Arab, Ethi'),
    latin: required(200).optional(),
  })
  .refine((n) => n.script === 'Latn' || n.latin, {
    message: 'a non-Latin name needs its Latin transliteration',
    path: ['latin'],
  });

/** An identity document (the number is personal data, shown to professionals only). */
export const identityDocument = z.strictObject({
  kind: z.enum([
    'passport',
    'national_id',
    'residence_permit',
    'birth_certificate',
    'refugee_card',
    'other',
  ]),
  number: text(100).optional(),
  issuingCountry: country.optional(),
});

/** The missing person. */
export const personSection = z.strictObject({
  /** All known names and their variants (at least one). */
  names: z.array(nameVariant).min(1).max(30),
  sex: sex.default('unknown'),
  /** Date of birth with its precision. */
  dateOfBirth: fuzzyDate.optional(),
  /** Age estimate in years when the date of birth is unknown. */
  ageEstimate: ageRange.optional(),
  nationalities: z.array(country).max(5).default([]),
  placeOfBirth: z.strictObject({ place: text(200), country: country.optional() }).optional(),
  languages: z.array(language).max(10).default([]),
  documents: z.array(identityDocument).max(10).default([]),
});

/** The disappearance. */
export const disappearanceSection = z.strictObject({
  /** Last-seen date: YYYY, YYYY-MM, YYYY-MM-DD or a range. */
  lastSeenDate: fuzzyDate,
  lastSeenPlace: required(300),
  lastSeenCountry: country,
  coordinates: coordinates.optional(),
  /** Migration route, e.g. "Central Mediterranean". */
  route: text(100).optional(),
  circumstances: text(5000).default(''),
  /** A known incident (shipwreck, desert crossing) this disappearance belongs to. */
  incidentId: z.uuid().optional(),
});

/** Physical description, marks, clothing and belongings. */
export const descriptionSection = z.strictObject({
  height: statureRange.optional(),
  weight: weightRange.optional(),
  build: z.enum(['slim', 'medium', 'heavy', 'unknown']).optional(),
  hair: text(200).optional(),
  eyes: text(100).optional(),
  marks: z.array(mark).max(50).default([]),
  clothing: z.array(effect).max(50).default([]),
  belongings: z.array(effect).max(50).default([]),
});

/** Dental and medical data (sensitive). */
export const medicalSection = z.strictObject({
  dental: z.array(dentalEntry).max(52).default([]),
  dentalNotes: text(2000).default(''),
  fractures: z
    .array(
      z.strictObject({
        bodyLocation: z.enum(BODY_LOCATIONS),
        description: text(500),
        year: z.number().int().min(1900).max(2100).optional(),
      }),
    )
    .max(30)
    .default([]),
  surgery: z
    .array(
      z.strictObject({
        description: required(500),
        year: z.number().int().min(1900).max(2100).optional(),
      }),
    )
    .max(30)
    .default([]),
  implants: z.array(implant).max(20).default([]),
  history: text(5000).default(''),
});

/** A family reference DNA sample: where it is, never the profile itself. */
export const dnaSample = z.strictObject({
  relationship: z.enum(['mother', 'father', 'sibling', 'child', 'spouse', 'grandparent', 'other']),
  laboratory: required(200),
  sampleReference: required(100),
  collectedOn: fuzzyDate,
});

/** Report flags. */
export const flagsSection = z.strictObject({
  unaccompaniedChild: z.boolean().default(false),
  separatedChild: z.boolean().default(false),
  pregnant: z.boolean().default(false),
  disability: z.boolean().default(false),
});

/** A reporting relative (contact details are sensitive). */
export const relativeInput = z.strictObject({
  name: required(200),
  relationship: required(50),
  contact: z
    .strictObject({
      phone: text(50).optional(),
      email: z.email().max(254).optional(),
      address: text(500).optional(),
    })
    .default({}),
  preferredLanguage: language.default('en'),
  mayContact: z.boolean().default(true),
});

const consentStatus = z.enum(['granted', 'refused', 'withdrawn']);

/** Consent per purpose, as given by the family. */
export const consentInput = z.strictObject({
  domesticSearch: consentStatus,
  forensicSharing: consentStatus.default('refused'),
  crossBorderMatching: consentStatus.default('refused'),
  photoPublication: consentStatus.default('refused'),
  /** Who gave it (e.g. "mother, at interview"). */
  givenBy: text(200).default(''),
  /** Recorded at an interview: who of the family was present (names, relationships, interpreter). */
  present: text(1000).optional(),
  /** Recorded at an interview: the purposes whose meaning was explained before the family chose. */
  explained: z.array(z.enum(CONSENT_PURPOSES)).max(CONSENT_PURPOSES.length).optional(),
});

/** Legal basis of the processing (ICRC Handbook on Data Protection). */
export const legalBasis = z.enum([
  'consent',
  'vital_interest',
  'public_interest',
  'legal_obligation',
]);

/** Sections a PATCH may replace. */
export const reportSections = {
  person: personSection,
  disappearance: disappearanceSection,
  description: descriptionSection,
  medical: medicalSection,
  dnaSamples: z.array(dnaSample).max(20),
  flags: flagsSection,
  relatives: z.array(relativeInput).max(20),
  consent: consentInput,
  legalBasis,
  internalNotes: text(20000),
};

/** Body of POST /api/v1/reports. */
export const createReportBody = z.strictObject({
  ...reportSections,
  description: descriptionSection.default({ marks: [], clothing: [], belongings: [] }),
  medical: medicalSection.optional(),
  dnaSamples: reportSections.dnaSamples.default([]),
  flags: flagsSection.default({
    unaccompaniedChild: false,
    separatedChild: false,
    pregnant: false,
    disability: false,
  }),
  relatives: reportSections.relatives.default([]),
  legalBasis: legalBasis.default('consent'),
  internalNotes: reportSections.internalNotes.optional(),
  /** Caseworkers: the family account that may follow this report. */
  familyAccountId: z.uuid().optional(),
});
export type CreateReportInput = z.infer<typeof createReportBody>;

/** Body of PATCH /api/v1/reports/:id: whole sections, each optional. */
export const updateReportBody = z.strictObject(reportSections).partial();
export type UpdateReportInput = z.infer<typeof updateReportBody>;

/** Body of POST /api/v1/reports/:id/status. */
export const statusChangeBody = z.strictObject({
  status: z.enum(REPORT_STATUSES),
  /** Why (internal, kept in the timeline). */
  reason: required(2000),
  /** Optional message the family sees with this step. */
  messageToFamily: text(2000).optional(),
});
export type StatusChangeInput = z.infer<typeof statusChangeBody>;

/** Body of POST /api/v1/reports/:id/links. */
export const linkBody = z.strictObject({ reportId: z.uuid(), reason: required(1000) });

/** Body of POST /api/v1/reports/pfif-import. */
export const pfifImportBody = z.strictObject({ xml: z.string().min(1).max(900_000) });

/** Query of GET /api/v1/reports. */
export const listReportsQuery = pagination.extend({
  /** A name in any script or spelling. */
  name: z.string().trim().min(1).max(200).optional(),
  status: z.enum(REPORT_STATUSES).optional(),
  /** Only unaccompanied or separated children. */
  child: z.enum(['true', 'false']).optional(),
  lastSeenFrom: z.iso.date().optional(),
  lastSeenTo: z.iso.date().optional(),
  lastSeenCountry: country.optional(),
  place: z.string().trim().min(1).max(200).optional(),
  route: z.string().trim().min(1).max(100).optional(),
  sex: sex.optional(),
});
export type ListReportsQuery = z.infer<typeof listReportsQuery>;

/** Path parameter :id. */
export const reportIdParams = z.object({ id: z.uuid() });
/** Path parameters :id and :relativeId. */
export const relativeParams = z.object({ id: z.uuid(), relativeId: z.uuid() });
