// Demo ante-mortem data: missing-person reports filed in Italy by caseworkers for families
// from Eritrea, Tunisia, Afghanistan, Guinea and Syria, in their own scripts with Latin
// transliterations. Idempotent: a report whose marker already exists is not filed again.
import { buildAbility, type Actor } from '../../src/platform/authz/index.js';
import { POLICIES, type Services } from '../../src/container.js';
import { findUserByEmail } from '../../src/features/users/index.js';
import type { CreateReportInput } from '../../src/features/reports/reports.schemas.js';
import { createReportBody } from '../../src/features/reports/reports.schemas.js';

const MARKER = 'demo-seed:';

const name = (kind: string, value: string, script = 'Latn', latin?: string) => ({
  kind,
  value,
  script,
  ...(latin ? { latin } : {}),
});

const consent = (crossBorder: boolean) => ({
  domesticSearch: 'granted',
  forensicSharing: 'granted',
  crossBorderMatching: crossBorder ? 'granted' : 'refused',
  givenBy: 'reporting relative, at interview',
});

/** The demo reports (raw bodies, validated by the same schema as the API). */
const REPORTS: { key: string; forFamily?: boolean; body: Record<string, unknown> }[] = [
  {
    key: 'yohannes',
    forFamily: true,
    body: {
      person: {
        names: [
          name('given', 'ዮሃንስ', 'Ethi', 'Yohannes'),
          name('family', 'ተስፋይ', 'Ethi', 'Tesfay'),
        ],
        sex: 'male',
        dateOfBirth: '2001-03',
        nationalities: ['ER'],
        languages: ['ti'],
      },
      disappearance: {
        lastSeenDate: '2026-08-10/2026-08-14',
        lastSeenPlace: 'Sfax',
        lastSeenCountry: 'TN',
        route: 'Central Mediterranean',
        circumstances: 'Phoned his mother before boarding a boat leaving Sfax at night.',
      },
      description: {
        height: { min: 172, max: 178 },
        build: 'slim',
        marks: [
          { kind: 'scar', bodyLocation: 'left_arm', description: 'burn scar on the forearm' },
        ],
        clothing: [{ category: 'clothing', description: 'red hooded jacket', colour: 'red' }],
      },
      medical: { dental: [{ tooth: '11', state: 'crown', note: 'metal crown' }] },
      dnaSamples: [
        {
          relationship: 'mother',
          laboratory: 'ICMP',
          sampleReference: 'DEMO-ICMP-001',
          collectedOn: '2026-09',
        },
      ],
      relatives: [
        {
          name: 'Saba Tesfay',
          relationship: 'mother',
          contact: { phone: '+291 1 000 0000' },
          preferredLanguage: 'ti',
        },
      ],
      consent: consent(true),
    },
  },
  {
    key: 'amine',
    body: {
      person: {
        names: [
          name('given', 'محمد أمين', 'Arab', 'Mohamed Amine'),
          name('family', 'الطرابلسي', 'Arab', 'Trabelsi'),
        ],
        sex: 'male',
        dateOfBirth: '2009',
        nationalities: ['TN'],
        languages: ['ar', 'fr'],
      },
      flags: { unaccompaniedChild: true },
      disappearance: {
        lastSeenDate: '2026-08-13',
        lastSeenPlace: 'Sfax port',
        lastSeenCountry: 'TN',
        route: 'Central Mediterranean',
        circumstances: 'Left without telling his family; friends say he boarded with cousins.',
      },
      relatives: [
        {
          name: 'Leila Trabelsi',
          relationship: 'mother',
          contact: { phone: '+216 00 000 000' },
          preferredLanguage: 'ar',
        },
      ],
      consent: consent(true),
    },
  },
  {
    key: 'hossein',
    body: {
      person: {
        names: [
          name('given', 'حسین', 'Arab', 'Hossein'),
          name('family', 'رضایی', 'Arab', 'Rezaei'),
          name('nickname', 'Hosi'),
        ],
        sex: 'male',
        ageEstimate: { min: 25, max: 30 },
        nationalities: ['AF'],
        languages: ['fa'],
      },
      disappearance: {
        lastSeenDate: '2026-06',
        lastSeenPlace: 'Bihać',
        lastSeenCountry: 'BA',
        route: 'Western Balkans',
        circumstances: 'Last message from a camp near the Croatian border.',
      },
      consent: consent(false),
    },
  },
  {
    key: 'mariama',
    body: {
      person: {
        names: [name('given', 'Mariama'), name('family', 'Diallo')],
        sex: 'female',
        dateOfBirth: '1996-11-02',
        nationalities: ['GN'],
        languages: ['ff', 'fr'],
      },
      flags: { pregnant: true },
      disappearance: {
        lastSeenDate: '2026-07-01/2026-07-20',
        lastSeenPlace: 'Agadez',
        lastSeenCountry: 'NE',
        route: 'Sahara crossing',
        circumstances: 'Travelling with a group towards Libya.',
      },
      consent: consent(true),
    },
  },
];

/** Files the demo reports that do not exist yet, as the Italian demo caseworker. */
export async function seedReports(services: Services): Promise<{ created: number }> {
  const { db } = services;
  const user = await findUserByEmail(db, 'caseworker.it@demo.test');
  const family = await findUserByEmail(db, 'family.it@demo.test');
  if (!user?.organisationId) {
    throw new Error('seedReports: run the identity seed first (caseworker.it@demo.test)');
  }
  const facts = {
    id: user.id,
    role: user.role,
    country: user.country.trim(),
    organisationId: user.organisationId,
    sessionId: 'seed',
    requestId: 'seed-demo',
  };
  const actor: Actor = { ...facts, ability: buildAbility(facts, POLICIES) };
  let created = 0;
  for (const r of REPORTS) {
    const marker = `${MARKER}${r.key}`;
    if ((await db.query('SELECT 1 FROM reports WHERE internal_notes = $1', [marker])).length > 0) {
      continue;
    }
    const input: CreateReportInput = createReportBody.parse({
      ...r.body,
      internalNotes: marker,
      ...(r.forFamily && family ? { familyAccountId: family.id } : {}),
    });
    await services.reports.create(actor, input);
    created++;
  }
  return { created };
}
