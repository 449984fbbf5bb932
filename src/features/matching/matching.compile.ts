// Compact feature arrays of one side (reports or remains), computed once per record: numbers in
// typed arrays, codes as hashes, dental charts as bit masks, and per-record upper bounds of the
// feature parts. matching.batch.ts reads them to bound a pair's score before scoring it exactly.
import { EFFECT_CATEGORIES, MARK_KINDS } from '../../platform/vocabulary/index.js';
import type { PreparedAm, PreparedPm } from './matching.profile.js';
import { EFFECTS, MARK_KIND_WEIGHT, MARKS, RANGE_MODEL } from './matching.weights.js';
import type { ProfileDental } from './matching.types.js';

/** One side compiled: record i's fields at index i of every array (NaN: not recorded). */
export interface CompiledSide {
  side: 'am' | 'pm';
  records: readonly (PreparedAm | PreparedPm)[];
  /** Record index by id. */
  index: Map<string, number>;
  /** 0 unknown, 1 male, 2 female; `certain` only for remains. */
  sex: Int8Array;
  certain: Uint8Array;
  ageMin: Float64Array;
  ageMax: Float64Array;
  /** max(width, model minimum width): the width the range model uses. */
  ageWidth: Float64Array;
  statureMin: Float64Array;
  statureMax: Float64Array;
  statureWidth: Float64Array;
  dayEarliest: Float64Array;
  dayLatest: Float64Array;
  /** Unit vector of the place (NaN: no place); chord length decides the distance bin. */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  /** Hashes of incident and route (0: none); equal strings give equal hashes. */
  incident: Int32Array;
  route: Int32Array;
  /** Upper bound of what the record's marks can add, and the mark kinds (compatible kinds for PM). */
  marksUb: Float64Array;
  markKinds: Int32Array;
  /** Dental masks, DENTAL_WORDS words per record and class (see DentalClass); 1 if usable. */
  dental: Int32Array;
  hasDental: Uint8Array;
  /** 1 when the record lists at least one implant. */
  implants: Uint8Array;
  /** Upper bound of what the record's effects can add, and their categories. */
  effectsUb: Float64Array;
  effectCats: Int32Array;
}

/** Dental classes as mask slots: present, missing, treated, "not missing-like", sound. */
export const DENTAL_PRESENT = 0;
export const DENTAL_MISSING = 1;
export const DENTAL_TREATED = 2;
/** PM only: any state but missing, missing post mortem, implant or bridge. */
export const DENTAL_NOT_MISSING_LIKE = 3;
/** PM only: present or caries (a treated or missing AM tooth cannot be sound later). */
export const DENTAL_SOUND = 4;
const DENTAL_CLASSES = 5;
/** Two 32-bit words: permanent teeth 11–48, deciduous teeth 51–85. */
export const DENTAL_WORDS = 2;
export const DENTAL_STRIDE = DENTAL_CLASSES * DENTAL_WORDS;

const TREATED = new Set(['filled', 'crown', 'bridge', 'implant', 'root_canal']);
const MISSING_LIKE = new Set(['missing', 'missing_post_mortem', 'implant', 'bridge']);

/** Word and bit of an FDI tooth, or -1 when not a valid FDI number. */
function toothBit(tooth: string): number {
  if (tooth.length !== 2) {
    return -1;
  }
  const q = tooth.charCodeAt(0) - 48;
  const n = tooth.charCodeAt(1) - 48;
  if (q >= 1 && q <= 4 && n >= 1 && n <= 8) {
    return (q - 1) * 8 + (n - 1);
  }
  if (q >= 5 && q <= 8 && n >= 1 && n <= 5) {
    return 32 + (q - 5) * 5 + (n - 1);
  }
  return -1;
}

