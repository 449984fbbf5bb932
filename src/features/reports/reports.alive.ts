// What the "I am alive" feature may ask of reports: open reports that hold a name, without an
// actor (a system lookup; what a reviewer then sees is decided by the alive-matches policy).
import type { Queryable } from '../../platform/db/index.js';
import type { NameMatch } from '../../platform/names/index.js';
import { searchQueryLine } from './reports.names.js';
import { findReports } from './reports.repository.js';
import { searchReports, type SearchBackend } from './reports.search.js';
import { permittedSql } from '../data-protection/purposes.js';

/** Statuses in which a search is still open (someone is still looking). */
export const OPEN_STATUSES = ['received', 'under_search', 'possible_match'] as const;

/** An open report whose names match, with what a reviewer compares beside the names. */
export interface OpenReportHit {
  id: string;
  country: string;
  caseNumber: string;
  score: number;
  match: NameMatch;
  names: { kind: string; value: string; latin?: string }[];
  birth: { earliest: string; latest: string } | null;
  relatives: string[];
  under18: boolean;
}

/**
 * Open reports (status open, domestic search consented) whose names match any of the names
 * given, best first; `reportId` limits the lookup to one report (a report that just changed).
 */
export async function openReportsByName(
  q: Queryable,
  names: readonly string[],
  opts: { reportId?: string; limit: number; backend: SearchBackend },
): Promise<OpenReportHit[]> {
  const params: unknown[] = [[...OPEN_STATUSES]];
  // The same purpose rule as every search (data protection, ADR 0140).
  let sql = `r.status = ANY($1) AND ${permittedSql('search')}`;
  if (opts.reportId) {
    params.push(opts.reportId);
    sql += ' AND r.id = $2';
  }
  const { hits } = await searchReports(
    q,
    { sql, params },
    {},
    names.map(searchQueryLine),
    { limit: opts.limit, offset: 0 },
    opts.backend,
  );
  const out: OpenReportHit[] = [];
  const loaded = new Map(
    (
      await findReports(
        q,
        hits.map((h) => h.id),
      )
    ).map((r) => [r.id, r]),
  );
  for (const h of hits) {
    const r = loaded.get(h.id);
    if (!r || !h.match || h.score === null) {
      continue;
    }
    const dob = (r.person as { dateOfBirth?: { earliest: string; latest: string } }).dateOfBirth;
    out.push({
      id: r.id,
      country: r.country,
      caseNumber: r.caseNumber,
      score: h.score,
      match: h.match,
      names: r.person.names,
      birth: dob ? { earliest: dob.earliest, latest: dob.latest } : null,
      relatives: r.relatives.map((x) => x.name),
      under18: r.flags.unaccompaniedChild || r.flags.separatedChild,
    });
  }
  return out;
}
