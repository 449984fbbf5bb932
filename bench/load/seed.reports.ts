// Bulk reports: `size` clones of the template reports the application filed, each with a
// person's names from the pool and that person's name index rows (computed by the
// application's normaliser), a status history, case numbers in the application's format and
// the case-number counters moved past them.
import type pg from 'pg';
import type { NamePool } from './names.js';
import {
  NAME_TOKEN_COLUMNS,
  nameTokenArrays,
  nameTokenParams,
} from '../../src/features/reports/reports.names.repository.js';
import { cloneList, inChunks } from './seed.sql.js';

const CHUNK = 50_000;

/** Templates and the family accounts owning a few of the seeded reports. */
export interface ReportSources {
  /** Reports filed by caseworkers (cloned without a family account). */
  caseworkerTemplates: string[];
  /** Reports filed by families (cloned for `owners`). */
  familyTemplates: string[];
  /** Family accounts; each owns `perFamily` seeded reports. */
  owners: string[];
  perFamily: number;
}

/** Loads the name pool into temporary tables of the session. */
async function loadPool(c: pg.Client, pool: NamePool) {
  await c.query(`CREATE TEMP TABLE seed_names (k int PRIMARY KEY, names jsonb NOT NULL)`);
  await c.query(
    `INSERT INTO seed_names SELECT k - 1, names FROM unnest($1::jsonb[]) WITH ORDINALITY AS x(names, k)`,
    [pool.names.map((n) => JSON.stringify(n))],
  );
  const rows = pool.tokens.flatMap((ts, k) => ts.map((t) => ({ ...t, k })));
  await c.query(
    `CREATE TEMP TABLE seed_tokens AS
     SELECT * FROM unnest($1::int[], ${nameTokenParams(2)}) AS x(k, ${NAME_TOKEN_COLUMNS})`,
    [rows.map((r) => r.k), ...nameTokenArrays(rows)],
  );
  await c.query(`CREATE INDEX ON seed_tokens (k)`);
}

/** Inserts `size` reports with their names, status events and counters. */
export async function seedReports(
  c: pg.Client,
  size: number,
  pool: NamePool,
  src: ReportSources,
  seed: number,
): Promise<void> {
  await loadPool(c, pool);
  await c.query(`SELECT setseed($1)`, [(seed % 1000) / 1000]);
  const owned = Math.min(size, src.owners.length * src.perFamily);
  // Over seven years; a report is received, searched for, possibly matched, found or closed.
  await c.query(
    `CREATE TEMP TABLE seed_reports AS
     SELECT g, gen_random_uuid() AS id, tid, n, owner, status, created,
       format('MP-IT-%s-%s', extract(year FROM created)::int,
         lpad((row_number() OVER (PARTITION BY extract(year FROM created) ORDER BY g)
           + coalesce((SELECT last FROM report_case_counters k WHERE k.country = 'IT'
                       AND k.year = extract(year FROM created)), 0))::text, 6, '0'))
         AS case_number
     FROM (
       SELECT g,
         CASE WHEN g <= $2 THEN ($3::uuid[])[1 + g % cardinality($3::uuid[])]
              ELSE ($4::uuid[])[1 + g % cardinality($4::uuid[])] END AS tid,
         floor(random() * $5)::int AS n,
         CASE WHEN g <= $2 THEN ($6::uuid[])[1 + g % cardinality($6::uuid[])] END AS owner,
         CASE WHEN p < 0.20 THEN 'received' WHEN p < 0.75 THEN 'under_search'
              WHEN p < 0.80 THEN 'possible_match' WHEN p < 0.88 THEN 'located_alive'
              WHEN p < 0.92 THEN 'identified_deceased' ELSE 'closed' END AS status,
         timestamptz '2019-01-01' + (g::float8 / $1) * interval '2555 days' AS created
       FROM (SELECT g, random() AS p FROM generate_series(1, $1) g) s
     ) x`,
    [size, owned, src.familyTemplates, src.caseworkerTemplates, pool.names.length, src.owners],
  );
  await c.query(`ALTER TABLE seed_reports ADD PRIMARY KEY (g)`);
  await c.query(`ANALYZE seed_reports`);
  const list = await cloneList(c, 'reports', 'r', {
    id: 's.id',
    case_number: 's.case_number',
    status: 's.status',
    owner_id: 's.owner',
    created_by: 'coalesce(s.owner, r.created_by)',
    person: `jsonb_set(r.person, '{names}', n.names)`,
    closed_at: `CASE WHEN s.status = 'closed' THEN s.created + interval '200 days' END`,
    created_at: 's.created',
    updated_at: 's.created',
  });
  await inChunks(size, CHUNK, async (from, to) => {
    await c.query(
      `INSERT INTO reports (${list.columns})
       SELECT ${list.select} FROM seed_reports s JOIN reports r ON r.id = s.tid
       JOIN seed_names n ON n.k = s.n WHERE s.g BETWEEN $1 AND $2`,
      [from, to],
    );
    // The name index rows of each report: its person's rows from the pool.
    await c.query(
      `INSERT INTO report_name_tokens (report_id, kind, norm, skeleton, sound, raw, abjad, line,
         entry, pos, span)
       SELECT s.id, t.kind, t.norm, t.skeleton, t.sound, t.raw, t.abjad, t.line, t.entry, t.pos,
         t.span
       FROM seed_reports s JOIN seed_tokens t ON t.k = s.n WHERE s.g BETWEEN $1 AND $2`,
      [from, to],
    );
    // Filed (received), then moved to the status it has now by a caseworker.
    await c.query(
      `INSERT INTO report_status_events (report_id, from_status, to_status, reason, actor_id,
         actor_role, at)
       SELECT s.id, NULL, 'received', 'Filed by a caseworker', r.created_by, 'caseworker', s.created
       FROM seed_reports s JOIN reports r ON r.id = s.tid WHERE s.g BETWEEN $1 AND $2
       UNION ALL
       SELECT s.id, 'received', s.status, 'Casework', r.created_by, 'caseworker',
         s.created + interval '30 days'
       FROM seed_reports s JOIN reports r ON r.id = s.tid
       WHERE s.g BETWEEN $1 AND $2 AND s.status <> 'received'`,
      [from, to],
    );
  });
  await c.query(
    `INSERT INTO report_case_counters (country, year, last)
     SELECT 'IT', extract(year FROM created)::int, max(split_part(case_number, '-', 4)::int) FROM seed_reports GROUP BY 2
     ON CONFLICT (country, year) DO UPDATE
       SET last = greatest(report_case_counters.last, EXCLUDED.last)`,
  );
}
