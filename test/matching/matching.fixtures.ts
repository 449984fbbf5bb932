// Hand-made AM and PM profiles for the matching engine's unit tests.
import type { AmProfile, PmProfile } from '../../src/features/matching/index.js';

/** A report: a young man last seen off Libya in a shipwreck, with a tattoo and a known implant. */
export function buildAm(overrides: Partial<AmProfile> = {}): AmProfile {
  return {
    id: 'am-1',
    sex: 'male',
    ageRange: { min: 24, max: 26 },
    statureRange: { min: 172, max: 178 },
    lastSeen: { earliest: '2024-05-12', latest: '2024-05-12' },
    lastSeenPlace: { lat: 32.9, lon: 13.2 },
    route: 'central_med',
    incidentId: 'inc-1',
    marks: [{ kind: 'tattoo', bodyLocation: 'left_arm', description: 'rose with initials A.M.' }],
    dental: [
      { tooth: '16', state: 'filled' },
      { tooth: '36', state: 'missing' },
      { tooth: '11', state: 'present' },
    ],
    implants: [],
    effects: [
      { category: 'clothing', description: 'red football shirt', colour: 'red', brand: 'Adidas' },
    ],
    ...overrides,
  };
}

/** The remains of the person in buildAm, as a medico-legal examination would describe them. */
export function buildPm(overrides: Partial<PmProfile> = {}): PmProfile {
  return {
    id: 'pm-true',
    condition: 'complete',
    sex: 'male',
    ageRange: { min: 20, max: 30 },
    statureRange: { min: 170, max: 180 },
    recovered: { earliest: '2024-05-19', latest: '2024-05-19' },
    recoveryPlace: { lat: 33.1, lon: 13.5 },
    route: 'central_med',
    incidentId: 'inc-1',
    marks: [{ kind: 'tattoo', bodyLocation: 'left_hand', description: 'flower and letters AM' }],
    dental: [
      { tooth: '16', state: 'filled' },
      { tooth: '36', state: 'missing' },
      { tooth: '11', state: 'present' },
    ],
    implants: [],
    effects: [
      {
        category: 'clothing',
        description: 'red t-shirt, football',
        colour: 'crimson',
        brand: 'adidas',
      },
    ],
    ...overrides,
  };
}
