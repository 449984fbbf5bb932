// Demo post-mortem data (fictional): the remains of a shipwreck off Lampedusa and the custody
// steps each has gone through. Used by remains.seed.ts.
import type { CreateRemainsInput } from '../../src/features/remains/index.js';
import type { AppendCustodyInput } from '../../src/features/custody/index.js';
import { parseFuzzyDate } from '../../src/platform/vocabulary/index.js';

const C = {
  coastGuard: { name: 'Guardia Costiera, Lampedusa', country: 'IT' },
  morgue: { name: 'Istituto di medicina legale, Policlinico di Palermo', country: 'IT' },
  agrigento: { name: 'Comune di Agrigento, servizi cimiteriali', country: 'IT' },
  sciacca: { name: 'Comune di Sciacca, servizi cimiteriali', country: 'IT' },
  tunis: { name: 'Service de médecine légale, Hôpital Charles Nicolle, Tunis', country: 'TN' },
};

/** One custody step, with its time as text. */
export type Step = Omit<AppendCustodyInput, 'occurredAt' | 'documents'> & {
  at: string;
  documents?: AppendCustodyInput['documents'];
};

const untilStored = (day: string, n: number): Step[] => [
  {
    kind: 'recovered',
    at: '2026-08-14T06:30:00Z',
    custodian: C.coastGuard,
    location: {
      name: 'Molo Favarolo, Lampedusa',
      country: 'IT',
      coordinates: { lat: 35.4996, lon: 12.6075 },
    },
    documents: [{ kind: 'recovery report', reference: `GC-LMP-2026-081${n}` }],
  },
  {
    kind: 'transported',
    at: '2026-08-15T09:00:00Z',
    location: { name: 'Porto Empedocle', country: 'IT' },
  },
  {
    kind: 'received_at_morgue',
    at: '2026-08-15T17:00:00Z',
    custodian: C.morgue,
    location: { name: 'Obitorio, Policlinico di Palermo', country: 'IT' },
  },
  {
    kind: 'examined',
    at: `${day}T10:00:00Z`,
    performedBy: 'Équipe medico-legale',
    documents: [{ kind: 'PM form', reference: `PM-PA-2026-04${n}` }],
  },
  {
    kind: 'sample_taken',
    at: `${day}T12:00:00Z`,
    sample: {
      laboratory: 'Laboratorio di genetica forense, Palermo',
      sampleReference: `GEN-2026-30${n}`,
      sampleType: 'bone',
    },
  },
  {
    kind: 'stored',
    at: `${day}T15:00:00Z`,
    location: { name: 'Cella frigorifera 2, Palermo', country: 'IT' },
  },
];

const buried = (
  authority: typeof C.agrigento,
  cemetery: string,
  plot: string,
  code: string,
): Step => ({
  kind: 'buried',
  at: '2026-09-10T09:00:00Z',
  custodian: authority,
  burial: {
    cemetery,
    section: 'Migranti',
    row: '2',
    plot,
    graveMarker: `${code} — sconosciuto, naufragio 14.8.2026`,
  },
  documents: [{ kind: 'burial permit', reference: `PERM-${plot}` }],
});

/** One demo body: its findings, its custody steps and identification. */
export interface Plan {
  key: string;
  remains: (incidentId: string) => CreateRemainsInput;
  steps: (code: string) => Step[];
  statuses?: ('provisionally_identified' | 'identified')[];
  /** Steps taken only once the statuses are set. */
  after?: Step[];
}

const base = (incidentId: string, over: Partial<CreateRemainsInput>): CreateRemainsInput => ({
  kind: 'body',
  recovery: {
    date: parseFuzzyDate('2026-08-14')!,
    place: 'Mare aperto, 9 miglia a sud di Lampedusa',
    coordinates: { lat: 35.36, lon: 12.58 },
    circumstances: 'Recovered at sea after the capsizing of a fibreglass boat',
    agency: 'Guardia Costiera',
    incidentId,
  },
  condition: 'complete',
  marks: [],
  dental: [],
  medicalFindings: [],
  implants: [],
  fingerprints: { taken: true, heldBy: 'Polizia Scientifica, Palermo' },
  dnaSamples: [],
  effects: [],
  documents: [],
  photos: [],
  legalBasis: { kind: 'prosecutor_order', reference: 'Procura di Agrigento, RG 4411/2026' },
  ...over,
});

