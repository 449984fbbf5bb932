// Records for the matching tests: a report, its planted true remains and decoys, reviewers.
import { testNode } from './node.js';
import { buildUser, type TestUser } from './factories.js';
import { api } from './http.js';
import { designate, type ContactPointFixture } from './contact-points.factories.js';
import { buildForensic, buildInstitute, createRemains, remainsBody } from './remains.factories.js';
import { fileReport, reportBody } from './reports.factories.js';

/** The remains of the person of reportBody(): found days after, near the last-seen place. */
export function trueRemainsBody(over: Record<string, unknown> = {}) {
  return remainsBody({
    recovery: {
      date: '2024-05-24',
      place: 'Beach west of Zuwara',
      coordinates: { lat: 32.95, lon: 12.02 },
      agency: 'Red Crescent',
    },
    condition: 'complete',
    sex: 'male',
    age: { min: 22, max: 30 },
    stature: { min: 171, max: 179 },
    marks: [{ kind: 'scar', bodyLocation: 'left_arm', description: 'old burn scar' }],
    dental: [{ tooth: '11', state: 'crown', note: 'gold' }],
    implants: [{ kind: 'plate', bodyLocation: 'right_leg', serialNumber: 'SN-123' }],
    effects: [{ category: 'clothing', description: 'red jacket', colour: 'red' }],
    ...over,
  });
}

/** Decoys: plausible remains that are someone else (the default remains body is one). */
export const DECOYS: Record<string, unknown>[] = [
  {},
  { sex: 'female', age: { min: 18, max: 25 }, stature: { min: 155, max: 165 } },
  {
    recovery: {
      date: '2024-06-02',
      place: 'Sabratha shore',
      coordinates: { lat: 32.8, lon: 12.48 },
      agency: 'Red Crescent',
    },
    implants: [],
    marks: [{ kind: 'tattoo', bodyLocation: 'chest', description: 'eagle' }],
    effects: [{ category: 'footwear', description: 'white sneakers' }],
    dental: [{ tooth: '11', state: 'present' }],
  },
  {
    recovery: {
      date: '2024-05-30',
      place: 'Zuwara harbour',
      coordinates: { lat: 32.93, lon: 12.1 },
      agency: 'Coast guard',
    },
    age: { min: 40, max: 55 },
    stature: { min: 160, max: 166 },
    implants: [],
    effects: [],
  },
];

/** A matching world in one country: reviewers, a caseworker, a contact point, records. */
export interface MatchingWorld {
  caseworker: TestUser;
  forensicA: TestUser;
  forensicB: TestUser;
  contactPoint: ContactPointFixture;
  reportId: string;
  trueId: string;
  decoyIds: string[];
}

/** Builds the world and runs the match worker once. */
export async function matchingWorld(
  opts: { report?: Record<string, unknown>; decoys?: Record<string, unknown>[] } = {},
): Promise<MatchingWorld> {
  const institute = await buildInstitute('IT');
  const forensicA = await buildForensic('IT', institute.id);
  const forensicB = await buildForensic('IT', institute.id);
  const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
  const contactPoint = await designate({ country: 'IT' });
  const decoyIds = [];
  for (const d of opts.decoys ?? DECOYS) {
    decoyIds.push((await createRemains(forensicA.token, d)).id);
  }
  const trueId = (await createRemains(forensicA.token, trueRemainsBody())).id;
  const report = await fileReport(caseworker.token, reportBody(opts.report ?? {}));
  await runWorker();
  return { caseworker, forensicA, forensicB, contactPoint, reportId: report.id, trueId, decoyIds };
}

/** Runs every due match job. */
export function runWorker() {
  return testNode().services.matching.worker.runOnce();
}

/** The candidates of a report as an actor sees them (throws unless 200). */
export async function reportCandidates(token: string, reportId: string, query = '') {
  const res = await api.get(`/api/v1/matching/reports/${reportId}/candidates${query}`, token);
  if (res.status !== 200) {
    throw new Error(`reportCandidates: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.items as Record<string, unknown>[];
}

/** The stored candidate id of a pair, if any. */
export async function candidateId(reportId: string, remainsId: string) {
  const rows = await testNode().db.query<{ id: string }>(
    'SELECT id FROM match_candidates WHERE report_id = $1 AND remains_id = $2',
    [reportId, remainsId],
  );
  return rows[0]?.id;
}
