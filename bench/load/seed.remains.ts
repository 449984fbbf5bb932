// Bulk remains: clones of the template remains the application registered, each with a
// custody chain hashed by the application's own chain code (recovered, at the morgue,
// examined, some sampled, some buried), its head, and match candidates for some reports
// cloned from the candidates the match worker scored for the templates.
import type pg from 'pg';
import {
  chainCustodyEvent,
  nextCustodyState,
  type CustodyState,
} from '../../src/features/custody/index.js';
import type { CustodyEventKind } from '../../src/features/custody/index.js';
import { CUSTODY_STEPS } from './world.js';
import { cloneList, inChunks } from './seed.sql.js';

const CHUNK = 5_000;

/** Inserts `count` remains (codes in the application's format) cloned from `templates`. */
export async function seedRemains(c: pg.Client, count: number, templates: string[]) {
  await c.query(
    `CREATE TEMP TABLE seed_remains AS
     SELECT g, gen_random_uuid() AS id, tid, created,
       format('UR-IT-%s-%s', extract(year FROM created)::int,
         lpad((row_number() OVER (PARTITION BY extract(year FROM created) ORDER BY g)
           + coalesce((SELECT last FROM remains_code_counters k WHERE k.country = 'IT'
                       AND k.year = extract(year FROM created)), 0))::text, 5, '0'))
         AS code
     FROM (SELECT g, ($2::uuid[])[1 + g % cardinality($2::uuid[])] AS tid,
             timestamptz '2019-01-01' + (g::float8 / $1) * interval '2555 days' AS created
           FROM generate_series(1, $1) g) x`,
    [count, templates],
  );
  await c.query(`ALTER TABLE seed_remains ADD PRIMARY KEY (g)`);
  const list = await cloneList(c, 'remains', 'r', {
    id: 's.id',
    code: 's.code',
    created_at: 's.created',
    updated_at: 's.created',
  });
  await c.query(
    `INSERT INTO remains (${list.columns})
     SELECT ${list.select} FROM seed_remains s JOIN remains r ON r.id = s.tid`,
  );
  await c.query(
    `INSERT INTO remains_code_counters (country, year, last)
     SELECT 'IT', extract(year FROM created)::int, max(split_part(code, '-', 4)::int) FROM seed_remains GROUP BY 2
     ON CONFLICT (country, year) DO UPDATE
       SET last = greatest(remains_code_counters.last, EXCLUDED.last)`,
  );
}

const json = (v: unknown) => (v === null ? null : JSON.stringify(v));

/** The custody chain of remains number `g`, hashed as the custody service hashes it. */
function chainOf(id: string, g: number, created: Date, recordedBy: string) {
  const steps: { kind: CustodyEventKind; [k: string]: unknown }[] = [
    ...CUSTODY_STEPS.slice(0, g % 3 === 0 ? 4 : 3),
  ];
  if (g % 10 === 0) {
    steps.push({
      kind: 'buried',
      custodian: { name: 'Comune di Agrigento', country: 'IT' },
      burial: { cemetery: `Cimitero ${g % 40}`, plot: String(g), graveMarker: `UR ${g}` },
    });
  }
  let state: CustodyState = 'none';
  let head: { position: number; hash: string } | undefined;
  return steps.map((step, i) => {
    const next = nextCustodyState(state, step.kind)!;
    const occurredAt = new Date(created.getTime() + i * 86_400_000);
    const e = chainCustodyEvent(id, head, { ...step, occurredAt, documents: [] }, next, recordedBy);
    state = next;
    head = { position: e.position, hash: e.hash };
    return e;
  });
}

/** Appends every seeded remains' custody chain and head, in batches. */
export async function seedCustody(c: pg.Client, count: number, recorders: string[]) {
  await inChunks(count, CHUNK, async (from, to) => {
    const { rows } = await c.query<{ g: number; id: string; created: Date }>(
      `SELECT g, id, created FROM seed_remains WHERE g BETWEEN $1 AND $2 ORDER BY g`,
      [from, to],
    );
    const events = rows.flatMap((r) =>
      chainOf(r.id, r.g, r.created, recorders[r.g % recorders.length]!),
    );
    const col = <T>(f: (e: (typeof events)[number]) => T) => events.map(f);
    await c.query(
      `INSERT INTO custody_events (remains_id, position, kind, state_after, occurred_at,
         recorded_at, recorded_by, performed_by, custodian, location, burial, sample, documents,
         notes, prev_hash, hash)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[],
         $6::timestamptz[], $7::uuid[], $8::text[], $9::jsonb[], $10::jsonb[], $11::jsonb[],
         $12::jsonb[], $13::jsonb[], $14::text[], $15::text[], $16::text[])`,
      [
        col((e) => e.remainsId),
        col((e) => e.position),
        col((e) => e.kind),
        col((e) => e.stateAfter),
        col((e) => e.occurredAt),
        col((e) => e.recordedAt),
        col((e) => e.recordedBy),
        col((e) => e.performedBy),
        col((e) => json(e.custodian)),
        col((e) => json(e.location)),
        col((e) => json(e.burial)),
        col((e) => json(e.sample)),
        col((e) => JSON.stringify(e.documents)),
        col((e) => e.notes),
        col((e) => e.prevHash),
        col((e) => e.hash),
      ],
    );
    await c.query(
      `INSERT INTO custody_heads (remains_id, position, hash, state)
       SELECT DISTINCT ON (remains_id) remains_id, position, hash, state_after
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) AS x(remains_id, position, hash, state_after)
       ORDER BY remains_id, position DESC`,
      [
        col((e) => e.remainsId),
        col((e) => e.position),
        col((e) => e.hash),
        col((e) => e.stateAfter),
      ],
    );
  });
}

/**
 * Candidates for one report in `every` (three remains each), cloned from the candidates the
 * match worker scored for the templates (score, parts, exclusions as it wrote them).
 */
export async function seedCandidates(c: pg.Client, reports: number, remains: number, every = 10) {
  const list = await cloneList(c, 'match_candidates', 'm', {
    id: 'gen_random_uuid()',
    report_id: 's.id',
    remains_id: 'rm.id',
    scored_at: 's.created',
    created_at: 's.created',
    updated_at: 's.created',
  });
  await c.query(`CREATE TEMP TABLE seed_scored AS
    SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM match_candidates`);
  const scored = Number(
    (await c.query<{ n: string }>(`SELECT count(*) AS n FROM seed_scored`)).rows[0]!.n,
  );
  if (scored === 0) {
    throw new Error('the match worker scored no template pair: nothing to clone candidates from');
  }
  await inChunks(reports, 100_000, async (from, to) => {
    await c.query(
      `INSERT INTO match_candidates (${list.columns})
       SELECT ${list.select}
       FROM seed_reports s CROSS JOIN generate_series(1, 3) j
       JOIN seed_remains rm ON rm.g = 1 + (s.g * 7 + j * 7919) % $3
       JOIN seed_scored sc ON sc.k = (s.g + j) % $4
       JOIN match_candidates m ON m.id = sc.id
       WHERE s.g BETWEEN $1 AND $2 AND s.g % $5 = 0
       ON CONFLICT (report_id, remains_id) DO NOTHING`,
      [from, to, remains, scored, every],
    );
  });
}
