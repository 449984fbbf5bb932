// The request mix of bench:load: what families, caseworkers and forensic practitioners do on
// a national node, each as themselves (their own bearer token), on records sampled from it.
import type { Database } from '../../src/platform/db/index.js';
import type { NamePool } from './names.js';
import type { PlannedKind, PlannedRequest } from './loadgen.js';
import { templateReport, type Personas } from './world.js';

const ids = async (db: Database, sql: string, params: unknown[] = []) =>
  (await db.query<{ id: string }>(sql, params)).map((r) => r.id);

const any = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;

/** The kinds of request, their weights and concrete requests drawn from the seeded node. */
export async function requestMix(
  db: Database,
  who: Personas,
  pool: NamePool,
): Promise<PlannedKind[]> {
  const reports = await ids(db, `SELECT id FROM reports ORDER BY random() LIMIT 2000`);
  const owned = await db.query<{ id: string; owner: string }>(
    `SELECT id, owner_id AS owner FROM reports WHERE owner_id = ANY($1)`,
    [who.families.map((f) => f.id)],
  );
  const withCandidates = await ids(
    db,
    `SELECT report_id AS id FROM match_candidates ORDER BY random() LIMIT 1000`,
  );
  const remainsWithCandidates = await ids(
    db,
    `SELECT remains_id AS id FROM match_candidates ORDER BY random() LIMIT 1000`,
  );
  const inFacility = await ids(
    db,
    `SELECT remains_id AS id FROM custody_heads WHERE state = 'in_facility' ORDER BY random() LIMIT 2000`,
  );
  const tokenOf = new Map(who.families.map((f) => [f.id, f.token]));
  const cw = (i: number) => any(who.caseworkers, i).token;
  const fo = (i: number) => any(who.forensics, i).token;
  const get = (path: string, token: string): PlannedRequest => ({ method: 'GET', path, token });
  const post = (path: string, token: string, body: unknown): PlannedRequest => ({
    method: 'POST',
    path,
    token,
    body: JSON.stringify(body),
  });
  const statuses = ['received', 'under_search', 'possible_match'];
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const now = new Date(Date.now() - 60_000).toISOString();
  return [
    {
      kind: 'family: read own report',
      write: false,
      weight: 8,
      requests: owned.map((r) => get(`/api/v1/reports/${r.id}`, tokenOf.get(r.owner)!)),
    },
    {
      kind: 'family: list own reports',
      write: false,
      weight: 4,
      requests: who.families.map((f) => get('/api/v1/reports', f.token)),
    },
    {
      kind: 'caseworker: read report',
      write: false,
      weight: 15,
      requests: reports.map((id, i) => get(`/api/v1/reports/${id}`, cw(i))),
    },
    {
      kind: 'caseworker: list reports',
      write: false,
      weight: 10,
      requests: range(200).map((i) =>
        get(
          `/api/v1/reports?status=${any(statuses, i)}&limit=25&offset=${25 * (i % 8)}` +
            (i % 3 === 0 ? '&child=true' : i % 3 === 1 ? '&sex=female' : ''),
          cw(i),
        ),
      ),
    },
    {
      kind: 'caseworker: search by name',
      write: false,
      weight: 10,
      requests: range(500).map((i) =>
        get(`/api/v1/reports?name=${encodeURIComponent(any(pool.words, i * 37))}`, cw(i)),
      ),
    },
    {
      kind: 'caseworker: report candidates',
      write: false,
      weight: 8,
      requests: withCandidates.map((id, i) =>
        get(`/api/v1/matching/reports/${id}/candidates`, cw(i)),
      ),
    },
    {
      kind: 'forensic: remains candidates',
      write: false,
      weight: 8,
      requests: remainsWithCandidates.map((id, i) =>
        get(`/api/v1/matching/remains/${id}/candidates`, fo(i)),
      ),
    },
    {
      kind: 'caseworker: file report',
      write: true,
      weight: 4,
      requests: range(200).map((i) =>
        post('/api/v1/reports', cw(i), templateReport(1000 + i, pool)),
      ),
    },
    {
      kind: 'family: file report',
      write: true,
      weight: 1,
      requests: range(100).map((i) =>
        post('/api/v1/reports', any(who.families, i).token, templateReport(2000 + i, pool)),
      ),
    },
    {
      kind: 'forensic: append custody event',
      write: true,
      weight: 5,
      requests: inFacility.map((id, i) =>
        post(`/api/v1/remains/${id}/custody`, fo(i), {
          kind: 'examined',
          occurredAt: now,
          performedBy: 'Forensic team 3',
        }),
      ),
    },
  ];
}
