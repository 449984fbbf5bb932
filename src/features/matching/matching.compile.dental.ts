// Dental charts as bit masks for the compiled sides (matching.compile.ts): one slot per class
// (present, missing, treated, ...), two 32-bit words per slot, read by the dental bound.
import type { ProfileDental } from './matching.types.js';

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

/** ORs a chart into the masks at `at`; false when a tooth number is not FDI (no mask then). */
export function dentalMasks(
  chart: Map<string, ProfileDental['state']>,
  out: Int32Array,
  at: number,
) {
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
