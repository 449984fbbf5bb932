// Pruning the audit trail at the end of its retention period without breaking verification
// (ADR 0141): the chain is sealed and verified, the last event older than the period becomes an
// anchor (its position and hash, in an append-only table), and the events at or behind it are
// deleted (the delete trigger allows exactly those). Verification then starts at the newest
// anchor instead of the genesis hash; signed checkpoints behind it count as pruned, not missing.
import type { Database, Queryable } from '../../platform/db/index.js';
import { GENESIS_HASH } from './audit.chain.js';
import { sealPending } from './audit.sealer.js';

/** Where verification starts: after the newest anchor, or at the genesis. */
export interface ChainStart {
  /** Position of the last pruned event (0 when nothing was pruned). */
  position: number;
  /** Its hash (the genesis hash when nothing was pruned). */
  hash: string;
}

/** The newest prune anchor, or the genesis. */
export async function chainStart(q: Queryable): Promise<ChainStart> {
  const [row] = await q.query<{ position: number; hash: string }>(
    'SELECT position, hash FROM audit_prune_anchors ORDER BY position DESC LIMIT 1',
  );
  return row
    ? { position: Number(row.position), hash: row.hash }
    : { position: 0, hash: GENESIS_HASH };
}

/** What a prune did (or, in a dry run, would do). */
export interface PruneResult {
  /** Events deleted (or that would be). */
  events: number;
  /** The anchor the chain now starts after, when any event went. */
  anchor?: ChainStart;
}

/**
 * Prunes sealed events recorded before `before`, keeping the chain verifiable from an anchor.
 * Refuses (throws) when the chain does not verify first: a broken chain is evidence, not waste.
 */
export async function pruneAuditBefore(
  db: Database,
  before: Date,
  verify: (db: Database) => Promise<{ ok: boolean; firstBroken?: unknown }>,
  dryRun = false,
): Promise<PruneResult> {
  await sealPending(db);
  const [last] = await db.query<{ position: number; hash: string; n: number }>(
    `SELECT position, hash, (SELECT count(*) FROM audit_events x
        WHERE x.position IS NOT NULL AND x.position <= e.position) AS n
     FROM audit_events e WHERE e.position IS NOT NULL AND e.at < $1
     ORDER BY e.position DESC LIMIT 1`,
    [before.toISOString()],
  );
  if (!last) {
    return { events: 0 };
  }
  const anchor = { position: Number(last.position), hash: last.hash };
  if (dryRun) {
    return { events: Number(last.n), anchor };
  }
  const check = await verify(db);
  if (!check.ok) {
    throw new Error(
      `audit chain does not verify; not pruned: ${JSON.stringify(check.firstBroken)}`,
    );
  }
  return db.transaction(async (t) => {
    // The sealer's lock: no event is chained while the anchor is set and the events go.
    await t.query('SELECT pg_advisory_xact_lock(727276)');
    await t.query(
      `INSERT INTO audit_prune_anchors (position, hash, pruned_before, events_pruned)
       VALUES ($1, $2, $3, $4) ON CONFLICT (position) DO NOTHING`,
      [anchor.position, anchor.hash, before.toISOString(), Number(last.n)],
    );
    const deleted = await t.query<{ position: number }>(
      'DELETE FROM audit_events WHERE position <= $1 RETURNING position',
      [anchor.position],
    );
    return { events: deleted.length, anchor };
  });
}
