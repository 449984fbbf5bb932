// The seeded generator of bench:load: accounts and template records through the application,
// then `size` reports and size/5 remains cloned from them in set-based statements (INSERT …
// SELECT over generate_series and unnest), with the secondary indexes built after the load.
import type { Services } from '../../src/container.js';
import type { Database } from '../../src/platform/db/index.js';
import { namePool, type NamePool } from './names.js';
import { createAccounts, fileTemplates, loginAll, type Personas } from './world.js';
import { buildIndexes, seedSession, setIndexesAside } from './seed.sql.js';
import { seedReports } from './seed.reports.js';
import { seedCandidates, seedCustody, seedRemains } from './seed.remains.js';
import { verifySeed, type Agreement } from './verify.js';

/** Seconds each seeding step took, and the agreement check. */
export interface SeedTimes {
  steps: Record<string, number>;
  totalSeconds: number;
  agreement: Agreement;
}

const TABLES = [
  'reports',
  'report_name_tokens',
  'report_status_events',
  'remains',
  'custody_events',
  'custody_heads',
  'match_candidates',
];

/** The name pool of a node of `size` reports (about 50 reports per distinct person). */
export function poolFor(size: number, seed: number): NamePool {
  return namePool(Math.max(200, Math.min(20_000, Math.round(size / 50))), seed);
}

/** Seeds an empty, migrated node of `size` reports; `base` is the running application. */
export async function seedNode(
  url: string,
  db: Database,
  services: Services,
  base: string,
  size: number,
  seed: number,
): Promise<SeedTimes> {
  const steps: Record<string, number> = {};
  const t0 = performance.now();
  let last = t0;
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Number(((now - last) / 1000).toFixed(1));
    last = now;
    console.log(`  seeded ${name} in ${steps[name]} s`);
  };
  await createAccounts(services);
  const who: Personas = await loginAll(base, db);
  const pool = poolFor(size, seed);
  step('accounts and name pool');
  const templates = await fileTemplates(base, services, who, pool);
  step('templates through HTTP');
  const byFamily = new Set(
    (
      await db.query<{ id: string }>(
        `SELECT r.id FROM reports r JOIN users u ON u.id = r.created_by WHERE u.role = 'family'`,
      )
    ).map((r) => r.id),
  );
  const c = await seedSession(url);
  try {
    const indexes = await setIndexesAside(c, TABLES);
    const remains = Math.max(1, Math.round(size / 5));
    await seedReports(
      c,
      size,
      pool,
      {
        caseworkerTemplates: templates.reports.filter((id) => !byFamily.has(id)),
        familyTemplates: templates.reports.filter((id) => byFamily.has(id)),
        owners: who.families.map((f) => f.id),
        perFamily: 3,
      },
      seed,
    );
    step(`${size} reports, name index rows and status events`);
    await seedRemains(c, remains, templates.remains);
    step(`${remains} remains`);
    await seedCustody(
      c,
      remains,
      who.forensics.map((f) => f.id),
    );
    step('custody chains');
    await seedCandidates(c, size, remains);
    step('match candidates');
    await buildIndexes(c, indexes);
    step(`${indexes.length} secondary indexes built`);
    await c.query(`VACUUM ANALYZE`);
    step('vacuum analyze');
  } finally {
    await c.end();
  }
  const agreement = await verifySeed(db);
  step('agreement check');
  return { steps, totalSeconds: Number(((last - t0) / 1000).toFixed(1)), agreement };
}
