// The caseworker's ante-mortem intake (INTERPOL DVI AM sections) as flat form steps, and how a
// step's answers become the report's sections. Every step is checked with the reports feature's
// own section schemas, so the console accepts exactly what POST /api/v1/reports accepts.
import { z } from 'zod';
import { BODY_LOCATIONS, MARK_KINDS } from '../../platform/vocabulary/index.js';
import {
  CONSENT_PURPOSES,
  consentInput,
  createReportBody,
  descriptionSection,
  disappearanceSection,
  familyDnaSample,
  flagsSection,
  medicalSection,
  personSection,
  relativeInput,
  reportLegalBasis,
} from '../reports/index.js';
import { INTAKE_SECTIONS, type Answers } from './staff.intake.sections.js';

/** How one answer is asked. */
export interface IntakeField {
  name: string;
  kind: 'text' | 'textarea' | 'date' | 'number' | 'select' | 'country' | 'checks' | 'radio';
  options?: readonly string[];
  required?: boolean;
  hint?: boolean;
}

const DOC_KINDS = ['passport', 'national_id', 'residence_permit', 'birth_certificate'];
const RELATIONS = ['mother', 'father', 'sibling', 'child', 'spouse', 'grandparent', 'other'];
/** The vulnerability flags the family step asks about. */
export const INTAKE_FLAGS = [
  'unaccompaniedChild',
  'separatedChild',
  'pregnant',
  'disability',
] as const;
const yesNo = ['granted', 'refused'] as const;

/** One intake step (INTERPOL AM sections, then the family and their consent). */
export type IntakeStep =
  'person' | 'disappearance' | 'description' | 'medical' | 'dna' | 'family' | 'consent';

/** The steps in order, each with its fields (labels: `staff.f.<name>`). */
export const INTAKE_STEPS: Record<IntakeStep, readonly IntakeField[]> = {
  person: [
    { name: 'givenName', kind: 'text', required: true },
    { name: 'familyName', kind: 'text' },
    { name: 'nativeName', kind: 'text', hint: true },
    { name: 'sex', kind: 'radio', options: ['female', 'male', 'unknown'] },
    { name: 'dateOfBirth', kind: 'text', hint: true },
    { name: 'ageMin', kind: 'number' },
    { name: 'ageMax', kind: 'number' },
    { name: 'nationality', kind: 'country' },
    { name: 'placeOfBirth', kind: 'text' },
    { name: 'languages', kind: 'text', hint: true },
    { name: 'documentKind', kind: 'select', options: ['', ...DOC_KINDS] },
    { name: 'documentNumber', kind: 'text' },
    { name: 'documentCountry', kind: 'country' },
  ],
  disappearance: [
    { name: 'lastSeenDate', kind: 'text', required: true, hint: true },
    { name: 'lastSeenPlace', kind: 'text', required: true },
    { name: 'lastSeenCountry', kind: 'country', required: true },
    { name: 'route', kind: 'text' },
    { name: 'circumstances', kind: 'textarea' },
  ],
  description: [
    { name: 'heightMin', kind: 'number' },
    { name: 'heightMax', kind: 'number' },
    { name: 'weightMin', kind: 'number' },
    { name: 'weightMax', kind: 'number' },
    { name: 'build', kind: 'select', options: ['', 'slim', 'medium', 'heavy', 'unknown'] },
    { name: 'hair', kind: 'text' },
    { name: 'eyes', kind: 'text' },
    { name: 'markKind', kind: 'select', options: ['', ...MARK_KINDS] },
    { name: 'markLocation', kind: 'select', options: ['', ...BODY_LOCATIONS] },
    { name: 'markDescription', kind: 'text' },
    { name: 'clothing', kind: 'textarea', hint: true },
    { name: 'belongings', kind: 'textarea', hint: true },
  ],
  medical: [
    { name: 'dental', kind: 'textarea', hint: true },
    { name: 'dentalNotes', kind: 'textarea' },
    { name: 'fractureLocation', kind: 'select', options: ['', ...BODY_LOCATIONS] },
    { name: 'fractureDescription', kind: 'text' },
    { name: 'surgery', kind: 'textarea', hint: true },
    { name: 'implantKind', kind: 'text' },
    { name: 'implantSerial', kind: 'text' },
    { name: 'history', kind: 'textarea' },
  ],
  dna: [
    { name: 'dnaRelationship', kind: 'select', options: ['', ...RELATIONS] },
    { name: 'dnaLaboratory', kind: 'text' },
    { name: 'dnaReference', kind: 'text' },
    { name: 'dnaCollectedOn', kind: 'text', hint: true },
  ],
  family: [
    { name: 'relativeName', kind: 'text', required: true },
    { name: 'relationship', kind: 'text', required: true },
    { name: 'phone', kind: 'text' },
    { name: 'email', kind: 'text' },
    { name: 'address', kind: 'textarea' },
    { name: 'preferredLanguage', kind: 'select', options: ['ar', 'en', 'fr', 'it', 'es', 'ti'] },
    { name: 'flags', kind: 'checks', options: INTAKE_FLAGS },
  ],
  consent: [
    { name: 'present', kind: 'textarea', required: true, hint: true },
    { name: 'explained', kind: 'checks', options: CONSENT_PURPOSES },
    ...CONSENT_PURPOSES.map((p): IntakeField => ({ name: p, kind: 'radio', options: yesNo })),
    { name: 'givenBy', kind: 'text', required: true, hint: true },
    {
      name: 'legalBasis',
      kind: 'select',
      options: ['consent', 'vital_interest', 'public_interest', 'legal_obligation'],
    },
  ],
};
/** The steps in order. */
export const INTAKE_ORDER = Object.keys(INTAKE_STEPS) as IntakeStep[];

