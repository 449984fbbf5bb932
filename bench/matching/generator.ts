// Seeded synthetic data for the matching benchmark: N missing-person reports (AM) and M remains
// (PM) with ground truth. Noise follows practice: families approximate age, stature and dates;
// examiners estimate age and stature as ranges, sometimes cannot sex skeletal remains, and
// describe marks and effects in their own words; fields go missing; remains of persons nobody
// reported (often from the same shipwreck) are decoys.
import type {
  AmProfile,
  PmProfile,
  ProfileDental,
  RemainsCondition,
} from '../../src/features/matching/index.js';
import { BODY_LOCATIONS } from '../../src/platform/vocabulary/index.js';
import {
  jitter,
  makeIncidents,
  makePerson,
  type TrueMark,
  type TrueItem,
  type TruePerson,
} from './person.js';
import { toAmB, toPmB } from './noise-b.js';
import { Rng } from './vocab.js';

/** A generated data set: AM and PM profiles, and for each AM the index of its true PM (-1: none). */
export interface Dataset {
  am: AmProfile[];
  pm: PmProfile[];
  truth: Int32Array;
}

/** Share of reported persons whose remains are among the PM records (capped by M). */
const FOUND_SHARE = 0.5;

function isoDay(day: number): string {
  return new Date(Math.round(day) * 86_400_000).toISOString().slice(0, 10);
}

export function fuzzyDay(
  rng: Rng,
  day: number,
  weights: [number, number, number],
): { earliest: string; latest: string } {
  const kind = rng.weighted([
    ['day', weights[0]],
    ['month', weights[1]],
    ['range', weights[2]],
  ] as const);
  if (kind === 'day') {
    return { earliest: isoDay(day), latest: isoDay(day) };
  }
  if (kind === 'month') {
    const d = new Date(day * 86_400_000);
    const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000;
    const last = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0) / 86_400_000;
    return { earliest: isoDay(first), latest: isoDay(last) };
  }
  const before = rng.int(0, 14);
  return { earliest: isoDay(day - before), latest: isoDay(day + rng.int(0, 14)) };
}

export const range = (lo: number, hi: number) => ({
  min: Math.max(0, Math.round(lo)),
  max: Math.round(hi),
});
const ADJACENT: Record<string, string> = {
  left_arm: 'left_hand',
  right_arm: 'right_hand',
  left_hand: 'left_arm',
  right_hand: 'right_arm',
  face: 'head',
  neck: 'chest',
  chest: 'neck',
  abdomen: 'pelvis',
  back: 'chest',
  left_leg: 'right_leg',
  right_leg: 'left_leg',
};

export function describeMark(rng: Rng, m: TrueMark, moveShare: number) {
  const moved = rng.chance(moveShare);
  const location = (
    moved ? (ADJACENT[m.location] ?? rng.pick(BODY_LOCATIONS)) : m.location
  ) as (typeof BODY_LOCATIONS)[number];
  const kind = rng.chance(0.05) ? 'other' : m.kind;
  return {
    kind,
    bodyLocation: location,
    description: rng.chance(0.85) ? rng.pick(m.phrasings) : '',
  };
}

export function describeItem(rng: Rng, item: TrueItem, keepColour: number) {
  const colour = item.colour && rng.chance(keepColour) ? rng.pick(item.colour) : undefined;
  return {
    category: item.category,
    description: rng.pick(item.phrasings),
    colour,
    brand: item.brand && rng.chance(0.7) ? item.brand : undefined,
  };
}

/** What a family (with a caseworker) reports. */
function toAmA(rng: Rng, p: TruePerson, id: string): AmProfile {
  const reportedAge = p.age + rng.normal(0, 1.5);
  const halfAge = rng.weighted([
    [0.5, 4],
    [2, 4],
    [3, 2],
  ] as const);
  const reportedStature = Math.round((p.stature + rng.normal(0, 4)) / 5) * 5;
  const halfStature = rng.pick([3, 5, 5, 8]);
  // Last contact precedes death; 2% of families give a date that is too late.
  const seenDay = rng.chance(0.02) ? p.deathDay + rng.int(3, 20) : p.lastSeenDay;
  const [lat, lon] = jitter(rng, p.lastSeenLat, p.lastSeenLon, rng.exponential(10));
  return {
    id,
    sex: rng.chance(0.01) ? 'unknown' : p.sex,
    ageRange: rng.chance(0.1) ? undefined : range(reportedAge - halfAge, reportedAge + halfAge),
    statureRange: rng.chance(0.3)
      ? undefined
      : range(reportedStature - halfStature, reportedStature + halfStature),
    lastSeen: fuzzyDay(rng, seenDay, [50, 30, 20]),
    lastSeenPlace: rng.chance(0.75) ? { lat, lon } : undefined,
    route: rng.chance(0.8) ? p.route.code : undefined,
    incidentId: p.incident && rng.chance(0.6) ? p.incident.id : undefined,
    marks: p.marks.filter(() => rng.chance(0.7)).map((m) => describeMark(rng, m, 0.15)),
    dental: rng.chance(0.35)
      ? [...p.oldTeeth]
          .filter(([, s]) => s !== 'present' || rng.chance(0.2))
          .map(([tooth, state]) => ({ tooth, state }))
      : undefined,
    implants:
      p.implant && rng.chance(0.8)
        ? [{ kind: p.implant.kind, serialNumber: rng.chance(0.5) ? p.implant.serial : undefined }]
        : [],
    effects: p.items.filter(() => rng.chance(0.6)).map((item) => describeItem(rng, item, 0.9)),
  };
}

