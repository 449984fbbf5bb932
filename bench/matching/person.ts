// Synthetic "true" persons for the matching benchmark: what really happened, before anybody
// reports or examines anything. generator.ts derives noisy AM and PM profiles from these.
import type {
  MARK_KINDS,
  BODY_LOCATIONS,
  DENTAL_STATES,
} from '../../src/platform/vocabulary/index.js';
import {
  BRANDS,
  CLOTHES,
  COLOURS,
  FOOTWEAR,
  IMPLANT_KINDS,
  JEWELLERY,
  OTHER_MARKS,
  RELIGIOUS,
  ROUTES,
  SCAR_CAUSES,
  TATTOO_MOTIFS,
  type Rng,
  type Route,
} from './vocab.js';

type MarkKind = (typeof MARK_KINDS)[number];
type BodyLocation = (typeof BODY_LOCATIONS)[number];
type DentalState = (typeof DENTAL_STATES)[number];

/** A true mark: kind, location and the concept (phrasings) it shows. */
export interface TrueMark {
  kind: MarkKind;
  location: BodyLocation;
  phrasings: string[];
}
/** A true item worn or carried. */
export interface TrueItem {
  category: 'clothing' | 'footwear' | 'jewellery' | 'religious_item' | 'phone' | 'document';
  phrasings: string[];
  colour: string[] | undefined;
  brand: string | undefined;
}
/** An incident: a shipwreck or desert event shared by several persons. */
export interface Incident {
  id: string;
  route: Route;
  day: number;
  lat: number;
  lon: number;
}
/** One person as they really were. */
export interface TruePerson {
  sex: 'male' | 'female';
  age: number;
  stature: number;
  route: Route;
  incident: Incident | undefined;
  /** Day number of death and where; the last sighting precedes it. */
  deathDay: number;
  deathLat: number;
  deathLon: number;
  lastSeenDay: number;
  lastSeenLat: number;
  lastSeenLon: number;
  marks: TrueMark[];
  /** Dental chart at death (tooth → state) and the older chart a dentist may have recorded. */
  teeth: Map<string, DentalState>;
  oldTeeth: Map<string, DentalState>;
  implant: { kind: string; serial: string } | undefined;
  items: TrueItem[];
}

export const FIRST_DAY = Date.UTC(2019, 0, 1) / 86_400_000;
export const LAST_DAY = Date.UTC(2025, 5, 30) / 86_400_000;
const LOCATIONS: BodyLocation[] = [
  'face',
  'neck',
  'chest',
  'abdomen',
  'back',
  'left_arm',
  'right_arm',
  'left_hand',
  'right_hand',
  'left_leg',
  'right_leg',
];
const PERMANENT_TEETH = [
  11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33, 34, 35, 36, 37, 38,
  41, 42, 43, 44, 45, 46, 47, 48,
].map(String);

/** Moves a point by a distance in km in a random direction (small-distance approximation). */
export function jitter(rng: Rng, lat: number, lon: number, km: number): [number, number] {
  const angle = rng.uniform(0, 2 * Math.PI);
  const dLat = (km * Math.cos(angle)) / 111;
  const dLon = (km * Math.sin(angle)) / (111 * Math.cos((lat * Math.PI) / 180));
  return [Math.max(-89, Math.min(89, lat + dLat)), ((lon + dLon + 540) % 360) - 180];
}

/** Makes the incidents of a data set. */
export function makeIncidents(rng: Rng, count: number): Incident[] {
  return Array.from({ length: count }, (_, i) => {
    const route = rng.weighted(ROUTES.map((r) => [r, r.weight] as const));
    return {
      id: `inc-${i}`,
      route,
      day: rng.int(FIRST_DAY, LAST_DAY - 30),
      lat: rng.uniform(route.lat[0], route.lat[1]),
      lon: rng.uniform(route.lon[0], route.lon[1]),
    };
  });
}

function makeMark(rng: Rng): TrueMark {
  const kind = rng.weighted<MarkKind>([
    ['tattoo', 30],
    ['scar', 35],
    ['birthmark', 10],
    ['mole', 10],
    ['piercing', 5],
    ['amputation', 2],
    ['deformity', 3],
    ['other', 5],
  ]);
  let phrasings: string[];
  if (kind === 'tattoo') {
    phrasings = rng.pick(TATTOO_MOTIFS);
  } else if (kind === 'scar') {
    phrasings = rng.pick(SCAR_CAUSES);
  } else {
    phrasings = rng.pick(OTHER_MARKS);
  }
  const location =
    kind === 'amputation'
      ? rng.pick<BodyLocation>(['left_hand', 'right_hand', 'left_foot', 'right_foot'])
      : rng.pick(LOCATIONS);
  return { kind, location, phrasings };
}

