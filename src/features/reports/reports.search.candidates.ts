// The candidates of a name search: the reports holding the words the lookup found, each with
// an upper bound of the score its alignment can reach, best first (ADR 0072, 0139, 0076).
import type { Queryable } from '../../platform/db/index.js';
import { SCORE_PARTS } from '../../platform/names/index.js';
import { storedWordsJson, type StoredWordRow } from './reports.names.repository.js';
import type { FoundWord, Unit } from './reports.search.lookup.js';

/** Below this score a report is not returned for a name search. */
export const MIN_NAME_SCORE = 0.3;

/**
 * Reports holding the words found (or only those holding one of `restrict`, rare words), each
 * with the bound of its score: per query line, the rarity-weighted share of its words found at
 * each word's credit and the share found at a close spelling; the best line. The alignment can
 * only match what was found here, one to one, so it never scores higher. The holders are ranked
 * by bound from the name index alone and their reports read in that order until `limit` pass
 * `where` (a common word is held by 10^4 reports of a national node: not each read; ADR 0139).
 */
export async function fetchCandidates(
  q: Queryable,
  where: { clause: string; params: unknown[] },
  units: Unit[],
  words: FoundWord[],
  restrict: string[] | null,
  limit: number,
) {
  const params = [...where.params];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  // What each word found is worth to the query words it stands for: its credit times each
  // word's share of the line, and that share again when the spelling is close (a joined pair
  // stands for two words; the second is null for a single word).
  const worth = words.map((w) => {
    const u = units[w.i - 1]!;
    const pair = u.last > u.first;
    return {
      norm: w.norm,
      line: u.line,
      w1: u.first,
      s1: w.credit * u.share,
      f1: w.close ? u.share : 0,
      w2: pair ? u.last : null,
      s2: pair ? w.credit * u.nextShare : null,
      f2: pair ? (w.close ? u.nextShare : 0) : null,
    };
  });
  const col = <K extends keyof (typeof worth)[number]>(k: K, type: string) =>
    `${p(worth.map((x) => x[k]))}::${type}[]`;
  const holders =
    restrict === null
      ? `FROM v JOIN report_name_tokens t ON t.norm = v.norm`
      : `FROM (SELECT DISTINCT t.report_id FROM report_name_tokens t
           WHERE t.norm = ANY(${p(restrict)}::text[])) rare
         JOIN report_name_tokens t ON t.report_id = rare.report_id
         JOIN v ON v.norm = t.norm`;
  return q.query<{
    id: string;
    priority: boolean;
    createdAt: Date;
    bound: number;
    words: StoredWordRow[] | null;
  }>(
    `WITH v AS (
       SELECT * FROM unnest(${col('norm', 'text')}, ${col('line', 'int')}, ${col('w1', 'int')},
         ${col('s1', 'float8')}, ${col('f1', 'float8')}, ${col('w2', 'int')},
         ${col('s2', 'float8')}, ${col('f2', 'float8')}) AS v(norm, line, w1, s1, f1, w2, s2, f2)
     ), per_word AS (
       SELECT t.report_id, v.line, x.word, max(x.s) AS s, max(x.f) AS f
       ${holders}
       CROSS JOIN LATERAL (VALUES (v.w1, v.s1, v.f1), (v.w2, v.s2, v.f2)) AS x(word, s, f)
       WHERE x.word IS NOT NULL
       GROUP BY t.report_id, v.line, x.word
     ), rough AS (
       SELECT report_id, max(s) AS bound FROM (
         SELECT report_id, ${SCORE_PARTS.query} * sum(s) + ${SCORE_PARTS.complete} * sum(f)
           + ${SCORE_PARTS.record} AS s
         FROM per_word GROUP BY report_id, line
       ) l GROUP BY report_id
     )
     SELECT c.*, ${storedWordsJson('c.id')} AS words FROM (
       SELECT r.id, r.priority, r.created_at AS "createdAt", ranked.bound
       FROM (
         SELECT report_id, bound FROM rough WHERE bound >= ${p(MIN_NAME_SCORE)}
         ORDER BY bound DESC, report_id
       ) ranked
       CROSS JOIN LATERAL (
         SELECT r.id, r.priority, r.created_at FROM reports r
         WHERE r.id = ranked.report_id AND ${where.clause}
       ) r
       ORDER BY ranked.bound DESC, ranked.report_id LIMIT ${p(limit)}
     ) c ORDER BY c.bound DESC, c.id`,
    params,
  );
}