/** What a medico-legal examination of the person's remains finds. */
function toPmA(rng: Rng, p: TruePerson, id: string): PmProfile {
  const sea = p.route.terrain === 'sea';
  const delay = Math.round(
    sea ? (rng.chance(0.8) ? rng.exponential(12) : rng.exponential(150)) : rng.exponential(200),
  );
  const condition: RemainsCondition = rng.chance(0.03)
    ? 'commingled'
    : delay < 10
      ? 'complete'
      : delay < 60
        ? rng.pick(['complete', 'partial'] as const)
        : rng.chance(0.8)
          ? 'skeletal'
          : 'partial';
  const skeletal = condition === 'skeletal' || condition === 'commingled';
  const certain = condition === 'complete' || (skeletal && rng.chance(0.3));
  const accuracy = condition === 'complete' ? 0.995 : certain ? 0.97 : 0.88;
  const unknownSex = skeletal && !certain && rng.chance(0.35);
  const estSex = rng.chance(accuracy) ? p.sex : p.sex === 'male' ? 'female' : 'male';
  const ageSd = condition === 'complete' ? 3 : skeletal ? 6 : 4;
  const ageHalf = condition === 'complete' ? 5 : skeletal ? 9 : 7;
  const estAge = p.age + delay / 365.25 + rng.normal(0, ageSd);
  const statSd = condition === 'complete' ? 2 : 4;
  const estStature = p.stature + rng.normal(0, statSd);
  const observable = (m: TrueMark) =>
    condition === 'complete' ||
    (condition === 'partial' && rng.chance(0.5)) ||
    m.kind === 'amputation';
  const [lat, lon] = jitter(
    rng,
    p.deathLat,
    p.deathLon,
    sea ? rng.exponential(25) : rng.exponential(3),
  );
  const dental: ProfileDental[] | undefined = rng.chance(0.75)
    ? [...p.teeth]
        .filter(() => rng.chance(0.9))
        .map(([tooth, state]) => ({
          tooth,
          state: rng.chance(0.08) ? 'missing_post_mortem' : state,
        }))
    : undefined;
  return {
    id,
    condition,
    sex: unknownSex ? 'unknown' : estSex,
    sexConfidence: certain ? 'certain' : 'probable',
    ageRange: range(estAge - ageHalf, estAge + ageHalf),
    statureRange: rng.chance(condition === 'complete' ? 0.8 : 0.5)
      ? range(estStature - 2 * statSd, estStature + 2 * statSd)
      : undefined,
    recovered: fuzzyDay(rng, p.deathDay + delay, [90, 10, 0]),
    recoveryPlace: rng.chance(0.95) ? { lat, lon } : undefined,
    route: rng.chance(0.9) ? p.route.code : undefined,
    incidentId: p.incident && delay < 30 && rng.chance(0.7) ? p.incident.id : undefined,
    marks: p.marks
      .filter((m) => observable(m) && rng.chance(0.85))
      .map((m) => describeMark(rng, m, 0.1)),
    dental,
    implants:
      p.implant && condition !== 'commingled' && rng.chance(0.9)
        ? [{ kind: p.implant.kind, serialNumber: rng.chance(0.85) ? p.implant.serial : undefined }]
        : [],
    effects: p.items
      .filter(() => rng.chance(sea ? 0.4 : 0.6))
      .map((item) => describeItem(rng, item, 0.75)),
  };
}

/** The noise profiles: A (this file) and B (noise-b.ts, docs/matching.md "Noise profile B"). */
export type NoiseProfile = 'A' | 'B';

/**
 * Generates n reports and m remains from a seed; the same seed always gives the same data.
 * `profile` picks how families and examiners err (A by default).
 */
export function generate(seed: number, n: number, m: number, profile: NoiseProfile = 'A'): Dataset {
  const rng = new Rng(seed);
  const [toAm, toPm] = profile === 'A' ? [toAmA, toPmA] : [toAmB, toPmB];
  const incidents = makeIncidents(rng, Math.max(5, Math.round((n + m) / 25)));
  const found = Math.min(m, Math.round(n * FOUND_SHARE));
  const am: AmProfile[] = [];
  const pmByPerson: { pm: PmProfile; am: number }[] = [];
  for (let i = 0; i < n; i++) {
    const person = makePerson(rng, incidents);
    am.push(toAm(rng, person, `am-${i}`));
    if (i < found) {
      pmByPerson.push({ pm: toPm(rng, person, ''), am: i });
    }
  }
  for (let j = found; j < m; j++) {
    // Decoys: remains of persons nobody reported, from the same incidents and routes.
    pmByPerson.push({ pm: toPm(rng, makePerson(rng, incidents), ''), am: -1 });
  }
  // Shuffle the remains so that their order tells nothing (Fisher–Yates).
  for (let k = pmByPerson.length - 1; k > 0; k--) {
    const r = rng.int(0, k);
    [pmByPerson[k], pmByPerson[r]] = [pmByPerson[r]!, pmByPerson[k]!];
  }
  const truth = new Int32Array(n).fill(-1);
  const pm = pmByPerson.map((x, j) => {
    if (x.am >= 0) {
      truth[x.am] = j;
    }
    return { ...x.pm, id: `pm-${j}` };
  });
  return { am, pm, truth };
}
