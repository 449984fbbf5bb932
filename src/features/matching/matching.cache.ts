// The runner's cache of compiled record sets (ADR 0176): the open reports or remains of a set of
// countries, prepared and compiled once, then kept up to date from the change log that triggers
// write (matching_changes, one row per changed record and transaction). A refresh reads the ids
// changed by transactions not finished at the previous refresh, reloads only those records, and
// updates the compiled arrays in place; matching one new record against 10^5 others then costs
// a sweep, not a load and a compile. It rebuilds from scratch when the log it last saw is gone
// (rows pruned, or tables emptied without triggers), and bypasses itself when the caller's own
// transaction changed records of the side (uncommitted: never shared with other transactions).
import type { Queryable } from '../../platform/db/index.js';
import { compile, remove, upsert, type CompiledSide } from './matching.batch.js';
import { loadOpenRemains, loadOpenReports } from './matching.loader.js';
import type { PreparedAm, PreparedPm } from './matching.profile.js';

/** Which records: a side, its countries and, for reports, cross-border consent too. */
export interface SideKey {
  side: 'am' | 'pm';
  countries: string[];
  crossBorder?: boolean;
}

interface Entry {
  compiled: CompiledSide;
  /** Oldest transaction not finished at the last refresh (xid8 as text). */
  watermark: string;
  /** The newest log row seen then (id and xid): gone or changed means the log was reset. */
  markerId: string | null;
  markerXid: string | null;
  /** Serialises refreshes of this entry. */
  busy: Promise<unknown>;
}

interface LogState {
  xmin: string;
  lastId: string | null;
  lastXid: string | null;
  markerXid: string | null;
}

/** What a lookup did (tests and the benchmark read it). */
export interface CacheStats {
  builds: number;
  refreshes: number;
  reloaded: number;
  bypassed: number;
}

/** Change-log rows older than this are deleted now and then (a cache older rebuilds). */
const PRUNE_AFTER = '7 days';
const PRUNE_EVERY_MS = 60 * 60_000;

/** Creates a cache of compiled sides, at most `maxEntries` (least recently used dropped). */
export function createSideCache(maxEntries = 8) {
  const entries = new Map<string, Entry>();
  const stats: CacheStats = { builds: 0, refreshes: 0, reloaded: 0, bypassed: 0 };
  let lastPrune = 0;

  function load(q: Queryable, key: SideKey, ids: string[] | null) {
    return key.side === 'am'
      ? loadOpenReports(q, key.countries, {
          crossBorder: key.crossBorder === true,
          ids: ids ?? undefined,
        })
      : loadOpenRemains(q, key.countries, ids);
  }

  async function logState(q: Queryable, markerId: string | null): Promise<LogState> {
    const [row] = await q.query<LogState>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
         last.id::text AS "lastId", last.xid::text AS "lastXid",
         (SELECT xid::text FROM matching_changes WHERE id = $1::bigint) AS "markerXid"
       FROM (SELECT 1) one
       LEFT JOIN (SELECT id, xid FROM matching_changes ORDER BY id DESC LIMIT 1) last ON true`,
      [markerId],
    );
    return row!;
  }

  async function build(q: Queryable, key: SideKey): Promise<Entry> {
    const state = await logState(q, null);
    const compiled = compile(key.side, await load(q, key, null));
    stats.builds++;
    return {
      compiled,
      watermark: state.xmin,
      markerId: state.lastId,
      markerXid: state.lastXid,
      busy: Promise.resolve(),
    };
  }

  /** Applies the changes logged since the entry's watermark; null when a rebuild is needed. */
  async function refresh(q: Queryable, key: SideKey, e: Entry): Promise<Entry | 'bypass' | null> {
    const state = await logState(q, e.markerId);
    if (e.markerId !== null && state.markerXid !== e.markerXid) {
      return null; // the log row last seen is gone or another: the log was pruned or emptied
    }
    const changed = await q.query<{ id: string; own: boolean | null }>(
      `SELECT record_id::text AS id, bool_or(xid = pg_current_xact_id_if_assigned()) AS own
       FROM matching_changes WHERE side = $1 AND xid >= $2::xid8 GROUP BY record_id`,
      [key.side, e.watermark],
    );
    if (changed.some((c) => c.own === true)) {
      return 'bypass';
    }
    stats.refreshes++;
    if (changed.length > 0) {
      const ids = changed.map((c) => c.id);
      const fresh = new Map<string, PreparedAm | PreparedPm>();
      for (const r of await load(q, key, ids)) {
        fresh.set(r.id, r);
      }
      let compiled = e.compiled;
      for (const id of ids) {
        const r = fresh.get(id);
        if (r) {
          compiled = upsert(compiled, r);
        } else {
          remove(compiled, id); // deleted, closed, consent withdrawn or another country
        }
      }
      stats.reloaded += ids.length;
      e.compiled = compiled;
    }
    e.watermark = state.xmin;
    if (state.lastId !== null) {
      e.markerId = state.lastId;
      e.markerXid = state.lastXid;
    }
    return e;
  }

  async function prune(q: Queryable): Promise<void> {
    if (Date.now() - lastPrune < PRUNE_EVERY_MS) {
      return;
    }
    lastPrune = Date.now();
    await q.query(
      `DELETE FROM matching_changes WHERE at < now() - $1::interval
         AND id < (SELECT max(id) FROM matching_changes)`,
      [PRUNE_AFTER],
    );
  }

  return {
    stats,

    /**
     * The compiled open records of `key`, as of the caller's transaction. Synchronous use only:
     * the side is updated in place by the next lookup, so rank with it before awaiting again.
     */
    async side(q: Queryable, key: SideKey): Promise<CompiledSide> {
      const name = `${key.side}|${[...key.countries].sort().join(',')}|${key.crossBorder === true}`;
      const existing = entries.get(name);
      if (existing) {
        entries.delete(name); // re-inserted below: most recently used last
        const run = existing.busy.then(() => refresh(q, key, existing));
        existing.busy = run.catch(() => undefined);
        const refreshed = await run;
        if (refreshed === 'bypass') {
          stats.bypassed++;
          entries.set(name, existing);
          return compile(key.side, await load(q, key, null));
        }
        if (refreshed) {
          entries.set(name, refreshed);
          return refreshed.compiled;
        }
      }
      const built = await build(q, key);
      entries.set(name, built);
      while (entries.size > maxEntries) {
        entries.delete(entries.keys().next().value!);
      }
      await prune(q);
      return built.compiled;
    },

    /** Drops every entry (the next lookup rebuilds). */
    clear(): void {
      entries.clear();
    },
  };
}

/** A runner's cache of compiled sides. */
export type SideCache = ReturnType<typeof createSideCache>;