function makeItem(rng: Rng): TrueItem {
  const category = rng.weighted<TrueItem['category']>([
    ['clothing', 50],
    ['footwear', 20],
    ['jewellery', 12],
    ['religious_item', 6],
    ['phone', 8],
    ['document', 4],
  ]);
  const brand = rng.chance(0.3) ? rng.pick(BRANDS) : undefined;
  switch (category) {
    case 'clothing':
      return { category, phrasings: rng.pick(CLOTHES), colour: rng.pick(COLOURS), brand };
    case 'footwear':
      return { category, phrasings: rng.pick(FOOTWEAR), colour: rng.pick(COLOURS), brand };
    case 'jewellery':
      return { category, phrasings: rng.pick(JEWELLERY), colour: undefined, brand: undefined };
    case 'religious_item':
      return { category, phrasings: rng.pick(RELIGIOUS), colour: undefined, brand: undefined };
    case 'phone':
      return {
        category,
        phrasings: ['mobile phone', 'phone', 'smartphone'],
        colour: rng.pick(COLOURS),
        brand: rng.pick(BRANDS.slice(3, 6)),
      };
    case 'document':
      return {
        category,
        phrasings: [`identity card ${rng.int(100000, 999999)}`],
        colour: undefined,
        brand: undefined,
      };
  }
}

function makeTeeth(rng: Rng): {
  teeth: Map<string, DentalState>;
  oldTeeth: Map<string, DentalState>;
} {
  const oldTeeth = new Map<string, DentalState>();
  for (const t of PERMANENT_TEETH) {
    oldTeeth.set(
      t,
      rng.weighted<DentalState>([
        ['present', 86],
        ['filled', 6],
        ['missing', 4],
        ['crown', 1.5],
        ['root_canal', 1.5],
        ['caries', 1],
      ]),
    );
  }
  const teeth = new Map(oldTeeth);
  for (const [t, s] of teeth) {
    // Treatment after the ante-mortem record: filled → crown, present → filled, caries → filled.
    if (rng.chance(0.05)) {
      teeth.set(t, s === 'present' || s === 'caries' ? 'filled' : s === 'filled' ? 'crown' : s);
    }
  }
  return { teeth, oldTeeth };
}

/** Makes one true person, inside an incident or travelling alone. */
export function makePerson(rng: Rng, incidents: Incident[]): TruePerson {
  const incident = rng.chance(0.65) ? rng.pick(incidents) : undefined;
  const route = incident?.route ?? rng.weighted(ROUTES.map((r) => [r, r.weight] as const));
  const sex = rng.chance(0.8) ? 'male' : 'female';
  const child = rng.chance(0.06);
  const age = child ? rng.uniform(6, 16) : Math.min(70, 17 + Math.abs(rng.normal(0, 11)));
  const adult = sex === 'male' ? rng.normal(172, 7) : rng.normal(160, 6);
  const stature = child ? adult * (0.6 + 0.025 * age) : adult;
  const deathDay = incident ? incident.day : rng.int(FIRST_DAY, LAST_DAY - 30);
  const [deathLat, deathLon] = incident
    ? jitter(rng, incident.lat, incident.lon, rng.uniform(0, 15))
    : [rng.uniform(route.lat[0], route.lat[1]), rng.uniform(route.lon[0], route.lon[1])];
  const [lastSeenLat, lastSeenLon] = jitter(
    rng,
    deathLat,
    deathLon,
    rng.exponential(route.terrain === 'sea' ? 60 : 40),
  );
  const lastSeenDay = deathDay - Math.round(rng.exponential(route.terrain === 'sea' ? 2 : 10));
  const markCount = rng.weighted([
    [0, 40],
    [1, 35],
    [2, 18],
    [3, 7],
  ] as const);
  const itemCount = rng.int(1, 5);
  return {
    sex,
    age,
    stature,
    route,
    incident,
    deathDay,
    deathLat,
    deathLon,
    lastSeenDay,
    lastSeenLat,
    lastSeenLon,
    marks: Array.from({ length: markCount }, () => makeMark(rng)),
    ...makeTeeth(rng),
    implant: rng.chance(0.02)
      ? { kind: rng.pick(IMPLANT_KINDS), serial: `SN-${rng.int(10000, 99999)}-${rng.int(10, 99)}` }
      : undefined,
    items: Array.from({ length: itemCount }, () => makeItem(rng)),
  };
}
