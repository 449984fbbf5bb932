import { expect } from 'chai';
import { buildOrg, buildUser, type TestUser } from './factories.js';
import { api } from './http.js';

/** A shipwreck incident body (Lampedusa). */
export function incidentBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'shipwreck',
    title: 'Shipwreck off Lampedusa',
    date: '2025-10-03',
    place: 'Central Mediterranean, 6 nautical miles south of Lampedusa',
    coordinates: { lat: 35.4, lon: 12.6 },
    route: 'Central Mediterranean',
    dead: 12,
    missing: 30,
    survivors: 45,
    source: 'Guardia Costiera, press release',
    ...overrides,
  };
}

/** A remains body with findings of every kind (overrides replace top-level fields). */
export function remainsBody(overrides: Record<string, unknown> = {}) {
  return {
    recovery: {
      date: '2025-10-04',
      place: 'Cala Pisana, Lampedusa',
      country: 'IT',
      coordinates: { lat: 35.51, lon: 12.62 },
      circumstances: 'Recovered at sea by patrol boat',
      agency: 'Guardia Costiera',
    },
    condition: 'complete',
    sex: 'male',
    age: { min: 20, max: 30 },
    stature: { min: 170, max: 180 },
    hair: 'black, short',
    eyes: 'brown',
    marks: [{ kind: 'scar', bodyLocation: 'left_arm', description: 'linear scar 5 cm' }],
    dental: [{ tooth: '11', state: 'crown', note: 'gold crown' }],
    medicalFindings: ['healed fracture of right tibia'],
    implants: [{ kind: 'orthopaedic plate', bodyLocation: 'right_leg', serialNumber: 'SN-4711' }],
    fingerprints: { taken: true, heldBy: 'Polizia Scientifica, Agrigento' },
    dnaSamples: [{ laboratory: 'LABANOF', sampleReference: 'LAB-2025-118', sampleType: 'bone' }],
    effects: [{ category: 'clothing', description: 'red football shirt', colour: 'red' }],
    documents: [{ kind: 'identity_card', issuingCountry: 'TN', description: 'damaged' }],
    photos: [{ reference: 'evidence://photos/118-1', caption: 'face' }],
    ...overrides,
  };
}

/** A forensic practitioner of a country (optionally of a given institution). */
export function buildForensic(country = 'IT', organisationId?: string): Promise<TestUser> {
  return buildUser({ role: 'forensic', country, ...(organisationId ? { organisationId } : {}) });
}

/** A forensic institution. */
export function buildInstitute(country = 'IT') {
  return buildOrg({ country, kind: 'forensic_institute' });
}

/** Registers remains through the API and returns the response body. */
export async function createRemains(
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown> & { id: string; code: string }> {
  const res = await api.post('/api/v1/remains', remainsBody(overrides), token);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body;
}

/** Records an incident through the API and returns its id. */
export async function createIncident(token: string, overrides: Record<string, unknown> = {}) {
  const res = await api.post('/api/v1/incidents', incidentBody(overrides), token);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id as string;
}

let clock = Date.parse('2025-10-04T08:00:00Z');

/** A custody event body with increasing occurredAt times. */
export function custodyEvent(kind: string, extra: Record<string, unknown> = {}) {
  clock += 3_600_000;
  return { kind, occurredAt: new Date(clock).toISOString(), ...extra };
}

/** Who answers for remains at a place. */
export const INSTITUTIONS = {
  coastGuard: { name: 'Guardia Costiera, Lampedusa', country: 'IT' },
  morgue: { name: 'Istituto di medicina legale, Palermo', country: 'IT' },
  cemeteryAuthority: { name: 'Comune di Agrigento, servizi cimiteriali', country: 'IT' },
  tunisMorgue: { name: 'Hôpital Charles Nicolle, Tunis', country: 'TN' },
  family: { name: 'Family of the deceased (handover record HR-1)', country: 'TN' },
};

/** Posts a custody event and returns the response. */
export function appendCustody(token: string, remainsId: string, body: object) {
  return api.post(`/api/v1/remains/${remainsId}/custody`, body, token);
}

/**
 * Takes remains to "identified" the way the API requires: provisional, then a proposal by the
 * given practitioner and a confirmation by a second practitioner of the same country.
 */
export async function identifyRemains(remainsId: string, proposerToken: string, country = 'IT') {
  const path = `/api/v1/remains/${remainsId}/status`;
  await api.post(path, { status: 'provisionally_identified', basis: 'DNA' }, proposerToken);
  await api.post(path, { status: 'identified', basis: 'DNA' }, proposerToken);
  const second = await buildForensic(country);
  return api.post(path, { status: 'identified', basis: 'DNA report reviewed' }, second.token);
}
