import type { Queryable } from '../../platform/db/index.js';
import type { SqlCondition } from '../../platform/authz/index.js';
import type { CustodyContent } from './custody.chain.js';
import type { CustodyState } from './custody.states.js';

/** A stored custody event. */
export interface CustodyEvent extends CustodyContent {
  id: string;
  hash: string;
}

/** The head of one remains' chain. */
export interface CustodyHead {
  position: number;
  hash: string;
  state: CustodyState;
}

const COLUMNS = `id, remains_id AS "remainsId", position, kind, state_after AS "stateAfter",
  occurred_at AS "occurredAt", recorded_at AS "recordedAt", recorded_by AS "recordedBy",
  performed_by AS "performedBy", custodian, location, burial, sample, documents, notes,
  prev_hash AS "prevHash", hash`;

/** The head of a chain (call after locking the remains row). */
export async function findHead(q: Queryable, remainsId: string): Promise<CustodyHead | undefined> {
  const rows = await q.query<CustodyHead>(
    'SELECT position, hash, state FROM custody_heads WHERE remains_id = $1',
    [remainsId],
  );
  return rows[0] ? { ...rows[0], position: Number(rows[0].position) } : undefined;
}

/** Appends one event and moves the head to it. */
export async function appendEvent(q: Queryable, e: CustodyContent & { hash: string }) {
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  await q.query(
    `INSERT INTO custody_events (remains_id, position, kind, state_after, occurred_at, recorded_at,
       recorded_by, performed_by, custodian, location, burial, sample, documents, notes,
       prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      e.remainsId,
      e.position,
      e.kind,
      e.stateAfter,
      e.occurredAt,
      e.recordedAt,
      e.recordedBy,
      e.performedBy,
      json(e.custodian),
      json(e.location),
      json(e.burial),
      json(e.sample),
      JSON.stringify(e.documents),
      e.notes,
      e.prevHash,
      e.hash,
    ],
  );
  await q.query(
    `INSERT INTO custody_heads (remains_id, position, hash, state) VALUES ($1, $2, $3, $4)
     ON CONFLICT (remains_id) DO UPDATE SET position = EXCLUDED.position, hash = EXCLUDED.hash,
       state = EXCLUDED.state, updated_at = now()`,
    [e.remainsId, e.position, e.hash, e.stateAfter],
  );
}

/** Every event of one remains, in chain order. */
export async function listEvents(q: Queryable, remainsId: string): Promise<CustodyEvent[]> {
  const rows = await q.query<CustodyEvent>(
    `SELECT ${COLUMNS} FROM custody_events WHERE remains_id = $1 ORDER BY position`,
    [remainsId],
  );
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}

/** One line of a cemetery's burial register. */
export interface BurialLine {
  remainsId: string;
  code: string;
  status: string;
  sex: string | null;
  ageMin: number | null;
  ageMax: number | null;
  buriedAt: Date;
  burial: {
    cemetery: string;
    section?: string;
    row?: string;
    plot: string;
    graveMarker: string;
    coordinates?: { lat: number; lon: number };
  };
  exhumedAt: Date | null;
  currentState: string;
}

/** Burials recorded at a cemetery (with later exhumations), for remains the access allows. */
export async function burialRegister(
  q: Queryable,
  access: SqlCondition,
  cemetery: string,
  page: { limit: number; offset: number },
): Promise<{ lines: BurialLine[]; total: number }> {
  const params = [...access.params, cemetery, page.limit, page.offset];
  const n = access.params.length;
  const rows = await q.query<BurialLine & { total: number }>(
    `SELECT r.id AS "remainsId", r.code, r.status, r.sex, r.age_min AS "ageMin",
       r.age_max AS "ageMax", e.occurred_at AS "buriedAt", e.burial,
       (SELECT min(x.occurred_at) FROM custody_events x WHERE x.remains_id = e.remains_id
          AND x.kind = 'exhumed' AND x.position > e.position) AS "exhumedAt",
       h.state AS "currentState", count(*) OVER ()::int AS total
     FROM custody_events e
     JOIN remains r ON r.id = e.remains_id
     JOIN custody_heads h ON h.remains_id = e.remains_id
     WHERE e.kind = 'buried' AND e.burial ->> 'cemetery' = $${n + 1} AND ${access.sql}
     ORDER BY e.burial ->> 'section', e.burial ->> 'row', e.burial ->> 'plot', e.occurred_at,
       e.remains_id
     LIMIT $${n + 2} OFFSET $${n + 3}`,
    params,
  );
  let total = rows[0]?.total;
  if (total === undefined) {
    const [c] = await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM custody_events e JOIN remains r ON r.id = e.remains_id
       WHERE e.kind = 'buried' AND e.burial ->> 'cemetery' = $${n + 1} AND ${access.sql}`,
      [...access.params, cemetery],
    );
    total = c?.n ?? 0;
  }
  return { lines: rows.map(({ total: _t, ...l }) => l), total };
}
