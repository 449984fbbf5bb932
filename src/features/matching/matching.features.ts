// Attribute scorers for individual features: distinguishing marks, dental chart, implants and
// effects. Each returns a log10 likelihood ratio and explains itself into a trace when given one.
import { BODY_LOCATIONS, MARK_KINDS } from '../../platform/vocabulary/index.js';
import {
  EXCLUDED,
  exclusion,
  part,
  round,
  type ScoreContext,
  type Trace,
} from './matching.context.js';
import type { PreparedAm, PreparedMark, PreparedPm } from './matching.profile.js';
import { jaccard } from './matching.text.js';
import { DENTAL, EFFECTS, IMPLANTS, MARK_KIND_WEIGHT, MARKS } from './matching.weights.js';
import type { ProfileDental, RemainsCondition } from './matching.types.js';

/** Body locations a family and an examiner may name differently (adjacent, or left/right swapped). */
const ADJACENT: [string, string][] = [
  ['left_arm', 'left_hand'],
  ['right_arm', 'right_hand'],
  ['left_leg', 'left_foot'],
  ['right_leg', 'right_foot'],
  ['left_arm', 'right_arm'],
  ['left_hand', 'right_hand'],
  ['left_leg', 'right_leg'],
  ['left_foot', 'right_foot'],
  ['head', 'face'],
  ['face', 'neck'],
  ['head', 'neck'],
  ['neck', 'chest'],
  ['chest', 'abdomen'],
  ['abdomen', 'pelvis'],
  ['chest', 'back'],
];
/** Kinds of mark that are easily confused with each other. */
const CONFUSABLE: [string, string][] = [
  ['birthmark', 'mole'],
  ['scar', 'other'],
  ['deformity', 'other'],
  ['mole', 'other'],
  ['birthmark', 'other'],
  ['deformity', 'amputation'],
];

function compatibility(names: readonly string[], pairs: [string, string][]): Float64Array {
  const n = names.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    m[i * n + i] = 1;
  }
  for (const [a, b] of pairs) {
    const [i, j] = [names.indexOf(a), names.indexOf(b)];
    m[i * n + j] = MARKS.partialShare;
    m[j * n + i] = MARKS.partialShare;
  }
  return m;
}
const LOCATION_COMPAT = compatibility(BODY_LOCATIONS, ADJACENT);
const KIND_COMPAT = compatibility(MARK_KINDS, CONFUSABLE);
const NL = BODY_LOCATIONS.length;
const NK = MARK_KINDS.length;

/** Compatibility (0, partial share or 1) of two mark kinds by their MARK_KINDS indices. */
export function kindCompatibility(a: number, b: number): number {
  return KIND_COMPAT[a * NK + b]!;
}

/** Compatibility (0, partial share or 1) of two body locations by their BODY_LOCATIONS indices. */
export function locationCompatibility(a: number, b: number): number {
  return LOCATION_COMPAT[a * NL + b]!;
}

/** How much of an AM mark the remains can still show, by condition. */
function markObservable(
  kind: PreparedMark['kind'],
  condition: RemainsCondition | undefined,
): boolean {
  if (condition === 'complete') {
    return true;
  }
  return (condition === 'skeletal' || condition === 'partial') && kind === 'amputation';
}

/**
 * Scratch flags for "this PM item is already taken", one byte per item. A bit mask would wrap at
 * 32 items (`1 << 32 === 1`) while the schemas allow 100 marks and 200 effects.
 */
let usedScratch = new Uint8Array(256);

