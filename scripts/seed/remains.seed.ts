// Demo post-mortem data: a fictional shipwreck off Lampedusa, the remains Italy recovered, and
// their custody chains at different points (in the morgue, buried in Sicilian cemeteries,
// exhumed and repatriated to Tunisia). Idempotent: existing records are kept, chains completed.
import { buildAbility, type Actor } from '../../src/platform/authz/index.js';
import { POLICIES, type Services } from '../../src/container.js';
import { findUserByEmail, type User } from '../../src/features/users/index.js';
import { REMAINS_STATUSES } from '../../src/features/remains/index.js';
import { parseFuzzyDate } from '../../src/platform/vocabulary/index.js';
import { DEMO_PASSWORD } from './demo-password.js';
import { PLANS, type Step } from './remains.seed-data.js';

const INCIDENT_TITLE = 'Naufragio al largo di Lampedusa (demo)';
const MARKER = 'demo-seed:';

/** The second forensic practitioner of the demo (identifications need two). */
export const REVIEWER_EMAIL = 'forensic.reviewer.it@demo.test';

function actorOf(user: User, organisationId: string): Actor {
  const facts = {
    id: user.id,
    role: user.role,
    country: user.country.trim(),
    organisationId,
    sessionId: 'seed',
    requestId: 'seed-demo',
  };
  return { ...facts, ability: buildAbility(facts, POLICIES) };
}

/** Adds the demo incident, remains and custody chains that do not exist yet. */
export async function seedRemains(services: Services): Promise<{ created: number }> {
  const { db } = services;
  const user = await findUserByEmail(db, 'forensic.it@demo.test');
  if (!user?.organisationId) {
    throw new Error('seedRemains: run the identity seed first (forensic.it@demo.test)');
  }
  const actor = actorOf(user, user.organisationId);
  // Identifying remains takes two practitioners: a second demo account confirms.
  const reviewerUser =
    (await findUserByEmail(db, REVIEWER_EMAIL)) ??
    (await services.users.createAsSystem({
      email: REVIEWER_EMAIL,
      displayName: 'Demo forensic reviewer (IT)',
      role: 'forensic',
      country: 'IT',
      organisationId: user.organisationId,
      password: DEMO_PASSWORD,
      preferredLanguage: 'it',
      mfaExempt: true,
    }));
  const reviewer = actorOf(reviewerUser, user.organisationId);
  let created = 0;

  const found = await db.query<{ id: string }>(
    'SELECT id FROM incidents WHERE country = $1 AND title = $2',
    ['IT', INCIDENT_TITLE],
  );
  const incidentId =
    found[0]?.id ??
    (
      await services.incidents.create(actor, {
        kind: 'shipwreck',
        title: INCIDENT_TITLE,
        date: parseFuzzyDate('2026-08-14')!,
        place: 'Central Mediterranean, 9 nautical miles south of Lampedusa',
        coordinates: { lat: 35.36, lon: 12.58 },
        route: 'Central Mediterranean (from Sfax)',
        dead: 9,
        missing: 23,
        survivors: 41,
        source: 'Fictional demonstration data',
        description: 'Boat departed Sfax; capsized in rough sea.',
      })
    ).id;

  for (const plan of PLANS) {
    const note = `${MARKER}${plan.key}`;
    const rows = await db.query<{ id: string; code: string }>(
      'SELECT id, code FROM remains WHERE notes = $1',
      [note],
    );
    let remains = rows[0];
    if (!remains) {
      const view = await services.remains.create(actor, {
        ...plan.remains(incidentId),
        notes: note,
      });
      remains = { id: view.id as string, code: view.code as string };
      created += 1;
    }
    await walk(services, actor, remains.id, plan.steps(remains.code), 0);
    if (plan.statuses) {
      for (const status of plan.statuses) {
        const [row] = await db.query<{ status: string }>(
          'SELECT status FROM remains WHERE id = $1',
          [remains.id],
        );
        const order = (x: string) => (REMAINS_STATUSES as readonly string[]).indexOf(x);
        if (row && order(row.status) < order(status)) {
          const basis = 'DNA match with family reference sample (demo)';
          await services.remains.changeStatus(actor, remains.id, { status, basis });
          if (status === 'identified') {
            await services.remains.changeStatus(reviewer, remains.id, {
              status,
              basis: 'reviewed',
            });
          }
        }
      }
      await walk(services, actor, remains.id, plan.after ?? [], plan.steps(remains.code).length);
    }
  }
  return { created };
}

/** Appends the steps the chain does not have yet (steps[offset..] follow the events already there). */
async function walk(
  services: Services,
  actor: Actor,
  remainsId: string,
  steps: Step[],
  offset: number,
) {
  const [head] = await services.db.query<{ position: number }>(
    'SELECT position FROM custody_heads WHERE remains_id = $1',
    [remainsId],
  );
  const done = Number(head?.position ?? 0) - offset;
  for (const { at, documents, ...step } of steps.slice(Math.max(done, 0))) {
    await services.custody.append(actor, remainsId, {
      ...step,
      occurredAt: new Date(at),
      documents: documents ?? [],
    });
  }
}
