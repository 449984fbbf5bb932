// Adapters from the stored records of other features to the engine's profiles. Reports (AM) and
// remains (PM) were validated on write by their features' zod schemas, so their sections are
// read here with the types those schemas produce. An empty list is read as "not recorded"
// (the forms default every list to []), so absence never counts against a pair.
import type { z } from 'zod';
import type { Remains } from '../remains/index.js';
import type {
  descriptionSection,
  disappearanceSection,
  medicalSection,
  personSection,
  Report,
} from '../reports/index.js';
import type { AmProfile, PmProfile } from './matching.types.js';

/** What of stored remains the engine reads (the loader selects only these columns). */
export type RemainsFindings = Pick<
  Remains,
  | 'id'
  | 'condition'
  | 'sex'
  | 'age'
  | 'stature'
  | 'recovery'
  | 'marks'
  | 'dental'
  | 'implants'
  | 'effects'
>;

type Person = z.output<typeof personSection>;
type Disappearance = z.output<typeof disappearanceSection>;
type Description = z.output<typeof descriptionSection>;
type Medical = z.output<typeof medicalSection>;

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;

/** A list, or undefined when empty (not recorded). */
function listed<T>(items: T[] | undefined): T[] | undefined {
  return items && items.length > 0 ? items : undefined;
}

/** Route names as codes: "Central Mediterranean" and "central_med…" compare on one form. */
export function routeCode(route: string | null | undefined): string | undefined {
  const code = (route ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_|_$/g, '');
  return code || undefined;
}

function years(fromIso: string, toIso: string): number {
  return (
    (Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS / YEAR_DAYS
  );
}

/** Age when last seen: from the date of birth when known, otherwise the family's estimate. */
export function ageWhenLastSeen(
  person: Pick<Person, 'dateOfBirth' | 'ageEstimate'>,
  lastSeen: { earliest: string; latest: string } | undefined,
): { min: number; max: number } | undefined {
  const dob = person.dateOfBirth;
  if (dob && lastSeen) {
    const min = Math.max(0, Math.floor(years(dob.latest, lastSeen.earliest)));
    const max = Math.max(min, Math.ceil(years(dob.earliest, lastSeen.latest)));
    return { min, max };
  }
  return person.ageEstimate;
}

/** The ante-mortem profile of a stored report. */
export function reportToAm(
  report: Pick<Report, 'id' | 'person' | 'disappearance' | 'description' | 'medical'>,
): AmProfile {
  const person = report.person as unknown as Person;
  const d = report.disappearance as unknown as Disappearance;
  const desc = report.description as unknown as Partial<Description>;
  const med = report.medical as unknown as Partial<Medical>;
  const lastSeen = d.lastSeenDate
    ? { earliest: d.lastSeenDate.earliest, latest: d.lastSeenDate.latest }
    : undefined;
  const effects = [...(desc.clothing ?? []), ...(desc.belongings ?? [])];
  return {
    id: report.id,
    sex: person.sex ?? 'unknown',
    ageRange: ageWhenLastSeen(person, lastSeen),
    statureRange: desc.height,
    lastSeen,
    lastSeenPlace: d.coordinates,
    route: routeCode(d.route),
    incidentId: d.incidentId,
    marks: listed(desc.marks),
    dental: listed(med.dental),
    implants: listed(med.implants),
    effects: listed(effects),
  };
}

/**
 * The post-mortem profile of stored remains. Parts re-associated with them ("is a part of")
 * add their findings; the route comes from the linked incident when there is one.
 */
export function remainsToPm(
  remains: RemainsFindings,
  extra: { parts?: RemainsFindings[]; incidentRoute?: string | null } = {},
): PmProfile {
  const all = [remains, ...(extra.parts ?? [])];
  const collect = <K extends 'marks' | 'dental' | 'implants' | 'effects'>(k: K) =>
    listed(all.flatMap((r) => r[k] as RemainsFindings[K][number][])) as
      RemainsFindings[K] | undefined;
  return {
    id: remains.id,
    condition: remains.condition,
    sex: remains.sex ?? undefined,
    ageRange: remains.age ?? undefined,
    statureRange: remains.stature ?? undefined,
    recovered: { earliest: remains.recovery.date.earliest, latest: remains.recovery.date.latest },
    recoveryPlace: remains.recovery.coordinates,
    route: routeCode(extra.incidentRoute),
    incidentId: remains.recovery.incidentId,
    marks: collect('marks'),
    dental: collect('dental'),
    implants: collect('implants'),
    effects: collect('effects'),
  };
}
