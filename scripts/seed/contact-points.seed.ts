// Demo family contact points: the consulate of each demo country is designated, staffed by the
// demo contact-point user. Run before the reports seed so demo reports are routed. Idempotent.
import { buildAbility, type Actor } from '../../src/platform/authz/index.js';
import { POLICIES, type Services } from '../../src/container.js';
import { findUserByEmail } from '../../src/features/users/index.js';
import { createContactPointBody } from '../../src/features/contact-points/contact-points.schemas.js';

const DESIGNATIONS = [
  {
    country: 'IT',
    name: 'Family tracing desk — Consolato d’Italia a Tunisi',
    countries: [],
    nationalities: [],
    languages: ['it', 'en', 'fr', 'ar'],
    channels: [
      { kind: 'phone', value: '+216 71 000 000' },
      { kind: 'email', value: 'famiglie@consolato.example' },
    ],
    hours: 'Mon–Fri 9:00–13:00 CET',
  },
  {
    country: 'TN',
    name: 'Cellule des familles — Consulat général de Tunisie à Palerme',
    countries: ['TN', 'IT'],
    nationalities: ['TN'],
    languages: ['ar', 'fr', 'it'],
    channels: [{ kind: 'phone', value: '+39 091 000 000' }],
    hours: 'Lun–Ven 9h–16h',
  },
];

/** Designates the demo contact points that do not exist yet. */
export async function seedContactPoints(services: Services): Promise<{ created: number }> {
  const { db } = services;
  let created = 0;
  for (const { country, ...body } of DESIGNATIONS) {
    const cc = country.toLowerCase();
    const admin = await findUserByEmail(db, `admin.${cc}@demo.test`);
    const staff = await findUserByEmail(db, `contact_point.${cc}@demo.test`);
    if (!admin?.organisationId || !staff?.organisationId) {
      throw new Error('seedContactPoints: run the identity seed first');
    }
    const existing = await db.query('SELECT 1 FROM contact_points WHERE organisation_id = $1', [
      staff.organisationId,
    ]);
    if (existing.length > 0) {
      continue;
    }
    const facts = {
      id: admin.id,
      role: admin.role,
      country: admin.country.trim(),
      organisationId: admin.organisationId,
      sessionId: 'seed',
      requestId: 'seed-demo',
    };
    const actor: Actor = { ...facts, ability: buildAbility(facts, POLICIES) };
    await services.contactPoints.create(
      actor,
      createContactPointBody.parse({
        ...body,
        organisationId: staff.organisationId,
        staffIds: [staff.id],
      }),
    );
    created += 1;
  }
  return { created };
}
