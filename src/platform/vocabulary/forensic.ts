import countries from 'i18n-iso-countries';
import { z } from 'zod';

/** Sex as recorded (AM) or estimated (PM). */
export const SEXES = ['female', 'male', 'unknown'] as const;
export const sex = z.enum(SEXES);

/** Latitude/longitude in decimal degrees (WGS 84). */
export const coordinates = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type Coordinates = z.infer<typeof coordinates>;

/** A numeric range {min, max} within bounds, min ≤ max (ages in years, stature in cm, weight in kg). */
export function numericRange(lowest: number, highest: number) {
  return z
    .strictObject({
      min: z.number().min(lowest).max(highest),
      max: z.number().min(lowest).max(highest),
    })
    .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['max'] });
}
export type NumericRange = { min: number; max: number };

/** Age in years (0–120). */
export const ageRange = numericRange(0, 120);
/** Stature in centimetres (30–250). */
export const statureRange = numericRange(30, 250);
/** Weight in kilograms (1–300). */
export const weightRange = numericRange(1, 300);

/** Kinds of distinguishing mark (INTERPOL DVI forms, "particular features"). */
export const MARK_KINDS = [
  'tattoo',
  'scar',
  'birthmark',
  'piercing',
  'amputation',
  'deformity',
  'mole',
  'other',
] as const;

/** Body regions for marks, implants and findings. */
export const BODY_LOCATIONS = [
  'head',
  'face',
  'neck',
  'chest',
  'abdomen',
  'back',
  'pelvis',
  'left_arm',
  'right_arm',
  'left_hand',
  'right_hand',
  'left_leg',
  'right_leg',
  'left_foot',
  'right_foot',
  'other',
] as const;

/** A distinguishing mark: kind, where on the body, and a free description. */
export const mark = z.strictObject({
  kind: z.enum(MARK_KINDS),
  bodyLocation: z.enum(BODY_LOCATIONS),
  description: z.string().trim().max(1000).default(''),
});
export type Mark = z.infer<typeof mark>;

/** FDI two-digit tooth notation: permanent 11–48, deciduous 51–85. */
export const fdiTooth = z
  .string()
  .regex(/^(?:[1-4][1-8]|[5-8][1-5])$/, 'must be an FDI tooth number (11–48, 51–85)');

/** What is known of one tooth. */
export const DENTAL_STATES = [
  'present',
  'missing',
  'missing_post_mortem',
  'filled',
  'crown',
  'bridge',
  'implant',
  'root_canal',
  'caries',
  'fractured',
  'other',
] as const;

/** A dental record entry (FDI tooth, state, note). */
export const dentalEntry = z.strictObject({
  tooth: fdiTooth,
  state: z.enum(DENTAL_STATES),
  note: z.string().trim().max(500).default(''),
});
export type DentalEntry = z.infer<typeof dentalEntry>;

/** A medical implant or device; serial numbers are near-certain identifiers. */
export const implant = z.strictObject({
  kind: z.string().trim().min(1).max(100),
  bodyLocation: z.enum(BODY_LOCATIONS).optional(),
  manufacturer: z.string().trim().max(200).optional(),
  serialNumber: z.string().trim().max(100).optional(),
});
export type Implant = z.infer<typeof implant>;

/** Categories of personal effects and clothing. */
export const EFFECT_CATEGORIES = [
  'clothing',
  'footwear',
  'jewellery',
  'document',
  'phone',
  'religious_item',
  'bag',
  'other',
] as const;

/** An item of clothing or a personal effect. */
export const effect = z.strictObject({
  category: z.enum(EFFECT_CATEGORIES),
  description: z.string().trim().min(1).max(1000),
  colour: z.string().trim().max(100).optional(),
  brand: z.string().trim().max(100).optional(),
});
export type Effect = z.infer<typeof effect>;

/** ISO 3166-1 alpha-2 country code. */
export const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
  .refine((c) => countries.isValid(c), 'must be an assigned ISO 3166-1 alpha-2 code');

/** ISO 639 language code (two or three letters). */
export const language = z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code');
