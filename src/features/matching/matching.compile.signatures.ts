// 64-bit signatures of marks and effects for the compiled sides (matching.compile.ts), read by
// the bounds (ADR 0177): two records' marks can score only when a pair of (kind, body location)
// is compatible, their description bonus only when the marks share a token, and effects only
// when two items of one category share a token (the similarity threshold is above 0). Each fact
// sets one of 64 bits by a hash, so disjoint signatures prove the part is 0 (or has no bonus);
// a collision only makes the bound looser, never lower than the score.
import { BODY_LOCATIONS, MARK_KINDS } from '../../platform/vocabulary/index.js';
import type { PreparedAm, PreparedPm } from './matching.profile.js';
import { EFFECTS } from './matching.weights.js';

/** Words per signature and record. */
export const SIGNATURE_WORDS = 2;

/** Compatibility (> 0 when they may match) of mark kinds and of body locations, AM first. */
export interface MarkCompatibility {
  kind(am: number, pm: number): number;
  location(am: number, pm: number): number;
}

const NK = MARK_KINDS.length;
const NL = BODY_LOCATIONS.length;

if (!(EFFECTS.minSimilarity > 0)) {
  // An effect pair could then score without a shared token: the signature would not bound it.
  throw new Error('matching signatures assume EFFECTS.minSimilarity > 0');
}

/** Sets the bit of a 32-bit key in the signature at `at` (a multiplicative hash to 0..63). */
function setBit(out: Int32Array, at: number, key: number): void {
  const bit = Math.imul(key | 0, 0x9e3779b1) >>> 26;
  out[at + (bit >>> 5)]! |= 1 << (bit & 31);
}

/** All 64 bits: the record may match anything (an index outside the vocabulary). */
function fill(out: Int32Array, at: number): void {
  out[at] = -1;
  out[at + 1] = -1;
}

/**
 * Writes record r's signatures at slot i: `pairs` (kind × location, for remains every
 * compatible AM pair), `text` (tokens of the mark descriptions) and `effects` (category ×
 * token). Clears them first, so a slot can be reused.
 */
export function writeSignatures(
  pairs: Int32Array,
  text: Int32Array,
  effects: Int32Array,
  i: number,
  r: PreparedAm | PreparedPm,
  compat: MarkCompatibility,
): void {
  const at = i * SIGNATURE_WORDS;
  pairs.fill(0, at, at + SIGNATURE_WORDS);
  text.fill(0, at, at + SIGNATURE_WORDS);
  effects.fill(0, at, at + SIGNATURE_WORDS);
  for (const m of r.marks ?? []) {
    for (const token of m.tokens) {
      setBit(text, at, token);
    }
    const k = m.kindIndex;
    const l = m.locationIndex;
    if (!(k >= 0 && k < NK && l >= 0 && l < NL)) {
      fill(pairs, at);
      continue;
    }
    if (r.side === 'am') {
      setBit(pairs, at, k * NL + l + 1);
      continue;
    }
    for (let ak = 0; ak < NK; ak++) {
      if (!(compat.kind(ak, k) > 0)) {
        continue;
      }
      for (let al = 0; al < NL; al++) {
        if (compat.location(al, l) > 0) {
          setBit(pairs, at, ak * NL + al + 1);
        }
      }
    }
  }
  for (const e of r.effects ?? []) {
    const category = categoryKey(e.category);
    for (const token of e.tokens) {
      setBit(effects, at, Math.imul(token, 31) + category);
    }
  }
}

/** A 32-bit key of an effect category (FNV-1a of its name). */
function categoryKey(category: string): number {
  let h = 0x811c9dc5;
  for (let c = 0; c < category.length; c++) {
    h ^= category.charCodeAt(c);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}
