// npm run seed:demo — a demonstration of the Central Mediterranean route: Tunisia and Italy,
// an organisation of each kind in each, one user of every role per country. Safe to run twice.
import { bootstrap } from '../src/bootstrap.js';
import { ROLES, type Role } from '../src/platform/authz/index.js';
import type { Services } from '../src/container.js';
import { findUserByEmail } from '../src/features/users/index.js';
import { seedContactPoints } from './seed/contact-points.seed.js';
import { DEMO_PASSWORD } from './seed/demo-password.js';
import { seedRemains } from './seed/remains.seed.js';
import { seedReports } from './seed/reports.seed.js';
import { seedStatistics } from './seed/statistics.seed.js';

export { DEMO_PASSWORD };

const ORGS = {
  TN: {
    authority: 'Ministère de l’Intérieur — Direction des migrations',
    forensic_institute: 'Service de médecine légale, Hôpital Charles Nicolle, Tunis',
    consulate: 'Consulat général de Tunisie à Palerme',
    tracing_service: 'Croissant-Rouge tunisien — Rétablissement des liens familiaux',
  },
  IT: {
    authority: 'Commissario straordinario per le persone scomparse',
    forensic_institute: 'LABANOF — Istituto di medicina legale, Milano',
    consulate: 'Consolato d’Italia a Tunisi',
    tracing_service: 'Croce Rossa Italiana — Restoring Family Links',
  },
} as const;

type Country = keyof typeof ORGS;
type Kind = keyof (typeof ORGS)[Country];

const KIND_FOR_ROLE: Record<Exclude<Role, 'family'>, Kind> = {
  admin: 'authority',
  auditor: 'authority',
  analyst: 'authority',
  caseworker: 'tracing_service',
  forensic: 'forensic_institute',
  contact_point: 'consulate',
};

async function ensureOrg(services: Services, country: Country, kind: Kind): Promise<string> {
  const name = ORGS[country][kind];
  const rows = await services.db.query<{ id: string }>(
    'SELECT id FROM organisations WHERE country = $1 AND name = $2',
    [country, name],
  );
  return rows[0]?.id ?? (await services.organisations.create(null, { name, kind, country })).id;
}

/** Creates the demo organisations and users that do not exist yet. */
export async function seedIdentity(services: Services): Promise<{ created: number }> {
  let created = 0;
  for (const country of Object.keys(ORGS) as Country[]) {
    for (const role of ROLES) {
      const email = `${role}.${country.toLowerCase()}@demo.test`;
      if (await findUserByEmail(services.db, email)) {
        continue;
      }
      const organisationId =
        role === 'family' ? null : await ensureOrg(services, country, KIND_FOR_ROLE[role]);
      await services.users.createAsSystem({
        email,
        displayName: `Demo ${role.replace('_', ' ')} (${country})`,
        role,
        country,
        organisationId,
        password: DEMO_PASSWORD,
        preferredLanguage: country === 'TN' ? (role === 'family' ? 'ar' : 'fr') : 'it',
        mfaExempt: true,
      });
      created += 1;
    }
    for (const kind of Object.keys(ORGS[country]) as Kind[]) {
      await ensureOrg(services, country, kind);
    }
  }
  return { created };
}

/** The feature demo data, after identity; contact points first, so that demo reports are routed. */
export async function seedFeatures(services: Services): Promise<void> {
  await seedContactPoints(services);
  await seedReports(services);
  await seedRemains(services);
}

/** Seeds the demo into the configured database and prints how to log in. */
async function main(): Promise<void> {
  const { db, services } = await bootstrap({
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  try {
    const { created } = await seedIdentity(services);
    await seedFeatures(services);
    await seedStatistics(services);
    console.log(
      'demo data: contact points, reports, incidents and remains for the statistics (existing ones kept)',
    );
    console.log(`demo identity: ${created} users created (existing ones kept)`);
    console.log(
      `log in as <role>.<country>@demo.test, e.g. caseworker.it@demo.test or family.tn@demo.test`,
    );
    console.log(`roles: ${ROLES.join(', ')}; countries: tn, it`);
    console.log(`demo password for every demo account: ${DEMO_PASSWORD}`);
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
