// Loading the records a matching request touches, each checked with its own feature's rules
// and then with the matching policy (404 when unreadable, like every record).
import type { Queryable } from '../../platform/db/index.js';
import { authorize, type Actor } from '../../platform/authz/index.js';
import { AppError } from '../../platform/errors.js';
import { findRemains, type Remains } from '../remains/index.js';
import { assertConsent, findReport, REPORT, type Report } from '../reports/index.js';
import { MATCH_CANDIDATE } from './matching.policy.js';
import { findCandidate, type CandidateRow } from './matching.repository.js';

/** A report the actor may read, whose candidates the actor may act on (consent checked). */
export async function loadReport(
  t: Queryable,
  actor: Actor,
  action: string,
  id: string,
  lock = false,
): Promise<Report> {
  const report = authorize(actor, 'read', REPORT, await findReport(t, id, lock));
  authorize(actor, action, MATCH_CANDIDATE, { country: report.country });
  if (actor.role === 'forensic') {
    assertConsent(report, 'forensicSharing');
  }
  return report;
}

/** Remains the actor may read, whose candidates the actor may act on. */
export async function loadRemains(
  t: Queryable,
  actor: Actor,
  action: string,
  id: string,
  lock = false,
): Promise<Remains> {
  const remains = authorize(actor, 'read', 'Remains', await findRemains(t, id, lock));
  authorize(actor, action, MATCH_CANDIDATE, { country: remains.country });
  return remains;
}

/** Both sides of a pair, of one country, with the family's forensic consent. */
export async function loadPair(
  t: Queryable,
  actor: Actor,
  action: string,
  reportId: string,
  remainsId: string,
): Promise<{ report: Report; remains: Remains }> {
  const report = await loadReport(t, actor, action, reportId);
  const remains = await loadRemains(t, actor, action, remainsId);
  if (report.country !== remains.country) {
    throw new AppError('VALIDATION_FAILED', 'Invalid request: body.remainsId', {
      fields: [{ field: 'body.remainsId', message: 'remains of another country' }],
    });
  }
  assertConsent(report, 'forensicSharing');
  return { report, remains };
}

/** A candidate the actor may act on. */
export async function loadCandidate(
  t: Queryable,
  actor: Actor,
  action: string,
  id: string,
  lock = false,
): Promise<CandidateRow> {
  return authorize(actor, action, MATCH_CANDIDATE, await findCandidate(t, id, lock));
}
