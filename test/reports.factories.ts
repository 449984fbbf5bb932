import type { Role } from '../src/platform/authz/index.js';
import { buildUser, type TestUser } from './factories.js';
import { api } from './http.js';

/** A name variant as the API takes it. */
export interface NameInput {
  kind: 'given' | 'family' | 'other' | 'nickname' | 'patronymic';
  value: string;
  script: string;
  latin?: string;
}

/** A complete, valid report body; `over` replaces whole sections. */
export function reportBody(over: Record<string, unknown> = {}, names?: NameInput[]) {
  return {
    person: {
      names: names ?? [
        { kind: 'given', value: 'Yohannes', script: 'Latn' },
        { kind: 'family', value: 'Haile', script: 'Latn' },
      ],
      sex: 'male',
      dateOfBirth: '1998',
      nationalities: ['ER'],
      languages: ['ti'],
      documents: [{ kind: 'national_id', number: 'ER-55501', issuingCountry: 'ER' }],
    },
    disappearance: {
      lastSeenDate: '2024-05-01/2024-05-20',
      lastSeenPlace: 'Zuwara',
      lastSeenCountry: 'LY',
      coordinates: { lat: 32.93, lon: 12.08 },
      route: 'Central Mediterranean',
      circumstances: 'Left by boat at night.',
    },
    description: {
      height: { min: 170, max: 178 },
      marks: [{ kind: 'scar', bodyLocation: 'left_arm', description: 'burn scar' }],
      clothing: [{ category: 'clothing', description: 'red jacket' }],
    },
    medical: {
      dental: [{ tooth: '11', state: 'crown', note: 'gold crown' }],
      implants: [{ kind: 'plate', bodyLocation: 'right_leg', serialNumber: 'SN-123' }],
    },
    dnaSamples: [
      {
        relationship: 'mother',
        laboratory: 'ICMP',
        sampleReference: 'ICMP-77',
        collectedOn: '2024-07',
      },
    ],
    relatives: [
      {
        name: 'Saba Haile',
        relationship: 'mother',
        contact: { phone: '+291 1 555 0101', email: 'saba@example.org' },
        preferredLanguage: 'ti',
      },
    ],
    consent: {
      domesticSearch: 'granted',
      forensicSharing: 'granted',
      crossBorderMatching: 'granted',
      givenBy: 'mother',
    },
    ...over,
  };
}

/** A caseworker or family user of a country. */
export function reportUser(role: Role, country = 'IT'): Promise<TestUser> {
  return buildUser({ role, country });
}

/** Files a report through the API and returns its body (throws on failure). */
export async function fileReport(token: string, body: object = reportBody()) {
  const res = await api.post('/api/v1/reports', body, token);
  if (res.status !== 201) {
    throw new Error(`fileReport: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as { id: string; caseNumber: string; relatives?: { id: string }[] } & Record<
    string,
    unknown
  >;
}
