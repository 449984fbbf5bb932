import { z } from 'zod';
import { pagination } from '../../platform/http/index.js';

const reason = z.string().trim().min(1).max(2000);

/** Path parameter :id. */
export const idParams = z.object({ id: z.uuid() });

/** Query of the candidate lists. */
export const listCandidatesQuery = pagination.extend({
  /** Also list excluded pairs (hard exclusions not overridden, or excluded by a reviewer). */
  includeExcluded: z.enum(['true', 'false']).default('false'),
});
export type ListCandidatesQuery = z.infer<typeof listCandidatesQuery>;

/** Body of POST /api/v1/matching/search: one report or one remains, matched now. */
export const searchBody = z
  .strictObject({ reportId: z.uuid().optional(), remainsId: z.uuid().optional() })
  .refine((b) => (b.reportId === undefined) !== (b.remainsId === undefined), {
    message: 'give either reportId or remainsId',
    path: ['reportId'],
  });
export type SearchInput = z.infer<typeof searchBody>;

const pair = { reportId: z.uuid(), remainsId: z.uuid() };
const laboratory = z.string().trim().min(1).max(300);
const labReference = z.string().trim().min(1).max(100).optional();

/** Body of POST /api/v1/matching/lab-results: a DNA, fingerprint or dental comparison. */
export const labResultBody = z.discriminatedUnion('kind', [
  z.strictObject({
    ...pair,
    kind: z.literal('dna'),
    method: z.enum(['direct', 'kinship']),
    /** The laboratory's likelihood ratio (same person vs unrelated); 0 means excluded. */
    likelihoodRatio: z.number().min(0).max(1e30),
    /** The family reference sample used (its reference, never a profile). */
    referenceSample: z.string().trim().min(1).max(100).optional(),
    laboratory,
    labReference,
  }),
  z.strictObject({
    ...pair,
    kind: z.enum(['fingerprint', 'dental']),
    outcome: z.enum(['match', 'exclusion', 'inconclusive']),
    laboratory,
    labReference,
  }),
]);
export type LabResultInput = z.infer<typeof labResultBody>;

/** Body of POST /api/v1/matching/overrides. */
export const overrideBody = z.strictObject({
  ...pair,
  rule: z.enum([
    'sex_mismatch',
    'recovered_before_last_seen',
    'age_incompatible',
    'stature_incompatible',
    'lab_exclusion',
    'implant_serial_mismatch',
  ]),
  reason,
});
export type OverrideInput = z.infer<typeof overrideBody>;

/** Primary identifiers (INTERPOL DVI): any of them makes an identification. */
export const PRIMARY_BASIS = ['dna', 'dental', 'fingerprints'] as const;
/** Secondary identifiers: alone they give a provisional identification only. */
export const SECONDARY_BASIS = [
  'marks',
  'medical',
  'implants',
  'effects',
  'documents',
  'circumstances',
] as const;

/** Body of POST /api/v1/matching/candidates/:id/exclude. */
export const excludeBody = z.strictObject({ reason });

/** Body of POST /api/v1/matching/candidates/:id/propose. */
export const proposeBody = z.strictObject({
  basis: z
    .array(z.enum([...PRIMARY_BASIS, ...SECONDARY_BASIS]))
    .min(1)
    .max(9)
    .refine((b) => new Set(b).size === b.length, 'each basis once'),
  note: z.string().trim().max(2000).optional(),
});
export type ProposeInput = z.infer<typeof proposeBody>;
