// Compact feature arrays of one side (reports or remains), computed once per record: numbers in
// typed arrays, codes as hashes, dental charts as bit masks, and per-record upper bounds of the
// feature parts. matching.batch.ts reads them to bound a pair's score before scoring it exactly.
import { MARK_KINDS } from '../../platform/vocabulary/index.js';
import type { PreparedAm, PreparedPm } from './matching.profile.js';
import { EFFECTS, MARK_KIND_WEIGHT, MARKS, RANGE_MODEL } from './matching.weights.js';
import { DENTAL_STRIDE, dentalMasks } from './matching.compile.dental.js';
import { ageLog10Cap } from './matching.density.js';
import {
  SIGNATURE_WORDS,
  writeSignatures,
  type MarkCompatibility,
} from './matching.compile.signatures.js';

export { SIGNATURE_WORDS, type MarkCompatibility } from './matching.compile.signatures.js';
export {
  DENTAL_MISSING,
  DENTAL_NOT_MISSING_LIKE,
  DENTAL_PRESENT,
  DENTAL_SOUND,
  DENTAL_STRIDE,
  DENTAL_TREATED,
  DENTAL_WORDS,
} from './matching.compile.dental.js';

/** One side compiled: record i's fields at index i of every array (NaN: not recorded). */
export interface CompiledSide {
  side: 'am' | 'pm';
  /** The records; the arrays may be longer (spare capacity for records added later). */
  records: (PreparedAm | PreparedPm)[];
  /** Record index by id. */
  index: Map<string, number>;
  /** 0 unknown, 1 male, 2 female; `certain` only for remains. */
  sex: Int8Array;
  certain: Uint8Array;
  ageMin: Float64Array;
  ageMax: Float64Array;
  /** max(width, model minimum width): the width the range model uses. */
  ageWidth: Float64Array;
  /** The most the record's age range can add as an estimate (ageLog10Cap; NaN: no age). */
  ageCap: Float64Array;
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
  /** Upper bound of what the record's marks can add, and the same without description bonus. */
  marksUb: Float64Array;
  marksPlainUb: Float64Array;
  /**
   * Signatures (SIGNATURE_WORDS words a record, matching.compile.signatures.ts): mark kind ×
   * location (every compatible AM pair for PM), mark description tokens, effect category × token.
   */
  markPairs: Int32Array;
  markText: Int32Array;
  effectKeys: Int32Array;
  /** Dental masks, DENTAL_WORDS words per record and class (see DentalClass); 1 if usable. */
  dental: Int32Array;
  hasDental: Uint8Array;
  /** 1 when the record lists at least one implant. */
  implants: Uint8Array;
  /** Upper bound of what the record's effects can add. */
  effectsUb: Float64Array;
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

const KIND_WEIGHTS = MARK_KINDS.map((k) => MARK_KIND_WEIGHT[k]);

type Compat = MarkCompatibility;

/** Empty arrays for `capacity` records. */
function allocate(side: 'am' | 'pm', capacity: number): CompiledSide {
  const f64 = () => new Float64Array(capacity);
  return {
    side,
    records: [],
    index: new Map(),
    sex: new Int8Array(capacity),
    certain: new Uint8Array(capacity),
    ageMin: f64(),
    ageMax: f64(),
    ageWidth: f64(),
    ageCap: f64(),
    statureMin: f64(),
    statureMax: f64(),
    statureWidth: f64(),
    dayEarliest: f64(),
    dayLatest: f64(),
    x: f64(),
    y: f64(),
    z: f64(),
    incident: new Int32Array(capacity),
    route: new Int32Array(capacity),
    marksUb: f64(),
    marksPlainUb: f64(),
    markPairs: new Int32Array(capacity * SIGNATURE_WORDS),
    markText: new Int32Array(capacity * SIGNATURE_WORDS),
    effectKeys: new Int32Array(capacity * SIGNATURE_WORDS),
    dental: new Int32Array(capacity * DENTAL_STRIDE),
    hasDental: new Uint8Array(capacity),
    implants: new Uint8Array(capacity),
    effectsUb: f64(),
  };
}

const ARRAY_FIELDS = [
  'sex',
  'certain',
  'ageMin',
  'ageMax',
  'ageWidth',
  'ageCap',
  'statureMin',
  'statureMax',
  'statureWidth',
  'dayEarliest',
  'dayLatest',
  'x',
  'y',
  'z',
  'incident',
  'route',
  'marksUb',
  'marksPlainUb',
  'markPairs',
  'markText',
  'effectKeys',
  'dental',
  'hasDental',
  'implants',
  'effectsUb',
] as const;

/** Writes record r's compiled fields at slot i (every field, so a slot can be reused). */
function writeRecord(c: CompiledSide, i: number, r: PreparedAm | PreparedPm, compat: Compat) {
  const side = c.side;
  c.records[i] = r;
  c.index.set(r.id, i);
  c.sex[i] = r.sex === 'male' ? 1 : r.sex === 'female' ? 2 : 0;
  c.certain[i] = r.side === 'pm' && r.sexCertain ? 1 : 0;
  c.ageMin[i] = r.ageMin;
  c.ageMax[i] = r.ageMax;
  c.ageWidth[i] = Math.max(r.ageMax - r.ageMin, RANGE_MODEL.age.minWidth);
  c.ageCap[i] = ageLog10Cap(r.ageMin, r.ageMax);
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
  let marksPlainUb = 0;
  for (const m of r.marks ?? []) {
    if (side === 'am') {
      marksUb += KIND_WEIGHTS[m.kindIndex]! + MARKS.descriptionBonus;
      marksPlainUb += KIND_WEIGHTS[m.kindIndex]!;
    } else {
      // The best an AM mark of any compatible kind could take from this mark.
      let best = 0;
      let plain = 0;
      for (let k = 0; k < MARK_KINDS.length; k++) {
        const share = compat.kind(k, m.kindIndex);
        best = Math.max(best, share * (KIND_WEIGHTS[k]! + MARKS.descriptionBonus));
        plain = Math.max(plain, share * KIND_WEIGHTS[k]!);
      }
      marksUb += best;
      marksPlainUb += plain;
    }
  }
  c.marksUb[i] = marksUb;
  c.marksPlainUb[i] = marksPlainUb;
  writeSignatures(c.markPairs, c.markText, c.effectKeys, i, r, compat);
  c.dental.fill(0, i * DENTAL_STRIDE, (i + 1) * DENTAL_STRIDE);
  c.hasDental[i] =
    r.dental && r.dental.size > 0 && dentalMasks(r.dental, c.dental, i * DENTAL_STRIDE) ? 1 : 0;
  if (r.dental && r.dental.size > 0 && !c.hasDental[i]) {
    // An unusual tooth number: no mask, so the pair's dental bound is the cap (safe).
    c.hasDental[i] = 2;
  }
  c.implants[i] = r.implants && r.implants.length > 0 ? 1 : 0;
  let effectsUb = 0;
  for (const e of r.effects ?? []) {
    effectsUb += EFFECTS.base + EFFECTS.similarity;
    effectsUb +=
      (e.brand ? EFFECTS.sameBrand : 0) + (e.category === 'document' ? EFFECTS.documentBonus : 0);
  }
  c.effectsUb[i] = effectsUb;
}

/**
 * Compiles prepared records of one side. `compat` is the marks scorer's kind and location
 * compatibility (> 0 when an AM mark's kind or location may match a PM mark's).
 */
export function compileSide(
  side: 'am' | 'pm',
  records: readonly (PreparedAm | PreparedPm)[],
  compat: Compat,
): CompiledSide {
  const c = allocate(side, records.length);
  for (let i = 0; i < records.length; i++) {
    writeRecord(c, i, records[i]!, compat);
  }
  return c;
}

/**
 * Adds a record to a compiled side, or replaces the record of the same id in place (ADR 0176).
 * Arrays grow by half when full; returns the side (a new object when it grew).
 */
export function upsertCompiled(
  c: CompiledSide,
  r: PreparedAm | PreparedPm,
  compat: Compat,
): CompiledSide {
  const at = c.index.get(r.id);
  if (at !== undefined) {
    writeRecord(c, at, r, compat);
    return c;
  }
  let side = c;
  const n = c.records.length;
  if (n >= c.sex.length) {
    side = allocate(c.side, Math.max(16, Math.ceil(n * 1.5)));
    side.records = c.records;
    side.index = c.index;
    for (const f of ARRAY_FIELDS) {
      (side[f] as Int32Array).set(c[f]);
    }
  }
  writeRecord(side, n, r, compat);
  return side;
}

/** Removes a record from a compiled side (the last record moves into its slot); false if absent. */
export function removeCompiled(c: CompiledSide, id: string, compat: Compat): boolean {
  const at = c.index.get(id);
  if (at === undefined) {
    return false;
  }
  c.index.delete(id);
  const last = c.records.pop()!;
  if (last.id !== id) {
    writeRecord(c, at, last, compat);
  }
  return true;
}
