// Seeds benchmark records straight into the tables in batches (no HTTP, no audit): minimal
// report rows and the name index built by the same code the reports feature uses.
import type { Database } from '../../src/platform/db/index.js';
import { reportNameRows } from '../../src/features/reports/reports.names.js';
import {
  NAME_TOKEN_COLUMNS,
  nameTokenArrays,
  nameTokenParams,
} from '../../src/features/reports/reports.names.repository.js';
import type { BenchRecord } from './dataset.js';

/** Creates the account the seeded reports are filed by; returns its id. */
export async function benchUser(db: Database): Promise<string> {
  const [u] = await db.query<{ id: string }>(
    `INSERT INTO users (email, display_name, role, country, password_hash)
     VALUES ('bench-names@example.org', 'bench', 'family', 'ZZ', 'x') RETURNING id`,
  );
  return u!.id;
}

/** Inserts records in batches of `batch`, each with its name index rows. */
export async function seedRecords(
  db: Database,
  userId: string,
  records: BenchRecord[],
  batch = 500,
) {
  for (let i = 0; i < records.length; i += batch) {
    const chunk = records.slice(i, i + batch);
    const tokens = chunk.flatMap((r) =>
      reportNameRows({ names: r.names }).map((t) => ({ ...t, reportId: r.id })),
    );
    await db.transaction(async (t) => {
      await t.query(
        `INSERT INTO reports (id, case_number, country, created_by, person, disappearance, consent,
           legal_basis)
         SELECT id, 'BENCH-' || id, country, $4, jsonb_build_object('names', names), '{}', '{}', 'consent'
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS x(id, country, names)`,
        [
          chunk.map((r) => r.id),
          chunk.map((r) => r.country),
          chunk.map((r) => JSON.stringify(r.names)),
          userId,
        ],
      );
      await t.query(
        `INSERT INTO report_name_tokens (report_id, ${NAME_TOKEN_COLUMNS})
         SELECT * FROM unnest($1::uuid[], ${nameTokenParams(2)})`,
        [tokens.map((x) => x.reportId), ...nameTokenArrays(tokens)],
      );
    });
  }
  // Vacuumed as autovacuum would after a bulk load: the candidate lookup reads the index alone.
  await db.exec('VACUUM ANALYZE reports');
  await db.exec('VACUUM ANALYZE report_name_tokens');
  await db.exec('VACUUM ANALYZE name_words');
}
