// The post-mortem registration form (INTERPOL DVI PM sections) as flat fields, turned into the body
// of POST /api/v1/remains and checked with the remains feature's own schema.
import { BODY_LOCATIONS, MARK_KINDS } from '../../platform/vocabulary/index.js';
import { createRemainsBody, REMAINS_LEGAL_BASES } from '../remains/index.js';
import type { IntakeField } from './staff.intake.js';

/** The PM form's groups of fields, in INTERPOL PM order (labels: `staff.f.<name>`). */
export const PM_GROUPS: Record<string, readonly IntakeField[]> = {
  recovery: [
    { name: 'recoveryDate', kind: 'text', required: true, hint: true },
    { name: 'recoveryPlace', kind: 'text', required: true },
    { name: 'recoveryCountry', kind: 'country' },
    { name: 'agency', kind: 'text', required: true },
    { name: 'recoveryCircumstances', kind: 'textarea' },
  ],
  body: [
    { name: 'kind', kind: 'select', options: ['body', 'body_part', 'fragment'] },
    { name: 'bodyPart', kind: 'text' },
    {
      name: 'condition',
      kind: 'select',
      options: ['', 'complete', 'partial', 'skeletal', 'commingled'],
      required: true,
    },
    { name: 'sex', kind: 'radio', options: ['female', 'male', 'unknown'] },
    { name: 'ageMin', kind: 'number' },
    { name: 'ageMax', kind: 'number' },
    { name: 'statureMin', kind: 'number' },
    { name: 'statureMax', kind: 'number' },
    { name: 'hair', kind: 'text' },
    { name: 'eyes', kind: 'text' },
  ],
  findings: [
    { name: 'markKind', kind: 'select', options: ['', ...MARK_KINDS] },
    { name: 'markLocation', kind: 'select', options: ['', ...BODY_LOCATIONS] },
    { name: 'markDescription', kind: 'text' },
    { name: 'dental', kind: 'textarea', hint: true },
    { name: 'findings', kind: 'textarea', hint: true },
    { name: 'implantKind', kind: 'text' },
    { name: 'implantSerial', kind: 'text' },
    { name: 'fingerprintsHeldBy', kind: 'text', hint: true },
    { name: 'sampleLaboratory', kind: 'text' },
    { name: 'sampleReference', kind: 'text' },
    {
      name: 'sampleType',
      kind: 'select',
      options: ['', 'bone', 'tooth', 'tissue', 'blood', 'other'],
    },
    { name: 'effects', kind: 'textarea', hint: true },
    { name: 'notes', kind: 'textarea' },
  ],
  basis: [
    { name: 'basisKind', kind: 'select', options: REMAINS_LEGAL_BASES },
    { name: 'basisReference', kind: 'text' },
  ],
};

/** Every field of the PM form. */
export const PM_FIELDS = Object.values(PM_GROUPS).flat();

const FIELD_OF: Record<string, string> = {
  'recovery.date': 'recoveryDate',
  'recovery.place': 'recoveryPlace',
  'recovery.country': 'recoveryCountry',
  'recovery.agency': 'agency',
  'recovery.circumstances': 'recoveryCircumstances',
  kind: 'kind',
  bodyPart: 'bodyPart',
  condition: 'condition',
  sex: 'sex',
  'age.max': 'ageMax',
  age: 'ageMin',
  'stature.max': 'statureMax',
  stature: 'statureMin',
  hair: 'hair',
  eyes: 'eyes',
  'marks.0.kind': 'markKind',
  'marks.0.bodyLocation': 'markLocation',
  marks: 'markDescription',
  dental: 'dental',
  medicalFindings: 'findings',
  'implants.0.serialNumber': 'implantSerial',
  implants: 'implantKind',
  fingerprints: 'fingerprintsHeldBy',
  'dnaSamples.0.laboratory': 'sampleLaboratory',
  'dnaSamples.0.sampleReference': 'sampleReference',
  'dnaSamples.0.sampleType': 'sampleType',
  effects: 'effects',
  notes: 'notes',
  'legalBasis.kind': 'basisKind',
  legalBasis: 'basisReference',
};

type Answers = Record<string, string>;
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const num = (s: string) => (s === '' ? undefined : Number(s));

/** The PM form's answers as a remains body, or each failing field with its message key. */
export function pmToRemains(d: Answers) {
  const v = (k: string) => (d[k] ?? '').trim();
  const range = (a: string, b: string) =>
    v(a) === '' && v(b) === '' ? undefined : { min: num(v(a) || v(b)), max: num(v(b) || v(a)) };
  const opt = <T>(k: string, val: T) => (v(k) ? { [k]: val } : {});
  const body = {
    kind: v('kind') || 'body',
    ...(v('bodyPart') ? { bodyPart: v('bodyPart') } : {}),
    recovery: {
      date: v('recoveryDate'),
      place: v('recoveryPlace'),
      ...(v('recoveryCountry') ? { country: v('recoveryCountry') } : {}),
      agency: v('agency'),
      ...(v('recoveryCircumstances') ? { circumstances: v('recoveryCircumstances') } : {}),
    },
    condition: v('condition'),
    ...(v('sex') ? { sex: v('sex') } : {}),
    ...(range('ageMin', 'ageMax') ? { age: range('ageMin', 'ageMax') } : {}),
    ...(range('statureMin', 'statureMax') ? { stature: range('statureMin', 'statureMax') } : {}),
    ...opt('hair', v('hair')),
    ...opt('eyes', v('eyes')),
    marks:
      v('markKind') || v('markLocation') || v('markDescription')
        ? [
            {
              kind: v('markKind'),
              bodyLocation: v('markLocation'),
              description: v('markDescription'),
            },
          ]
        : [],
    // "36 filled amalgam" → tooth 36, state filled, note "amalgam".
    dental: lines(v('dental')).map((l) => {
      const [tooth = '', state = '', ...note] = l.split(/\s+/);
      return { tooth, state, note: note.join(' ') };
    }),
    medicalFindings: lines(v('findings')),
    implants: v('implantKind')
      ? [
          {
            kind: v('implantKind'),
            ...(v('implantSerial') ? { serialNumber: v('implantSerial') } : {}),
          },
        ]
      : [],
    fingerprints: v('fingerprintsHeldBy')
      ? { taken: true, heldBy: v('fingerprintsHeldBy') }
      : { taken: false },
    dnaSamples:
      v('sampleLaboratory') || v('sampleReference')
        ? [
            {
              laboratory: v('sampleLaboratory'),
              sampleReference: v('sampleReference'),
              ...(v('sampleType') ? { sampleType: v('sampleType') } : {}),
            },
          ]
        : [],
    effects: lines(v('effects')).map((l) => ({ category: 'other', description: l })),
    ...(v('notes') ? { notes: v('notes') } : {}),
    legalBasis: { kind: v('basisKind') || 'public_health_law', reference: v('basisReference') },
  };
  const parsed = createRemainsBody.safeParse(body);
  if (parsed.success) {
    return { ok: true as const, body: parsed.data };
  }
  const prefixes = Object.keys(FIELD_OF).sort((a, b) => b.length - a.length);
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    const hit = prefixes.find((p) => path === p || path.startsWith(`${p}.`));
    errors[hit ? FIELD_OF[hit]! : 'recoveryDate'] ??=
      issue.code === 'too_small' || issue.code === 'invalid_type'
        ? 'form.error.required'
        : 'form.error.invalid';
  }
  return { ok: false as const, errors };
}