/** The demo bodies. */
export const PLANS: Plan[] = [
  {
    key: 'a',
    remains: (i) =>
      base(i, {
        sex: 'male',
        age: { min: 18, max: 25 },
        stature: { min: 168, max: 176 },
        hair: 'black, curly',
        marks: [{ kind: 'scar', bodyLocation: 'left_arm', description: 'burn scar on forearm' }],
        effects: [
          {
            category: 'clothing',
            description: 'blue jeans, Levi’s',
            colour: 'blue',
            brand: 'Levi’s',
          },
        ],
        dnaSamples: [
          {
            laboratory: 'Laboratorio di genetica forense, Palermo',
            sampleReference: 'GEN-2026-301',
            sampleType: 'bone',
          },
        ],
      }),
    steps: () => untilStored('2026-08-17', 1),
  },
  {
    key: 'b',
    remains: (i) =>
      base(i, {
        sex: 'female',
        age: { min: 25, max: 35 },
        stature: { min: 155, max: 165 },
        effects: [
          {
            category: 'jewellery',
            description: 'silver ring engraved with initials',
            colour: 'silver',
          },
        ],
        dental: [{ tooth: '36', state: 'filled', note: 'amalgam' }],
      }),
    steps: (code) => [
      ...untilStored('2026-08-18', 2),
      buried(C.agrigento, 'Cimitero di Piano Gatta, Agrigento', '14', code),
    ],
  },
  {
    key: 'c',
    remains: (i) =>
      base(i, {
        condition: 'partial',
        sex: 'unknown',
        age: { min: 8, max: 12 },
        effects: [{ category: 'footwear', description: 'child’s sandals, size 33' }],
      }),
    steps: (code) => [
      ...untilStored('2026-08-18', 3),
      buried(C.sciacca, 'Cimitero comunale di Sciacca', '7', code),
    ],
  },
  {
    key: 'd',
    remains: (i) =>
      base(i, {
        sex: 'male',
        age: { min: 30, max: 40 },
        stature: { min: 175, max: 185 },
        marks: [{ kind: 'tattoo', bodyLocation: 'right_hand', description: 'crescent and star' }],
        documents: [
          {
            kind: 'identity_card',
            issuingCountry: 'TN',
            description: 'water-damaged, partly legible',
          },
        ],
        implants: [
          { kind: 'dental implant', manufacturer: 'Straumann', serialNumber: 'STR-88213' },
        ],
      }),
    steps: (code) => [
      ...untilStored('2026-08-19', 4),
      buried(C.agrigento, 'Cimitero di Piano Gatta, Agrigento', '15', code),
    ],
    statuses: ['provisionally_identified', 'identified'],
    after: [
      {
        kind: 'exhumed',
        at: '2026-10-20T08:00:00Z',
        custodian: C.morgue,
        documents: [{ kind: 'exhumation order', reference: 'PROC-AG-2026-77' }],
      },
      {
        kind: 'transferred',
        at: '2026-10-22T08:00:00Z',
        custodian: C.tunis,
        documents: [{ kind: 'laissez-passer mortuaire', reference: 'LPM-2026-19' }],
      },
      {
        kind: 'repatriated',
        at: '2026-10-22T16:00:00Z',
        custodian: C.tunis,
        location: { name: 'Aéroport Tunis-Carthage', country: 'TN' },
      },
    ],
  },
  {
    key: 'e',
    remains: (i) =>
      base(i, {
        condition: 'skeletal',
        recovery: {
          ...base(i, {}).recovery,
          date: parseFuzzyDate('2026-09')!,
          place: 'Spiaggia dei Conigli, Lampedusa',
          coordinates: { lat: 35.5126, lon: 12.5594 },
          agency: 'Carabinieri',
        },
      }),
    steps: () => [
      {
        kind: 'recovered',
        at: '2026-09-30T07:00:00Z',
        custodian: C.coastGuard,
        location: { name: 'Spiaggia dei Conigli', country: 'IT' },
      },
    ],
  },
];
