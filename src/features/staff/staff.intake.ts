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
const FLAGS = ['unaccompaniedChild', 'separatedChild', 'pregnant', 'disability'] as const;
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
    { name: 'flags', kind: 'checks', options: FLAGS },
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

type Answers = Record<string, string>;
const v = (d: Answers, k: string) => (d[k] ?? '').trim();
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const num = (s: string) => (s === '' ? undefined : Number(s));
const range = (a: string, b: string) =>
  a === '' && b === '' ? undefined : { min: num(a || b), max: num(b || a) };
const list = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

function scriptOf(text: string): string {
  if (/[\u0600-\u06ff]/.test(text)) {
    return 'Arab';
  }
  if (/[\u1200-\u137f]/.test(text)) {
    return 'Ethi';
  }
  return /[^\u0020-\u024f\s'-]/.test(text) ? 'Zyyy' : 'Latn';
}

/** A step's answers as report sections, with the form field each section path comes from. */
const BUILD: Record<IntakeStep, (d: Answers) => { value: object; fields: Record<string, string> }> =
  {
    person: (d) => {
      const latin = [v(d, 'givenName'), v(d, 'familyName')].filter(Boolean).join(' ');
      const names = [{ kind: 'given', value: v(d, 'givenName'), script: 'Latn' }];
      const fields: Record<string, string> = { 'person.names.0': 'givenName' };
      if (v(d, 'familyName')) {
        fields[`person.names.${names.length}`] = 'familyName';
        names.push({ kind: 'family', value: v(d, 'familyName'), script: 'Latn' });
      }
      if (v(d, 'nativeName')) {
        const native = v(d, 'nativeName');
        fields[`person.names.${names.length}`] = 'nativeName';
        names.push({ kind: 'other', value: native, script: scriptOf(native), latin } as never);
      }
      const doc = v(d, 'documentKind');
      return {
        value: {
          person: {
            names,
            sex: v(d, 'sex') || 'unknown',
            ...(v(d, 'dateOfBirth') ? { dateOfBirth: v(d, 'dateOfBirth') } : {}),
            ...(range(v(d, 'ageMin'), v(d, 'ageMax'))
              ? { ageEstimate: range(v(d, 'ageMin'), v(d, 'ageMax')) }
              : {}),
            nationalities: v(d, 'nationality') ? [v(d, 'nationality')] : [],
            ...(v(d, 'placeOfBirth') ? { placeOfBirth: { place: v(d, 'placeOfBirth') } } : {}),
            languages: list(v(d, 'languages')),
            documents: doc
              ? [
                  {
                    kind: doc,
                    ...(v(d, 'documentNumber') ? { number: v(d, 'documentNumber') } : {}),
                    ...(v(d, 'documentCountry') ? { issuingCountry: v(d, 'documentCountry') } : {}),
                  },
                ]
              : [],
          },
        },
        fields: {
          ...fields,
          'person.names': 'givenName',
          'person.sex': 'sex',
          'person.dateOfBirth': 'dateOfBirth',
          'person.ageEstimate.max': 'ageMax',
          'person.ageEstimate': 'ageMin',
          'person.nationalities': 'nationality',
          'person.placeOfBirth': 'placeOfBirth',
          'person.languages': 'languages',
          'person.documents.0.number': 'documentNumber',
          'person.documents.0.issuingCountry': 'documentCountry',
          'person.documents': 'documentKind',
        },
      };
    },
    disappearance: (d) => ({
      value: {
        disappearance: {
          lastSeenDate: v(d, 'lastSeenDate'),
          lastSeenPlace: v(d, 'lastSeenPlace'),
          lastSeenCountry: v(d, 'lastSeenCountry'),
          ...(v(d, 'route') ? { route: v(d, 'route') } : {}),
          circumstances: v(d, 'circumstances'),
        },
      },
      fields: Object.fromEntries(
        ['lastSeenDate', 'lastSeenPlace', 'lastSeenCountry', 'route', 'circumstances'].map((k) => [
          `disappearance.${k}`,
          k,
        ]),
      ),
    }),
    description: (d) => {
      const mark = v(d, 'markKind') || v(d, 'markLocation') || v(d, 'markDescription');
      return {
        value: {
          description: {
            ...(range(v(d, 'heightMin'), v(d, 'heightMax'))
              ? { height: range(v(d, 'heightMin'), v(d, 'heightMax')) }
              : {}),
            ...(range(v(d, 'weightMin'), v(d, 'weightMax'))
              ? { weight: range(v(d, 'weightMin'), v(d, 'weightMax')) }
              : {}),
            ...(v(d, 'build') ? { build: v(d, 'build') } : {}),
            ...(v(d, 'hair') ? { hair: v(d, 'hair') } : {}),
            ...(v(d, 'eyes') ? { eyes: v(d, 'eyes') } : {}),
            marks: mark
              ? [
                  {
                    kind: v(d, 'markKind'),
                    bodyLocation: v(d, 'markLocation'),
                    description: v(d, 'markDescription'),
                  },
                ]
              : [],
            clothing: lines(v(d, 'clothing')).map((l) => ({
              category: 'clothing',
              description: l,
            })),
            belongings: lines(v(d, 'belongings')).map((l) => ({
              category: 'other',
              description: l,
            })),
          },
        },
        fields: {
          'description.height.max': 'heightMax',
          'description.height': 'heightMin',
          'description.weight.max': 'weightMax',
          'description.weight': 'weightMin',
          'description.build': 'build',
          'description.hair': 'hair',
          'description.eyes': 'eyes',
          'description.marks.0.kind': 'markKind',
          'description.marks.0.bodyLocation': 'markLocation',
          'description.marks': 'markDescription',
          'description.clothing': 'clothing',
          'description.belongings': 'belongings',
        },
      };
    },
    medical: (d) => ({
      value: {
        medical: {
          // "11 crown porcelain" → tooth 11, state crown, note "porcelain".
          dental: lines(v(d, 'dental')).map((l) => {
            const [tooth = '', state = '', ...note] = l.split(/\s+/);
            return { tooth, state, note: note.join(' ') };
          }),
          dentalNotes: v(d, 'dentalNotes'),
          fractures: v(d, 'fractureLocation')
            ? [
                {
                  bodyLocation: v(d, 'fractureLocation'),
                  description: v(d, 'fractureDescription'),
                },
              ]
            : [],
          // "2019 appendectomy" → year 2019; a line without a leading year has none.
          surgery: lines(v(d, 'surgery')).map((l) => {
            const m = /^(\d{4})\s+(.+)$/.exec(l);
            return m ? { year: Number(m[1]), description: m[2] } : { description: l };
          }),
          implants: v(d, 'implantKind')
            ? [
                {
                  kind: v(d, 'implantKind'),
                  ...(v(d, 'implantSerial') ? { serialNumber: v(d, 'implantSerial') } : {}),
                },
              ]
            : [],
          history: v(d, 'history'),
        },
      },
      fields: {
        'medical.dental': 'dental',
        'medical.dentalNotes': 'dentalNotes',
        'medical.fractures.0.bodyLocation': 'fractureLocation',
        'medical.fractures': 'fractureDescription',
        'medical.surgery': 'surgery',
        'medical.implants.0.serialNumber': 'implantSerial',
        'medical.implants': 'implantKind',
        'medical.history': 'history',
      },
    }),
    dna: (d) => {
      const any = ['dnaRelationship', 'dnaLaboratory', 'dnaReference', 'dnaCollectedOn'].some((k) =>
        v(d, k),
      );
      return {
        value: {
          dnaSamples: any
            ? [
                {
                  relationship: v(d, 'dnaRelationship'),
                  laboratory: v(d, 'dnaLaboratory'),
                  sampleReference: v(d, 'dnaReference'),
                  collectedOn: v(d, 'dnaCollectedOn'),
                },
              ]
            : [],
        },
        fields: {
          'dnaSamples.0.relationship': 'dnaRelationship',
          'dnaSamples.0.laboratory': 'dnaLaboratory',
          'dnaSamples.0.sampleReference': 'dnaReference',
          'dnaSamples.0.collectedOn': 'dnaCollectedOn',
        },
      };
    },
    family: (d) => {
      const flags = list(v(d, 'flags'));
      return {
        value: {
          relatives: [
            {
              name: v(d, 'relativeName'),
              relationship: v(d, 'relationship'),
              contact: Object.fromEntries(
                (['phone', 'email', 'address'] as const)
                  .filter((k) => v(d, k))
                  .map((k) => [k, v(d, k)]),
              ),
              preferredLanguage: v(d, 'preferredLanguage') || 'en',
              mayContact: true,
            },
          ],
          flags: Object.fromEntries(FLAGS.map((f) => [f, flags.includes(f)])),
        },
        fields: {
          'relatives.0.name': 'relativeName',
          'relatives.0.relationship': 'relationship',
          'relatives.0.contact.phone': 'phone',
          'relatives.0.contact.email': 'email',
          'relatives.0.contact.address': 'address',
          'relatives.0.preferredLanguage': 'preferredLanguage',
          flags: 'flags',
        },
      };
    },
    consent: (d) => ({
      value: {
        consent: {
          ...Object.fromEntries(CONSENT_PURPOSES.map((p) => [p, v(d, p) || 'refused'])),
          givenBy: v(d, 'givenBy'),
          present: v(d, 'present'),
          explained: list(v(d, 'explained')),
        },
        legalBasis: v(d, 'legalBasis') || 'consent',
      },
      fields: {
        ...Object.fromEntries(CONSENT_PURPOSES.map((p) => [`consent.${p}`, p])),
        'consent.givenBy': 'givenBy',
        'consent.present': 'present',
        'consent.explained': 'explained',
        legalBasis: 'legalBasis',
      },
    }),
  };

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
  const built = BUILD[step](d);
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
    Object.assign(parts, BUILD[step](d).value);
  }
  const body = createReportBody.safeParse(parts);
  return body.success
    ? { ok: true as const, body: body.data }
    : { ok: false as const, step: 'person' as IntakeStep };
}
