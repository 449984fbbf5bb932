// Resolved sessions kept in memory (ADR 0121), so an authenticated request needs no database
// round trip. Triggers on users and sessions NOTIFY 'ariadne_auth' on anything that ends or
// narrows a session (revocation, expiry change, disabling, a new role, country or
// organisation); every process drops its whole cache when it hears it. A transaction's own
// NOTIFY arrives before its COMMIT returns, so within a process a disabled user is cut off for
// the very next request; other processes hear it as soon as one of their connections idles.
import type { Database } from '../../platform/db/index.js';
import type { SessionIdentity } from './auth.repository.js';

/** A live session's identity and when the session expires. */
export type LiveSession = SessionIdentity & { expiresAt: Date };

/** Entries kept at most; the cache is emptied when full (sessions are re-read, never wrong). */
const MAX_ENTRIES = 20_000;

interface Entry<T> {
  userId: string;
  session: LiveSession;
  /** What the caller derived from the session (the actor's ability). */
  derived: T;
  /** The generation the entry was read in; any notification starts a new one. */
  generation: number;
}

/** Creates the process's session cache on the node's database. */
export function createSessionCache<T>(db: Database) {
  let generation = 0;
  // Until LISTEN is in place nothing is cached: a change could go unheard.
  let ready = false;
  const entries = new Map<string, Entry<T>>();
  db.listen('ariadne_auth', () => {
    generation += 1;
    entries.clear();
  }).then(
    () => {
      ready = true;
    },
    () => {
      ready = false;
    },
  );

  return {
    /**
     * The live session `sessionId` of `userId` with what `derive` makes of it: from memory when
     * nothing changed since it was read, else from `load` (undefined: revoked, expired, disabled).
     */
    async resolve(
      sessionId: string,
      userId: string,
      load: () => Promise<LiveSession | undefined>,
      derive: (session: LiveSession) => T,
    ): Promise<{ session: LiveSession; derived: T } | undefined> {
      const hit = entries.get(sessionId);
      if (
        hit &&
        hit.generation === generation &&
        hit.userId === userId &&
        hit.session.expiresAt.getTime() > Date.now()
      ) {
        return hit;
      }
      const started = generation;
      const session = await load();
      if (!session) {
        return undefined;
      }
      const derived = derive(session);
      // A notification while loading may concern this very session: keep it only if none came.
      if (ready && started === generation) {
        if (entries.size >= MAX_ENTRIES) {
          entries.clear();
        }
        entries.set(sessionId, { userId, session, derived, generation });
      }
      return { session, derived };
    },
  };
}
