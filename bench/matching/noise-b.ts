// Noise profile B of the matching benchmark: a second, independent model of how families and
// examiners err, written down in docs/matching.md ("Noise profile B") before any tuning. It
// differs from profile A in rates and in kinds of error: round ages, stature categories,
// year slips and late dates, departure cities as last-seen places, wrong incident links,
// data-entry sex errors, biased skeletal ages, left/right confusions, wrong tooth numbers.
import type {
  AmProfile,
  PmProfile,
  ProfileDental,
  RemainsCondition,
} from '../../src/features/matching/index.js';
import { describeItem, fuzzyDay, range } from './generator.js';
import { jitter, type TrueMark, type TruePerson } from './person.js';
import type { Rng } from './vocab.js';

const SWAP: Record<string, string> = {
  left_arm: 'right_arm',
  right_arm: 'left_arm',
  left_hand: 'right_hand',
  right_hand: 'left_hand',
  left_leg: 'right_leg',
  right_leg: 'left_leg',
  left_foot: 'right_foot',
  right_foot: 'left_foot',
};

/** A mark as described with profile B's errors: left/right swapped, blank descriptions. */
function describeMarkB(rng: Rng, m: TrueMark, swap: number, blank: number) {
  const location = (
    rng.chance(swap) ? (SWAP[m.location] ?? m.location) : m.location
  ) as TrueMark['location'];
  return {
    kind: rng.chance(0.08) ? ('other' as const) : m.kind,
    bodyLocation: location,
    description: rng.chance(blank) ? '' : rng.pick(m.phrasings),
  };
}

/** Stature as a category a family gives ("short", "medium", "tall"), sometimes the wrong one. */
function statureCategory(rng: Rng, stature: number) {
  const cats = [
    { min: 150, max: 165 },
    { min: 165, max: 178 },
    { min: 178, max: 195 },
  ];
  let k = stature < 165 ? 0 : stature < 178 ? 1 : 2;
  if (rng.chance(0.15)) {
    k = Math.max(0, Math.min(2, k + (rng.chance(0.5) ? 1 : -1)));
  }
  return cats[k]!;
}

/** What a family reports under profile B. */
export function toAmB(rng: Rng, p: TruePerson, id: string): AmProfile {
  // "About 30": a round age, a decade off now and then; 20% know the date of birth.
  const exact = rng.chance(0.2);
  const roundAge = Math.round(p.age / 5) * 5 + (rng.chance(0.1) ? rng.pick([-5, 5]) : 0);
  const ageRange = exact ? range(p.age - 0.5, p.age + 0.5) : range(roundAge - 3, roundAge + 3);
  // Dates: 5% too late by days to two months, 2% a year slip.
  let seenDay = p.lastSeenDay;
  if (rng.chance(0.05)) {
    seenDay = p.deathDay + rng.int(1, 60);
  } else if (rng.chance(0.02)) {
    seenDay += rng.pick([-365, 365]);
  }
  // 40% give the departure city, 100–600 km away, as the last-seen place.
  const [lat, lon] = rng.chance(0.4)
    ? jitter(rng, p.lastSeenLat, p.lastSeenLon, rng.uniform(100, 600))
    : jitter(rng, p.lastSeenLat, p.lastSeenLon, rng.exponential(5));
  const sex = rng.chance(0.02) ? (p.sex === 'male' ? 'female' : 'male') : p.sex;
  const incidentId = p.incident && rng.chance(0.4) ? p.incident.id : undefined;
  const teeth = [...p.oldTeeth].filter(([, s]) => s !== 'present' || rng.chance(0.3));
  return {
    id,
    sex,
    ageRange: rng.chance(0.05) ? undefined : ageRange,
    statureRange: rng.chance(0.5) ? undefined : statureCategory(rng, p.stature),
    lastSeen: fuzzyDay(rng, seenDay, [30, 40, 30]),
    lastSeenPlace: rng.chance(0.85) ? { lat, lon } : undefined,
    route: rng.chance(0.7) ? p.route.code : undefined,
    // 10% of the linked reports name the wrong incident (another of the data set).
    incidentId: incidentId && rng.chance(0.1) ? `inc-${rng.int(0, 40)}` : incidentId,
    marks: p.marks.filter(() => rng.chance(0.6)).map((m) => describeMarkB(rng, m, 0.25, 0.3)),
    dental: rng.chance(0.2)
      ? teeth.map(([tooth, state]) => ({
          // 10% of teeth charted on the neighbouring tooth number.
          tooth: rng.chance(0.1) ? neighbour(tooth) : tooth,
          state,
        }))
      : undefined,
    implants:
      p.implant && rng.chance(0.6)
        ? [{ kind: p.implant.kind, serialNumber: rng.chance(0.3) ? p.implant.serial : undefined }]
        : [],
    effects: p.items.filter(() => rng.chance(0.4)).map((item) => describeItem(rng, item, 0.5)),
  };
}

