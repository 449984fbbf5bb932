// Bare reports with their name index, written without HTTP, and a search by name: what the name
// tests need to fill a node with many people quickly.
import { randomUUID } from 'node:crypto';
import { testNode } from '../node.js';
import type { NameInput } from '../reports.factories.js';
import type { Queryable } from '../../src/platform/db/index.js';
import { searchReports } from '../../src/features/reports/reports.search.js';
import { reportNameRows, searchQueryLine } from '../../src/features/reports/reports.names.js';
import { replaceNameTokens } from '../../src/features/reports/reports.names.repository.js';

/** Latin-script names: the first word given, the others family names. */
export const latinNames = (...words: string[]): NameInput[] =>
  words.map((value, i) => ({ kind: i === 0 ? 'given' : 'family', value, script: 'Latn' }));

/** Inserts bare reports of `country`, one per person's names, with their name index. */
export async function insertNamedReports(
  q: Queryable,
  userId: string,
  country: string,
  people: NameInput[][],
): Promise<string[]> {
  const ids: string[] = [];
  for (const names of people) {
    const id = randomUUID();
    await q.query(
      `INSERT INTO reports (id, case_number, country, created_by, person, disappearance, consent,
         legal_basis)
       VALUES ($1::uuid, 'N-' || $1::text, $3, $2, jsonb_build_object('names', $4::jsonb), '{}',
         '{}', 'consent')`,
      [id, userId, country, JSON.stringify(names)],
    );
    await replaceNameTokens(q, id, reportNameRows({ names }));
    ids.push(id);
  }
  return ids;
}

/** Searches the reports of `country` by one name line (first page of `limit`). */
export const searchByName = (q: Queryable, country: string, name: string, limit = 20) =>
  searchReports(
    q,
    { sql: `r.country = '${country}'`, params: [] },
    {},
    [searchQueryLine(name)],
    { limit, offset: 0 },
    testNode().db,
  );
