// How each intake step's flat form answers become the report's sections (and which form field
// each section path comes from, so a schema error names the field the caseworker sees).
import { CONSENT_PURPOSES } from '../reports/index.js';
import { INTAKE_FLAGS, type IntakeStep } from './staff.intake.js';

/** A draft's answers: form field name → value. */
export type Answers = Record<string, string>;
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
export const INTAKE_SECTIONS: Record<
  IntakeStep,
  (d: Answers) => { value: object; fields: Record<string, string> }
> = {
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
        flags: Object.fromEntries(INTAKE_FLAGS.map((f) => [f, flags.includes(f)])),
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
