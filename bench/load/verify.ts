// Checks on a seeded node that its derived columns agree with the application: the name index
// rows of sampled reports are what the application's normaliser makes of their stored names,
// and the custody chains of sampled remains verify with the application's chain check.
import type { Database } from '../../src/platform/db/index.js';
import { reportNameRows } from '../../src/features/reports/reports.names.js';
import {
  findCustodyHead,
  listCustodyEvents,
  verifyCustodyChain,
} from '../../src/features/custody/index.js';

/** Sampled records checked, and how many agreed. */
export interface Agreement {
  reports: number;
  reportsAgree: number;
  remains: number;
  remainsVerify: number;
}

const key = (x: object) => {
  const t = x as Record<string, unknown>;
  return [
    t.kind,
    t.norm,
    t.skeleton ?? t.skel,
    t.sound ?? t.key,
    t.raw,
    t.abjad,
    t.line,
    t.entry,
    t.pos,
    t.span,
  ].join('|');
};

/** Samples `n` reports and `n` remains and checks them. */
export async function verifySeed(db: Database, n = 200): Promise<Agreement> {
  const reports = await db.query<{ id: string; person: { names: never } }>(
    `SELECT id, person FROM reports WHERE id IN (SELECT id FROM reports ORDER BY random() LIMIT $1)`,
    [n],
  );
  let reportsAgree = 0;
  for (const r of reports) {
    const stored = await db.query<Record<string, unknown>>(
      `SELECT kind, norm, skeleton, sound, raw, abjad, line, entry, pos, span
       FROM report_name_tokens WHERE report_id = $1`,
      [r.id],
    );
    const want = reportNameRows(r.person).map(key).sort();
    const got = stored.map(key).sort();
    if (want.join('\n') === got.join('\n')) {
      reportsAgree++;
    }
  }
  const remains = await db.query<{ id: string }>(
    `SELECT id FROM remains ORDER BY random() LIMIT $1`,
    [n],
  );
  let remainsVerify = 0;
  for (const r of remains) {
    const events = await listCustodyEvents(db, r.id);
    const head = await findCustodyHead(db, r.id);
    if (verifyCustodyChain(events, head).ok) {
      remainsVerify++;
    }
  }
  return { reports: reports.length, reportsAgree, remains: remains.length, remainsVerify };
}
