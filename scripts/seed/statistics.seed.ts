// Demo data for the statistics: fictional but realistically shaped incidents, recovered remains
// and missing-person reports along the Central Mediterranean route (from Libya and Tunisia
// towards Lampedusa and Sicily), with a few on the Western and Eastern Mediterranean and Atlantic
// routes, from January 2024 to October 2026. Every name and figure is invented; a seeded random
// generator makes the same data every time. Idempotent: nothing is added twice.
import { buildAbility, type Actor } from '../../src/platform/authz/index.js';
import { POLICIES, type Services } from '../../src/container.js';
import { findUserByEmail } from '../../src/features/users/index.js';
import { createReportBody } from '../../src/features/reports/reports.schemas.js';
import { createRemainsBody } from '../../src/features/remains/remains.schemas.js';
import { parseFuzzyDate } from '../../src/platform/vocabulary/index.js';
import { REVIEWER_EMAIL } from './remains.seed.js';

/** Marks the seeded records, so a second run adds nothing. */
export const STATISTICS_SOURCE = 'Fictional demonstration data (statistics seed)';

/** mulberry32: a small seeded generator, so the demo is the same on every machine. */
function generator(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Corridor {
  route: string;
  weight: number;
  kind: 'shipwreck' | 'desert' | 'road';
  /** Departure points: name, country, [lat, lon]. */
  from: [string, string, [number, number]][];
  /** Where incidents happen: a box [lat0, lat1, lon0, lon1]. */
  sea: [number, number, number, number];
  place: string;
  nationalities: string[];
}

const CORRIDORS: Corridor[] = [
  {
    route: 'Central Mediterranean',
    weight: 0.55,
    kind: 'shipwreck',
    from: [
      ['Zuwara', 'LY', [32.93, 12.08]],
      ['Sabratha', 'LY', [32.79, 12.49]],
      ['Garabulli', 'LY', [32.77, 13.72]],
      ['Tobruk', 'LY', [32.08, 23.96]],
    ],
    sea: [33.2, 36.4, 11.6, 15.8],
    place: 'Central Mediterranean, off the Libyan coast',
    nationalities: ['ER', 'SD', 'BD', 'EG', 'SY', 'ML', 'GN', 'PK'],
  },
  {
    route: 'Central Mediterranean (from Tunisia)',
    weight: 0.27,
    kind: 'shipwreck',
    from: [
      ['Sfax', 'TN', [34.74, 10.76]],
      ['Mahdia', 'TN', [35.5, 11.06]],
      ['Kerkennah', 'TN', [34.71, 11.2]],
    ],
    sea: [34.6, 35.8, 10.9, 12.7],
    place: 'Strait of Sicily, between Sfax and Lampedusa',
    nationalities: ['TN', 'CI', 'GN', 'CM', 'ML', 'BF'],
  },
  {
    route: 'Western Mediterranean',
    weight: 0.08,
    kind: 'shipwreck',
    from: [['Nador', 'MA', [35.17, -2.93]]],
    sea: [35.5, 36.6, -4.2, -1.2],
    place: 'Alboran Sea',
    nationalities: ['MA', 'DZ', 'GN'],
  },
  {
    route: 'Eastern Mediterranean',
    weight: 0.05,
    kind: 'shipwreck',
    from: [['Ayvalık', 'TR', [39.32, 26.69]]],
    sea: [36.8, 39.4, 26.0, 27.6],
    place: 'Aegean Sea, off the Greek islands',
    nationalities: ['AF', 'SY', 'IQ'],
  },
  {
    route: 'Atlantic (to the Canary Islands)',
    weight: 0.05,
    kind: 'shipwreck',
    from: [['Dakhla', 'EH', [23.68, -15.93]]],
    sea: [24.0, 28.0, -18.0, -15.2],
    place: 'Atlantic, on the route to the Canary Islands',
    nationalities: ['SN', 'ML', 'GM'],
  },
];

const GIVEN = [
  'Amanuel',
  'Abdel',
  'Mamadou',
  'Youssef',
  'Idris',
  'Samir',
  'Ibrahima',
  'Tesfay',
  'Omar',
  'Moussa',
  'Aisha',
  'Fatou',
  'Mariam',
  'Senait',
];
const FAMILY = [
  'Kidane',
  'Traoré',
  'Ben Salah',
  'Diallo',
  'Haddad',
  'Osman',
  'Keita',
  'Mensah',
  'Rahman',
  'Bakr',
];

function actorOf(
  user: { id: string; role: string; country: string },
  organisationId: string,
): Actor {
  const facts = {
    id: user.id,
    role: user.role as Actor['role'],
    country: user.country.trim(),
    organisationId,
    sessionId: 'seed',
    requestId: 'seed-demo-statistics',
  };
  return { ...facts, ability: buildAbility(facts, POLICIES) };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Seeds the statistics demo data unless it is already there. */
export async function seedStatistics(services: Services): Promise<{ created: number }> {
  const { db } = services;
  const done = await db.query('SELECT 1 FROM incidents WHERE source = $1 LIMIT 1', [
    STATISTICS_SOURCE,
  ]);
  if (done.length > 0) {
    return { created: 0 };
  }
  const forensicUser = await findUserByEmail(db, 'forensic.it@demo.test');
  const reviewerUser = await findUserByEmail(db, REVIEWER_EMAIL);
  const caseworkerUser = await findUserByEmail(db, 'caseworker.it@demo.test');
  if (!forensicUser?.organisationId || !reviewerUser || !caseworkerUser?.organisationId) {
    throw new Error('seedStatistics: run the identity and remains seeds first');
  }
  const forensic = actorOf(forensicUser, forensicUser.organisationId);
  const reviewer = actorOf(reviewerUser, forensicUser.organisationId);
  const caseworker = actorOf(caseworkerUser, caseworkerUser.organisationId);
  const rand = generator(20261129);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
  const corridor = () => {
    let u = rand();
    for (const c of CORRIDORS) {
      if ((u -= c.weight) <= 0) {
        return c;
      }
    }
    return CORRIDORS[0]!;
  };
  const start = Date.parse('2024-01-01');
  const span = Date.parse('2026-10-31') - start;
  let created = 0;
  let remainsNo = 0;

  for (let k = 0; k < 48; k++) {
    const c = corridor();
    // More crossings in summer: draw twice and keep the date nearer July.
    const d1 = new Date(start + rand() * span);
    const d2 = new Date(start + rand() * span);
    const summer = (d: Date) => Math.abs(d.getUTCMonth() - 6.5);
    const date = summer(d1) <= summer(d2) ? d1 : d2;
    const [lat0, lat1, lon0, lon1] = c.sea;
    const lat = Number(between(lat0, lat1).toFixed(3));
    const lon = Number(between(lon0, lon1).toFixed(3));
    // Heavy-tailed tolls: most boats lose a few people, a few lose dozens.
    const onBoard = Math.round(between(25, 90));
    const lost = Math.min(
      onBoard,
      Math.round(2 + 40 * rand() ** 3 + (rand() < 0.08 ? between(30, 70) : 0)),
    );
    const dead = Math.round(lost * between(0.15, 0.5));
    const missing = lost - dead;
    const [departure, depCountry, depAt] = pick(c.from);
    const incident = await services.incidents.create(forensic, {
      kind: c.kind,
      title: `Shipwreck after departure from ${departure}, ${iso(date).slice(0, 7)} (demo)`,
      date: parseFuzzyDate(iso(date))!,
      place: c.place,
      coordinates: { lat, lon },
      route: c.route,
      dead,
      missing,
      survivors: onBoard - lost,
      source: STATISTICS_SOURCE,
      description: 'Fictional incident generated for the statistics demonstration.',
    });
    created += 1;
    // Italy recovers most bodies on the Central Mediterranean routes, some days later.
    const recovered = c.route.startsWith('Central') ? Math.round(dead * between(0.4, 0.8)) : 0;
    for (let b = 0; b < recovered; b++) {
      const at = new Date(date.getTime() + Math.round(between(0, 9)) * 86_400_000);
      const ashore = rand() < 0.5;
      const view = await services.remains.create(
        forensic,
        createRemainsBody.parse({
          recovery: {
            date: iso(at),
            place: ashore ? 'Shore of Lampedusa' : 'At sea, recovered by patrol boat',
            ...(ashore ? { country: 'IT' } : {}),
            coordinates: ashore
              ? {
                  lat: Number(between(35.48, 35.53).toFixed(3)),
                  lon: Number(between(12.55, 12.65).toFixed(3)),
                }
              : {
                  lat: Number((lat + between(-0.3, 0.3)).toFixed(3)),
                  lon: Number((lon + between(-0.3, 0.3)).toFixed(3)),
                },
            agency: 'Guardia Costiera (demo)',
            incidentId: incident.id,
          },
          condition: pick(['complete', 'complete', 'partial', 'skeletal'] as const),
          sex: rand() < 0.85 ? 'male' : 'female',
          age: (() => {
            const a = Math.round(between(16, 45));
            return { min: a - 3, max: a + 4 };
          })(),
          notes: `statistics-seed:${remainsNo++}`,
        }),
      );
      created += 1;
      // About three in ten are identified, by two practitioners.
      if (rand() < 0.3) {
        const basis = 'DNA match with a family reference sample (demo)';
        await services.remains.changeStatus(forensic, view.id as string, {
          status: 'provisionally_identified',
          basis: 'Effects and dental findings (demo)',
        });
        await services.remains.changeStatus(forensic, view.id as string, {
          status: 'identified',
          basis,
        });
        await services.remains.changeStatus(reviewer, view.id as string, {
          status: 'identified',
          basis: 'reviewed',
        });
      }
    }
    // Families report some of the missing in Italy.
    const reported = Math.round(missing * between(0.1, 0.3));
    for (let r = 0; r < reported; r++) {
      const child = rand() < 0.12;
      const unaccompanied = rand() < 0.7;
      const age = child ? Math.round(between(13, 17)) : Math.round(between(18, 48));
      const born = date.getUTCFullYear() - age;
      const nationality = pick(c.nationalities);
      const sex = rand() < 0.82 ? 'male' : 'female';
      const input = createReportBody.parse({
        person: {
          names: [
            { kind: 'given', value: pick(GIVEN), script: 'Latn' },
            { kind: 'family', value: pick(FAMILY), script: 'Latn' },
          ],
          sex,
          dateOfBirth: String(born),
          nationalities: [nationality],
          languages: [],
        },
        disappearance: {
          lastSeenDate: iso(date),
          lastSeenPlace: departure,
          lastSeenCountry: depCountry,
          coordinates: {
            lat: Number((depAt[0] + between(-0.05, 0.05)).toFixed(3)),
            lon: Number((depAt[1] + between(-0.05, 0.05)).toFixed(3)),
          },
          route: c.route,
          circumstances: 'Boarded a boat at night (fictional demonstration report).',
          incidentId: incident.id,
        },
        flags: {
          unaccompaniedChild: child && unaccompanied,
          separatedChild: child && !unaccompanied,
          pregnant: false,
          disability: false,
        },
        consent: {
          domesticSearch: 'granted',
          forensicSharing: 'granted',
          crossBorderMatching: 'granted',
          givenBy: 'reporting relative, at interview',
        },
        internalNotes: 'statistics-seed',
      });
      await services.reports.create(caseworker, input);
      created += 1;
    }
  }
  return { created };
}