/** The report schemas each step's sections are checked with. */
const SCHEMA: Record<IntakeStep, z.ZodType> = {
  person: z.strictObject({ person: personSection }),
  disappearance: z.strictObject({ disappearance: disappearanceSection }),
  description: z.strictObject({ description: descriptionSection }),
  medical: z.strictObject({ medical: medicalSection }),
  dna: z.strictObject({ dnaSamples: z.array(familyDnaSample) }),
  family: z.strictObject({ relatives: z.array(relativeInput).min(1), flags: flagsSection }),
  consent: z
    .strictObject({
      consent: consentInput.extend({
        present: z.string().trim().min(1).max(1000),
        givenBy: z.string().trim().min(1).max(200),
      }),
      legalBasis: reportLegalBasis,
    })
    .superRefine((x, ctx) => {
      // Consent is only informed when its purpose was explained to the family first.
      for (const p of CONSENT_PURPOSES) {
        if (x.consent[p] === 'granted' && !x.consent.explained?.includes(p)) {
          ctx.addIssue({ code: 'custom', path: ['consent', 'explained'], message: 'unexplained' });
        }
      }
      if (x.legalBasis === 'consent' && x.consent.domesticSearch !== 'granted') {
        ctx.addIssue({ code: 'custom', path: ['consent', 'domesticSearch'], message: 'needed' });
      }
    }),
};

/** A field's error key: the step's own messages, else the generic invalid/required ones. */
function messageKey(issue: z.core.$ZodIssue): string {
  if (issue.message === 'unexplained') {
    return 'staff.intake.error.unexplained';
  }
  if (issue.message === 'needed') {
    return 'staff.intake.error.consentNeeded';
  }
  return issue.code === 'too_small' || issue.code === 'invalid_type'
    ? 'form.error.required'
    : 'form.error.invalid';
}

/**
 * Checks one step's answers with the report schemas: the sections, or each failing form field
 * with the key of its message (and the schema's own words, kept for the tooltip-free detail).
 */
export function checkStep(
  step: IntakeStep,
  d: Answers,
):
  | { ok: true; value: object }
  | { ok: false; errors: Record<string, { key: string; detail: string }> } {
  const built = INTAKE_SECTIONS[step](d);
  const parsed = SCHEMA[step].safeParse(built.value);
  if (parsed.success) {
    return { ok: true, value: parsed.data as object };
  }
  const errors: Record<string, { key: string; detail: string }> = {};
  const prefixes = Object.keys(built.fields).sort((a, b) => b.length - a.length);
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    const hit = prefixes.find((p) => path === p || path.startsWith(`${p}.`));
    const name = hit ? built.fields[hit]! : INTAKE_STEPS[step][0]!.name;
    errors[name] ??= { key: messageKey(issue), detail: issue.message };
  }
  return { ok: false, errors };
}

/** The whole draft as the body of a new report (the same schema as the JSON API), or the first failing step. */
export function intakeToReport(d: Answers) {
  const parts: Record<string, unknown> = {};
  for (const step of INTAKE_ORDER) {
    const checked = checkStep(step, d);
    if (!checked.ok) {
      return { ok: false as const, step };
    }
    Object.assign(parts, INTAKE_SECTIONS[step](d).value);
  }
  const body = createReportBody.safeParse(parts);
  return body.success
    ? { ok: true as const, body: body.data }
    : { ok: false as const, step: 'person' as IntakeStep };
}