/** 32-bit FNV-1a hash of a code, never 0 (0 means "none"). */
function codeHash(code: string | undefined): number {
  if (!code) {
    return 0;
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    h ^= code.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h === 0 ? 1 : h;
}

/** Kinds compatible with each kind (the kind itself and its confusable kinds), as bit masks. */
function compatibleKinds(compat: (a: number, b: number) => number): Int32Array {
  const masks = new Int32Array(MARK_KINDS.length);
  for (let a = 0; a < MARK_KINDS.length; a++) {
    for (let b = 0; b < MARK_KINDS.length; b++) {
      if (compat(a, b) > 0) {
        masks[a]! |= 1 << b;
      }
    }
  }
  return masks;
}

const KIND_WEIGHTS = MARK_KINDS.map((k) => MARK_KIND_WEIGHT[k]);

function dentalMasks(chart: Map<string, ProfileDental['state']>, out: Int32Array, at: number) {
  for (const [tooth, state] of chart) {
    const bit = toothBit(tooth);
    if (bit < 0) {
      return false;
    }
    const word = at + (bit >> 5);
    const flag = 1 << (bit & 31);
    if (state === 'present') {
      out[word + DENTAL_PRESENT * DENTAL_WORDS]! |= flag;
    } else if (state === 'missing') {
      out[word + DENTAL_MISSING * DENTAL_WORDS]! |= flag;
    } else if (TREATED.has(state)) {
      out[word + DENTAL_TREATED * DENTAL_WORDS]! |= flag;
    }
    if (!MISSING_LIKE.has(state)) {
      out[word + DENTAL_NOT_MISSING_LIKE * DENTAL_WORDS]! |= flag;
    }
    if (state === 'present' || state === 'caries') {
      out[word + DENTAL_SOUND * DENTAL_WORDS]! |= flag;
    }
  }
  return true;
}

/**
 * Compiles prepared records of one side. `kindCompat(a, b)` is the marks scorer's kind
 * compatibility (> 0 when kind a may match kind b).
 */
export function compileSide(
  side: 'am' | 'pm',
  records: readonly (PreparedAm | PreparedPm)[],
  kindCompat: (a: number, b: number) => number,
): CompiledSide {
  const n = records.length;
  const f64 = () => new Float64Array(n);
  const c: CompiledSide = {
    side,
    records,
    index: new Map(),
    sex: new Int8Array(n),
    certain: new Uint8Array(n),
    ageMin: f64(),
    ageMax: f64(),
    ageWidth: f64(),
    statureMin: f64(),
    statureMax: f64(),
    statureWidth: f64(),
    dayEarliest: f64(),
    dayLatest: f64(),
    x: f64(),
    y: f64(),
    z: f64(),
    incident: new Int32Array(n),
    route: new Int32Array(n),
    marksUb: f64(),
    markKinds: new Int32Array(n),
    dental: new Int32Array(n * DENTAL_STRIDE),
    hasDental: new Uint8Array(n),
    implants: new Uint8Array(n),
    effectsUb: f64(),
    effectCats: new Int32Array(n),
  };
  const compatible = compatibleKinds(kindCompat);
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    c.index.set(r.id, i);
    c.sex[i] = r.sex === 'male' ? 1 : r.sex === 'female' ? 2 : 0;
    c.certain[i] = r.side === 'pm' && r.sexCertain ? 1 : 0;
    c.ageMin[i] = r.ageMin;
    c.ageMax[i] = r.ageMax;
    c.ageWidth[i] = Math.max(r.ageMax - r.ageMin, RANGE_MODEL.age.minWidth);
    c.statureMin[i] = r.statureMin;
    c.statureMax[i] = r.statureMax;
    c.statureWidth[i] = Math.max(r.statureMax - r.statureMin, RANGE_MODEL.stature.minWidth);
    c.dayEarliest[i] = r.dayEarliest;
    c.dayLatest[i] = r.dayLatest;
    c.x[i] = Math.cos(r.lat) * Math.cos(r.lon);
    c.y[i] = Math.cos(r.lat) * Math.sin(r.lon);
    c.z[i] = Math.sin(r.lat);
    c.incident[i] = codeHash(r.incidentId);
    c.route[i] = codeHash(r.route);
    let marksUb = 0;
    let kinds = 0;
    for (const m of r.marks ?? []) {
      if (side === 'am') {
        marksUb += KIND_WEIGHTS[m.kindIndex]! + MARKS.descriptionBonus;
        kinds |= 1 << m.kindIndex;
      } else {
        // The best an AM mark of any compatible kind could take from this mark.
        let best = 0;
        for (let k = 0; k < MARK_KINDS.length; k++) {
          const share = kindCompat(k, m.kindIndex);
          best = Math.max(best, share * (KIND_WEIGHTS[k]! + MARKS.descriptionBonus));
        }
        marksUb += best;
        kinds |= compatible[m.kindIndex]!;
      }
    }
    c.marksUb[i] = marksUb;
    c.markKinds[i] = kinds;
    c.hasDental[i] =
      r.dental && r.dental.size > 0 && dentalMasks(r.dental, c.dental, i * DENTAL_STRIDE) ? 1 : 0;
    if (r.dental && r.dental.size > 0 && !c.hasDental[i]) {
      // An unusual tooth number: no mask, so the pair's dental bound is the cap (safe).
      c.hasDental[i] = 2;
    }
    c.implants[i] = r.implants && r.implants.length > 0 ? 1 : 0;
    let effectsUb = 0;
    let cats = 0;
    for (const e of r.effects ?? []) {
      effectsUb += EFFECTS.base + EFFECTS.similarity;
      effectsUb +=
        (e.brand ? EFFECTS.sameBrand : 0) + (e.category === 'document' ? EFFECTS.documentBonus : 0);
      cats |= 1 << EFFECT_CATEGORIES.indexOf(e.category as (typeof EFFECT_CATEGORIES)[number]);
    }
    c.effectsUb[i] = effectsUb;
    c.effectCats[i] = cats;
  }
  return c;
}
