// The quasi-identifiers of a missing-person report as encoder field values (schema
// ariadne-clk/1, docs/linkage-schema.md). Names come from the shared normaliser in
// platform/names, so every spelling and script of a name lands on the same Latin forms.
import { nameForms, nameTokens, normaliseName } from '../../platform/names/index.js';
import type { FuzzyDate, NumericRange } from '../../platform/vocabulary/index.js';
import type { FieldValues } from './linkage.encoder.js';

/** The parts of a report's person section the encoder reads. */
export interface LinkagePerson {
  names: { value: string; latin?: string }[];
  sex?: string;
  dateOfBirth?: FuzzyDate;
  ageEstimate?: NumericRange;
  nationalities?: string[];
  placeOfBirth?: { place: string; country?: string };
}

/** Digits of a date to its stated precision (a range keeps what its ends share). */
export function dateDigits(d: FuzzyDate): string {
  const a = d.earliest.replace(/-/g, '');
  const b = d.latest.replace(/-/g, '');
  let i = 0;
  while (i < a.length && a[i] === b[i]) {
    i++;
  }
  // Only whole components: YYYY, YYYYMM or YYYYMMDD.
  return i >= 8 ? a : i >= 6 ? a.slice(0, 6) : i >= 4 ? a.slice(0, 4) : '';
}

/** Years of birth the person may have been born in (at most 15 years wide, else none). */
export function birthYears(p: LinkagePerson, reference: Date): [number, number] | null {
  if (p.dateOfBirth) {
    return [Number(p.dateOfBirth.earliest.slice(0, 4)), Number(p.dateOfBirth.latest.slice(0, 4))];
  }
  if (p.ageEstimate) {
    const y = reference.getUTCFullYear();
    const range: [number, number] = [y - p.ageEstimate.max - 1, y - p.ageEstimate.min];
    return range[1] - range[0] <= 15 ? range : null;
  }
  return null;
}

/** Year-of-birth buckets (5-year buckets, and the same shifted by 2), so ±2 years still overlap. */
export function yearBuckets(years: [number, number] | null): string[] {
  if (!years) {
    return [];
  }
  const out = new Set<string>();
  for (let y = years[0]; y <= years[1]; y++) {
    out.add(`a${Math.floor(y / 5)}`);
    out.add(`b${Math.floor((y + 2) / 5)}`);
  }
  return [...out];
}

/** Field values of one person under ariadne-clk/1. */
export function personFields(p: LinkagePerson, reference = new Date()): FieldValues {
  const written = p.names.flatMap((n) => (n.latin ? [n.value, n.latin] : [n.value]));
  const words = new Set(nameForms(written).flatMap((f) => f.split(' ')));
  const sounds = new Set(written.flatMap((n) => nameTokens(n).map((t) => t.key)));
  const origin = p.placeOfBirth ? normaliseName(p.placeOfBirth.place).split(' ') : [];
  const dob = p.dateOfBirth ? dateDigits(p.dateOfBirth) : '';
  return {
    name: [...words].filter(Boolean),
    nameSound: [...sounds].filter(Boolean),
    sex: p.sex === 'female' || p.sex === 'male' ? [p.sex] : [],
    dob: dob ? [dob] : [],
    yob: yearBuckets(birthYears(p, reference)),
    nationality: [...new Set(p.nationalities ?? [])],
    origin: [
      ...origin.filter(Boolean),
      ...(p.placeOfBirth?.country ? [p.placeOfBirth.country] : []),
    ],
  };
}
