// Rebuilds the name index when the shared normaliser changed since it was built (start-up).
import type { Database } from '../../platform/db/index.js';
import { getLogger } from '../../platform/logger.js';
import { NAME_INDEX_VERSION } from '../../platform/names/index.js';
import { reportNameRows } from './reports.names.js';
import {
  nameIndexVersion,
  reportNamesAfter,
  replaceNameTokens,
  setNameIndexVersion,
} from './reports.names.repository.js';

const log = getLogger('db');

/**
 * Re-derives every report's stored name words when they were built by another version of
 * the normaliser; one transaction per batch, the version recorded last. Returns how many
 * reports were re-indexed (0 when the index is current).
 */
export async function rebuildNameIndex(db: Database, batch = 500): Promise<number> {
  if ((await nameIndexVersion(db)) === NAME_INDEX_VERSION) {
    return 0;
  }
  // The vocabulary holds each word's keys as derived then: emptied, and filled again by the
  // trigger as every report's words are written anew.
  await db.exec(`DELETE FROM name_words`);
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const rows = await db.transaction(async (t) => {
      const page = await reportNamesAfter(t, after, batch);
      for (const r of page) {
        await replaceNameTokens(t, r.id, reportNameRows(r.person));
      }
      return page;
    });
    if (rows.length === 0) {
      break;
    }
    done += rows.length;
    after = rows[rows.length - 1]!.id;
  }
  await setNameIndexVersion(db, NAME_INDEX_VERSION);
  log.info('name index rebuilt', { reports: done, version: NAME_INDEX_VERSION });
  return done;
}
