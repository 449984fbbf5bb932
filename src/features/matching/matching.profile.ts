// Profiles prepared once for scoring many pairs: dates as day numbers, coordinates in radians,
// texts as token sets, dental charts as maps. Scoring a pair then allocates nothing.
import { BODY_LOCATIONS, MARK_KINDS } from '../../platform/vocabulary/index.js';
import { normaliseSerial, tokenSet } from './matching.text.js';
import type {
  AmProfile,
  PmProfile,
  ProfileDental,
  RemainsCondition,
  Sex,
} from './matching.types.js';

/** A mark with its kind and location as indices and its description as tokens. */
export interface PreparedMark {
  kind: (typeof MARK_KINDS)[number];
  kindIndex: number;
  location: (typeof BODY_LOCATIONS)[number];
  locationIndex: number;
  tokens: Uint32Array;
}

/** An implant with a normalised kind and serial number. */
export interface PreparedImplant {
  kind: string;
  serial: string;
}

/** An effect with its category, tokens and normalised brand. */
export interface PreparedEffect {
  category: string;
  tokens: Uint32Array;
  brand: string;
  label: string;
}

/** What both sides share once prepared; NaN marks a missing number. */
export interface PreparedCommon {
  id: string;
  sex: Sex;
  ageMin: number;
  ageMax: number;
  statureMin: number;
  statureMax: number;
  /** Day numbers (days since 1970-01-01) of the date's earliest and latest day. */
  dayEarliest: number;
  dayLatest: number;
  /** Radians; NaN when no coordinates. */
  lat: number;
  lon: number;
  route: string | undefined;
  incidentId: string | undefined;
  /** undefined = not recorded (no penalty for absence); [] = looked for, none. */
  marks: PreparedMark[] | undefined;
  dental: Map<string, ProfileDental['state']> | undefined;
  implants: PreparedImplant[] | undefined;
  effects: PreparedEffect[] | undefined;
}

/** A prepared ante-mortem profile. */
export type PreparedAm = PreparedCommon & { side: 'am' };

/** A prepared post-mortem profile, with its condition and whether its sex estimate is certain. */
export type PreparedPm = PreparedCommon & {
  side: 'pm';
  condition: RemainsCondition | undefined;
  sexCertain: boolean;
};

const DAY_MS = 86_400_000;
const RAD = Math.PI / 180;

/** Day number of a YYYY-MM-DD date. */
export function dayNumber(isoDay: string): number {
  return Math.round(Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS);
}

function common(
  p: AmProfile | PmProfile,
  date: AmProfile['lastSeen'],
  place: AmProfile['lastSeenPlace'],
): PreparedCommon {
  return {
    id: p.id,
    sex: p.sex ?? 'unknown',
    ageMin: p.ageRange?.min ?? NaN,
    ageMax: p.ageRange?.max ?? NaN,
    statureMin: p.statureRange?.min ?? NaN,
    statureMax: p.statureRange?.max ?? NaN,
    dayEarliest: date ? dayNumber(date.earliest) : NaN,
    dayLatest: date ? dayNumber(date.latest) : NaN,
    lat: place ? place.lat * RAD : NaN,
    lon: place ? place.lon * RAD : NaN,
    route: p.route || undefined,
    incidentId: p.incidentId || undefined,
    marks: p.marks?.map((m) => ({
      kind: m.kind,
      kindIndex: MARK_KINDS.indexOf(m.kind),
      location: m.bodyLocation,
      locationIndex: BODY_LOCATIONS.indexOf(m.bodyLocation),
      tokens: tokenSet(m.description),
    })),
    dental: p.dental ? new Map(p.dental.map((d) => [d.tooth, d.state])) : undefined,
    implants: p.implants?.map((i) => ({
      kind: i.kind.trim().toLowerCase(),
      serial: normaliseSerial(i.serialNumber),
    })),
    effects: p.effects?.map((e) => ({
      category: e.category,
      tokens: tokenSet(e.description, e.colour, e.brand),
      brand: (e.brand ?? '').trim().toLowerCase(),
      label: e.category,
    })),
  };
}

/** Prepares an ante-mortem profile for scoring. */
export function prepareAm(am: AmProfile): PreparedAm {
  return { ...common(am, am.lastSeen, am.lastSeenPlace), side: 'am' };
}

/** Prepares a post-mortem profile for scoring. */
export function preparePm(pm: PmProfile): PreparedPm {
  const confidence = pm.sexConfidence ?? (pm.condition === 'complete' ? 'certain' : 'probable');
  return {
    ...common(pm, pm.recovered, pm.recoveryPlace),
    side: 'pm',
    condition: pm.condition,
    sexCertain: confidence === 'certain',
  };
}