function neighbour(tooth: string): string {
  const q = tooth[0]!;
  const n = Number(tooth[1]);
  return `${q}${n === 8 ? 7 : n + 1}`;
}

/** What an examination finds under profile B. */
export function toPmB(rng: Rng, p: TruePerson, id: string): PmProfile {
  const sea = p.route.terrain === 'sea';
  const delay = Math.round(
    sea ? (rng.chance(0.6) ? rng.exponential(15) : rng.exponential(250)) : rng.exponential(300),
  );
  const condition: RemainsCondition = rng.chance(0.05)
    ? 'commingled'
    : delay < 7
      ? 'complete'
      : delay < 45
        ? rng.pick(['complete', 'partial', 'partial'] as const)
        : rng.chance(0.85)
          ? 'skeletal'
          : 'partial';
  const skeletal = condition === 'skeletal' || condition === 'commingled';
  const certain = condition === 'complete' || (skeletal && rng.chance(0.4));
  const accuracy = condition === 'complete' ? 0.99 : certain ? 0.94 : 0.8;
  const unknownSex = skeletal && !certain && rng.chance(0.25);
  const estSex = rng.chance(accuracy) ? p.sex : p.sex === 'male' ? 'female' : 'male';
  const ageAtDeath = p.age + delay / 365.25;
  // Skeletal methods underestimate older adults; examiners give ranges narrower than their error.
  const bias = skeletal && ageAtDeath > 30 ? -0.15 * (ageAtDeath - 30) : 0;
  const estAge = ageAtDeath + bias + rng.normal(0, condition === 'complete' ? 4 : 5);
  const ageHalf = condition === 'complete' ? 4 : 6;
  const estStature = p.stature + rng.normal(0, 5);
  const observable = (m: TrueMark) =>
    (condition === 'complete' && rng.chance(0.7)) ||
    (condition === 'partial' && rng.chance(0.3)) ||
    m.kind === 'amputation';
  const [lat, lon] = jitter(
    rng,
    p.deathLat,
    p.deathLon,
    sea ? rng.exponential(40) : rng.exponential(5),
  );
  const dental: ProfileDental[] | undefined = rng.chance(0.6)
    ? [...p.teeth]
        .filter(() => rng.chance(0.8))
        .map(([tooth, state]) => ({
          tooth,
          state: rng.chance(0.12) ? 'missing_post_mortem' : state,
        }))
    : undefined;
  return {
    id,
    condition,
    sex: unknownSex ? 'unknown' : estSex,
    sexConfidence: certain ? 'certain' : 'probable',
    ageRange: range(estAge - ageHalf, estAge + ageHalf),
    statureRange: rng.chance(0.3) ? range(estStature - 6, estStature + 6) : undefined,
    recovered: fuzzyDay(rng, p.deathDay + delay, [70, 30, 0]),
    recoveryPlace: rng.chance(0.9) ? { lat, lon } : undefined,
    route: rng.chance(0.8) ? p.route.code : undefined,
    incidentId: p.incident && delay < 20 && rng.chance(0.5) ? p.incident.id : undefined,
    marks: p.marks.filter(observable).map((m) => describeMarkB(rng, m, 0.15, 0.2)),
    dental,
    implants:
      p.implant && condition !== 'commingled' && rng.chance(0.8)
        ? [{ kind: p.implant.kind, serialNumber: rng.chance(0.7) ? p.implant.serial : undefined }]
        : [],
    effects: p.items
      .filter(() => rng.chance(sea ? 0.25 : 0.45))
      .map((item) => describeItem(rng, item, 0.5)),
  };
}
