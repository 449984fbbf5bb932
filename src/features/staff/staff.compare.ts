// The side-by-side comparison of one candidate pair: for each attribute the engine scores, what
// the ante-mortem report says, what the post-mortem examination found, the engine's own
// contribution and explanation, and — where nothing was compared — which evidence is missing.
// Pure: it takes the records as the actor may read them and the candidate's stored parts.
import {
  remainsToPm,
  reportToAm,
  type AmProfile,
  type Attribute,
  type PmProfile,
  type ScorePart,
} from '../matching/index.js';

/** Attributes in the order a reviewer reads them (INTERPOL: primary identifiers last, as results). */
export const COMPARED: readonly Attribute[] = [
  'sex',
  'age',
  'stature',
  'time',
  'distance',
  'incident',
  'route',
  'marks',
  'dental',
  'implants',
  'effects',
  'dna',
  'fingerprint',
  'dental_comparison',
];

/** Why an attribute was not compared. */
export type Missing = 'am' | 'pm' | 'both' | 'lab';

/** One line of the comparison. */
export interface ComparisonRow {
  attribute: Attribute;
  am: string[];
  pm: string[];
  /** The engine's contribution (log10 likelihood ratio), when it compared the attribute. */
  log10lr: number | null;
  explanation: string | null;
  missing: Missing | null;
}

type Rec = Record<string, unknown>;
const range = (r?: { min?: number; max?: number }, unit = '') =>
  r ? [`${r.min ?? '?'}–${r.max ?? '?'}${unit}`] : [];
const dates = (d?: { earliest: string; latest: string }) =>
  d ? [d.earliest === d.latest ? d.earliest : `${d.earliest} – ${d.latest}`] : [];

function values(
  attribute: Attribute,
  side: AmProfile | PmProfile,
  raw: { place?: string; dna: number; fingerprints: boolean },
): string[] {
  switch (attribute) {
    case 'sex':
      return side.sex && side.sex !== 'unknown' ? [side.sex] : [];
    case 'age':
      return range(side.ageRange);
    case 'stature':
      return range(side.statureRange, ' cm');
    case 'time':
      return dates('lastSeen' in side ? side.lastSeen : (side as PmProfile).recovered);
    case 'distance': {
      const c = 'lastSeenPlace' in side ? side.lastSeenPlace : (side as PmProfile).recoveryPlace;
      const place = raw.place ? [raw.place] : [];
      return c ? [...place, `${c.lat.toFixed(2)}, ${c.lon.toFixed(2)}`] : place;
    }
    case 'incident':
      return side.incidentId ? [side.incidentId] : [];
    case 'route':
      return side.route ? [side.route] : [];
    case 'marks':
      return (side.marks ?? []).map(
        (m) => `${m.kind} · ${m.bodyLocation}${m.description ? ` · ${m.description}` : ''}`,
      );
    case 'dental':
      return (side.dental ?? []).map((d) => `${d.tooth} ${d.state}${d.note ? ` · ${d.note}` : ''}`);
    case 'implants':
      return (side.implants ?? []).map(
        (i) => `${i.kind}${i.serialNumber ? ` · ${i.serialNumber}` : ''}`,
      );
    case 'effects':
      return (side.effects ?? []).map(
        (e) => `${e.category} · ${e.description}${e.colour ? ` · ${e.colour}` : ''}`,
      );
    case 'dna':
      return raw.dna > 0 ? [`${raw.dna} ×`] : [];
    case 'fingerprint':
      return raw.fingerprints ? ['✓'] : [];
    case 'dental_comparison':
      return (side.dental ?? []).length > 0 ? [`${side.dental!.length} ×`] : [];
  }
}

const LAB: readonly Attribute[] = ['dna', 'fingerprint', 'dental_comparison'];

/** Builds the comparison rows of a report and remains (as the actor reads them) and the pair's parts. */
export function compare(report: Rec, remains: Rec, parts: readonly ScorePart[]): ComparisonRow[] {
  const am = reportToAm(report as unknown as Parameters<typeof reportToAm>[0]);
  const pm = remainsToPm(remains as unknown as Parameters<typeof remainsToPm>[0]);
  const amRaw = {
    place: (report.disappearance as { lastSeenPlace?: string } | undefined)?.lastSeenPlace,
    dna: ((report.dnaSamples as unknown[] | undefined) ?? []).length,
    fingerprints: false,
  };
  const pmRaw = {
    place: (remains.recovery as { place?: string } | undefined)?.place,
    dna: ((remains.dnaSamples as unknown[] | undefined) ?? []).length,
    fingerprints: Boolean((remains.fingerprints as { taken?: boolean } | undefined)?.taken),
  };
  return COMPARED.map((attribute) => {
    const part = parts.filter((p) => p.attribute === attribute);
    const a = values(attribute, am, amRaw);
    const b = values(attribute, pm, pmRaw);
    const scored = part.length > 0;
    return {
      attribute,
      am: a,
      pm: b,
      log10lr: scored ? part.reduce((sum, p) => sum + p.log10lr, 0) : null,
      explanation: scored ? part.map((p) => p.explanation).join(' ') : null,
      missing: scored
        ? null
        : LAB.includes(attribute)
          ? 'lab'
          : a.length === 0 && b.length === 0
            ? 'both'
            : a.length === 0
              ? 'am'
              : b.length === 0
                ? 'pm'
                : null,
    };
  });
}