/** The scratch flags cleared for n items (grown when a record has more). */
function usedFlags(n: number): Uint8Array {
  if (n > usedScratch.length) {
    usedScratch = new Uint8Array(n * 2);
  }
  usedScratch.fill(0, 0, n);
  return usedScratch;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Marks: each AM mark takes its best unused PM mark by kind, location and description. */
export function scoreMarks(am: PreparedAm, pm: PreparedPm, trace: Trace | null): number {
  if (!am.marks || !pm.marks || am.marks.length === 0) {
    return 0;
  }
  const used = usedFlags(pm.marks.length);
  let total = 0;
  const notes: string[] = [];
  for (const a of am.marks) {
    let best = 0;
    let bestIndex = -1;
    for (let j = 0; j < pm.marks.length; j++) {
      const p = pm.marks[j] as PreparedMark;
      if (used[j]) {
        continue;
      }
      const compat =
        KIND_COMPAT[a.kindIndex * NK + p.kindIndex]! *
        LOCATION_COMPAT[a.locationIndex * NL + p.locationIndex]!;
      if (compat === 0) {
        continue;
      }
      // A similar description counts only as much as kind and location agree.
      const value =
        compat * (MARK_KIND_WEIGHT[a.kind] + MARKS.descriptionBonus * jaccard(a.tokens, p.tokens));
      if (value > best) {
        best = value;
        bestIndex = j;
      }
    }
    if (bestIndex >= 0) {
      used[bestIndex] = 1;
      total += best;
      if (trace) {
        const p = pm.marks[bestIndex] as PreparedMark;
        notes.push(`${a.kind} on ${a.location} ~ ${p.kind} on ${p.location} (${round(best)})`);
      }
    } else if (markObservable(a.kind, pm.condition)) {
      const penalty =
        a.kind === 'amputation' ? MARKS.unmatchedAmputation : MARKS.unmatchedOnCompleteBody;
      total += penalty;
      if (trace) {
        notes.push(`${a.kind} on ${a.location} not found (${penalty})`);
      }
    }
  }
  for (let j = 0; j < pm.marks.length; j++) {
    if (!used[j]) {
      total += MARKS.unreportedPmMark;
    }
  }
  const lr = clamp(total, MARKS.min, MARKS.max);
  return trace ? part(trace, 'marks', lr, notes.join('; ') || 'no mark in common') : lr;
}

const TREATED = new Set<ProfileDental['state']>([
  'filled',
  'crown',
  'bridge',
  'implant',
  'root_canal',
]);

/** One tooth: AM state vs PM state, by the consistency rules of forensic odontology. */
function toothLr(a: ProfileDental['state'], p: ProfileDental['state']): number {
  if (p === 'missing_post_mortem' || a === 'missing_post_mortem') {
    return 0;
  }
  if (a === 'present') {
    return p === 'present' ? DENTAL.bothPresent : DENTAL.explainable;
  }
  if (a === 'missing') {
    if (p === 'missing') {
      return DENTAL.bothMissing;
    }
    return p === 'implant' || p === 'bridge' ? DENTAL.explainable : DENTAL.unexplainable;
  }
  if (TREATED.has(a)) {
    if (p === a) {
      return DENTAL.sameTreatment;
    }
    return p === 'present' || p === 'caries' ? DENTAL.unexplainable : DENTAL.explainable;
  }
  return 0;
}

/** Dental: tooth-by-tooth consistency of the AM chart with the PM chart. */
export function scoreDental(am: PreparedAm, pm: PreparedPm, trace: Trace | null): number {
  if (!am.dental || !pm.dental || am.dental.size === 0 || pm.dental.size === 0) {
    return 0;
  }
  let total = 0;
  let compared = 0;
  let conflicts = 0;
  for (const [tooth, state] of am.dental) {
    const p = pm.dental.get(tooth);
    if (p === undefined) {
      continue;
    }
    const lr = toothLr(state, p);
    compared++;
    if (lr <= DENTAL.unexplainable) {
      conflicts++;
    }
    total += lr;
  }
  if (compared === 0) {
    return 0;
  }
  const lr = clamp(total, DENTAL.min, DENTAL.max);
  if (!trace) {
    return lr;
  }
  return part(
    trace,
    'dental',
    lr,
    `${compared} teeth compared, ${conflicts} unexplainable differences`,
  );
}

/**
 * Implants: a shared serial number is near-certain; serial numbers that differ on implants of
 * the same kind are a certain fact and exclude the pair (overridable); kinds alone weigh less.
 */
export function scoreImplants(
  am: PreparedAm,
  pm: PreparedPm,
  ctx: ScoreContext,
  trace: Trace | null,
): number {
  if (!am.implants || !pm.implants || am.implants.length === 0) {
    return 0;
  }
  for (const a of am.implants) {
    if (a.serial) {
      for (const p of pm.implants) {
        if (p.serial === a.serial) {
          const lr = IMPLANTS.serialMatch;
          return trace ? part(trace, 'implants', lr, `${a.kind}: same serial number`) : lr;
        }
      }
    }
  }
  let total = 0;
  let overridden = 0;
  // Notes only for an explanation: screening allocates nothing here.
  const notes: string[] | null = trace ? [] : null;
  for (const a of am.implants) {
    let p: (typeof pm.implants)[number] | undefined;
    for (const x of pm.implants) {
      if (x.kind === a.kind) {
        p = x;
        break;
      }
    }
    if (!p) {
      if (pm.condition !== 'commingled') {
        total += IMPLANTS.missing;
        notes?.push(`${a.kind} not found`);
      }
    } else if (a.serial && p.serial) {
      const reason = trace ? `${a.kind}: different serial numbers` : '';
      const penalty = IMPLANTS.serialMismatch;
      const rule = 'implant_serial_mismatch';
      const x = exclusion(ctx, trace, 'implants', rule, am.id, pm.id, penalty, reason);
      if (x === EXCLUDED) {
        return EXCLUDED;
      }
      overridden += x;
    } else {
      total += IMPLANTS.kindMatch;
      notes?.push(`${a.kind} on both (no serial to compare)`);
    }
  }
  if (!trace || !notes) {
    return total + overridden;
  }
  return (notes.length > 0 ? part(trace, 'implants', total, notes.join('; ')) : 0) + overridden;
}

/** Effects and clothing: items of one category with similar descriptions, colours and brands. */
export function scoreEffects(am: PreparedAm, pm: PreparedPm, trace: Trace | null): number {
  if (!am.effects || !pm.effects || am.effects.length === 0 || pm.effects.length === 0) {
    return 0;
  }
  const used = usedFlags(pm.effects.length);
  let total = 0;
  let matched = 0;
  for (const a of am.effects) {
    let best = 0;
    let bestIndex = -1;
    for (let j = 0; j < pm.effects.length; j++) {
      const p = pm.effects[j]!;
      if (used[j] || p.category !== a.category) {
        continue;
      }
      const sim = jaccard(a.tokens, p.tokens);
      if (sim < EFFECTS.minSimilarity) {
        continue;
      }
      let value = EFFECTS.base + EFFECTS.similarity * sim;
      if (a.brand && a.brand === p.brand) {
        value += EFFECTS.sameBrand;
      }
      if (a.category === 'document') {
        value += EFFECTS.documentBonus;
      }
      if (value > best) {
        best = value;
        bestIndex = j;
      }
    }
    if (bestIndex >= 0) {
      used[bestIndex] = 1;
      total += best;
      matched++;
    }
  }
  if (matched === 0) {
    return 0;
  }
  const lr = Math.min(total, EFFECTS.max);
  if (!trace) {
    return lr;
  }
  return part(
    trace,
    'effects',
    lr,
    `${matched} of ${am.effects.length} reported items resemble items found`,
  );
}
