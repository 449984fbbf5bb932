// Fictitious records for the forensic sample documents (every name, number and hash is invented).
import { createHash } from 'node:crypto';
import type { CustodyCertificateData } from '../../src/features/documents/index.js';

const fuzzy = (text: string) => ({ text, precision: 'day', earliest: text, latest: text });
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A report as the reports presenter shows it to a forensic practitioner (no relatives). */
export const amReport: Record<string, unknown> = {
  id: '00000000-0000-4000-8000-000000000042',
  caseNumber: 'MP-IT-2026-000042',
  country: 'IT',
  status: 'under_search',
  flags: { unaccompaniedChild: false, separatedChild: false, pregnant: false, disability: false },
  person: {
    names: [
      { kind: 'given', value: 'محمد', script: 'Arab', latin: 'Mohamed' },
      { kind: 'family', value: 'عبد الله', script: 'Arab', latin: 'Abdallah' },
    ],
    sex: 'male',
    dateOfBirth: fuzzy('1998-03-14'),
    nationalities: ['SD'],
    languages: ['ar', 'en'],
    documents: [{ kind: 'passport', number: 'P0000000', issuingCountry: 'SD' }],
  },
  disappearance: {
    lastSeenDate: fuzzy('2026-05-02'),
    lastSeenPlace: 'Zuwara',
    lastSeenCountry: 'LY',
    coordinates: { lat: 32.93, lon: 12.08 },
    route: 'Central Mediterranean',
    circumstances: 'Left by boat at night with about 60 people; the boat did not arrive.',
  },
  description: {
    height: { min: 172, max: 176 },
    build: 'slim',
    hair: 'black, curly',
    eyes: 'brown',
    marks: [{ kind: 'scar', bodyLocation: 'left_forearm', description: 'burn scar, 4 cm' }],
    clothing: [{ category: 'clothing', description: 'blue jeans', colour: 'blue' }],
    belongings: [{ category: 'jewellery', description: 'silver ring with a green stone' }],
  },
  medical: {
    dental: [{ tooth: '11', state: 'crown', note: 'gold crown' }],
    dentalNotes: '',
    fractures: [{ bodyLocation: 'right_leg', description: 'tibia, plated', year: 2019 }],
    surgery: [],
    implants: [{ kind: 'plate', bodyLocation: 'right_leg', serialNumber: 'SN-0000-1' }],
    history: '',
  },
  dnaSamples: [
    {
      relationship: 'mother',
      laboratory: 'ICMP',
      sampleReference: 'REF-0001',
      collectedOn: fuzzy('2026-07-01'),
    },
  ],
  consent: {},
  legalBasis: 'consent',
  createdAt: '2026-05-20T09:00:00.000Z',
};

/** Remains as the remains presenter shows them to a forensic practitioner. */
export const pmRemains: Record<string, unknown> = {
  id: '00000000-0000-4000-8000-000000000118',
  code: 'UR-IT-2026-00118',
  country: 'IT',
  kind: 'body',
  associatedWithId: null,
  bodyPart: null,
  recovery: {
    date: fuzzy('2026-05-04'),
    place: 'Cala Pisana, Lampedusa',
    country: 'IT',
    coordinates: { lat: 35.51, lon: 12.62 },
    circumstances: 'Recovered at sea by a patrol boat',
    agency: 'Coast guard',
  },
  condition: 'complete',
  sex: 'male',
  age: { min: 20, max: 30 },
  stature: { min: 170, max: 178 },
  hair: 'black',
  eyes: null,
  marks: [{ kind: 'scar', bodyLocation: 'left_forearm', description: 'healed burn scar' }],
  dental: [{ tooth: '11', state: 'crown', note: 'gold crown' }],
  medicalFindings: ['healed fracture of the right tibia with plate'],
  implants: [{ kind: 'orthopaedic plate', bodyLocation: 'right_leg', serialNumber: 'SN-0000-1' }],
  fingerprints: { taken: true, heldBy: 'Forensic police' },
  dnaSamples: [
    { laboratory: 'University laboratory', sampleReference: 'LAB-0118', sampleType: 'bone' },
  ],
  effects: [{ category: 'jewellery', description: 'silver ring with a green stone' }],
  documents: [],
  photos: [{ reference: 'evidence://photos/0118-3', caption: 'ring (suitable to show)' }],
  notes: null,
  status: 'unidentified',
  statusChangedAt: null,
};

const chain = [
  {
    kind: 'recovered',
    occurredAt: '2026-05-04T06:10:00Z',
    custodian: { name: 'Coast guard, Lampedusa', country: 'IT' },
    location: { name: 'Lampedusa pier' },
  },
  {
    kind: 'received_at_morgue',
    occurredAt: '2026-05-05T09:30:00Z',
    custodian: { name: 'Institute of legal medicine, Palermo', country: 'IT' },
    location: { name: 'Palermo' },
  },
  {
    kind: 'buried',
    occurredAt: '2026-06-12T10:00:00Z',
    custodian: { name: 'Municipal cemetery services, Agrigento', country: 'IT' },
    burial: {
      cemetery: 'Cemetery of Agrigento',
      section: 'B',
      row: '4',
      plot: '17',
      graveMarker: 'UR-IT-2026-00118',
    },
  },
];

let prev = '0'.repeat(64);
const events = chain.map((e, i) => {
  prev = sha(`${prev}${JSON.stringify(e)}`);
  return {
    position: i + 1,
    kind: e.kind,
    occurredAt: e.occurredAt,
    custodian: e.custodian,
    location: 'location' in e ? e.location : null,
    burial: 'burial' in e ? e.burial : null,
    documents: [],
    hash: prev,
  };
});

/** A custody certificate of buried remains. */
export const certificate: CustodyCertificateData = {
  remainsCode: 'UR-IT-2026-00118',
  country: 'IT',
  status: 'unidentified',
  state: 'buried',
  since: '2026-06-12T10:00:00.000Z',
  custodian: chain[2]!.custodian,
  location: { name: 'Cemetery of Agrigento' },
  burial: chain[2]!.burial,
  events,
  headHash: prev,
  verificationCode: '7K3Q-9XW2-MB4T-RZ8N-C1VD-HJ6P-5G',
  verifyUrl: 'https://ariadne.example/api/v1/verify/7K3Q9XW2MB4TRZ8NC1VDHJ6P5G',
  issuedAt: '2026-11-27T12:00:00.000Z',
};
