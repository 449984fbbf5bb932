// The demo story's records: a Tunisian caseworker files a report for a young man who left
// Sfax by boat; Italian forensic practitioners record remains recovered off Lampedusa. Filed
// once (idempotent); the channel and the match workers of both nodes do the rest.
import { call, login, type DemoNode } from './nodes.js';

/** The Tunisian report (the family consents to forensic sharing and cross-border matching). */
export const TN_REPORT = {
  person: {
    names: [
      { kind: 'given', value: 'محمد', script: 'Arab', latin: 'Mohamed' },
      { kind: 'family', value: 'بن علي', script: 'Arab', latin: 'Ben Ali' },
    ],
    sex: 'male',
    dateOfBirth: '2001',
    nationalities: ['TN'],
    languages: ['ar'],
  },
  disappearance: {
    lastSeenDate: '2025-09-28/2025-10-01',
    lastSeenPlace: 'Sfax',
    lastSeenCountry: 'TN',
    coordinates: { lat: 34.74, lon: 10.76 },
    route: 'Central Mediterranean',
    circumstances: 'Left Sfax by boat towards Lampedusa at night.',
  },
  description: {
    height: { min: 172, max: 178 },
    marks: [{ kind: 'scar', bodyLocation: 'left_arm', description: 'linear scar' }],
    clothing: [{ category: 'clothing', description: 'red football shirt', colour: 'red' }],
  },
  medical: {
    dental: [{ tooth: '11', state: 'crown', note: 'gold crown' }],
    implants: [{ kind: 'orthopaedic plate', bodyLocation: 'right_leg', serialNumber: 'SN-4711' }],
  },
  relatives: [
    {
      name: 'Fatma Ben Ali',
      relationship: 'mother',
      contact: { phone: '+216 74 000 000' },
      preferredLanguage: 'ar',
    },
  ],
  consent: {
    domesticSearch: 'granted',
    forensicSharing: 'granted',
    crossBorderMatching: 'granted',
    givenBy: 'mother',
  },
};

/** Remains recovered off Lampedusa, examined in Italy. */
export const IT_REMAINS = {
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
  marks: [{ kind: 'scar', bodyLocation: 'left_arm', description: 'linear scar 5 cm' }],
  dental: [{ tooth: '11', state: 'crown', note: 'gold crown' }],
  implants: [{ kind: 'orthopaedic plate', bodyLocation: 'right_leg', serialNumber: 'SN-4711' }],
  effects: [{ category: 'clothing', description: 'red football shirt', colour: 'red' }],
};

/** Files the report in Tunisia and the remains in Italy, unless already there. */
export async function seedStory(tn: DemoNode, it: DemoNode): Promise<void> {
  const caseworker = await login(tn, 'caseworker');
  const reports = await call(tn, 'GET', '/api/v1/reports?limit=1', caseworker);
  if (Number(reports.body.total ?? 0) === 0) {
    const res = await call(tn, 'POST', '/api/v1/reports', caseworker, TN_REPORT);
    if (res.status !== 201) {
      throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  const forensic = await login(it, 'forensic');
  const remains = await call(it, 'GET', '/api/v1/remains?limit=1', forensic);
  if (Number(remains.body.total ?? 0) === 0) {
    const res = await call(it, 'POST', '/api/v1/remains', forensic, IT_REMAINS);
    if (res.status !== 201) {
      throw new Error(`remains: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
}
