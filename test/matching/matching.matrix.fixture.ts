// The fixture of the matching authorization matrix: a family's report matched against remains,
// with one candidate proposed for identification by a forensic practitioner.
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { candidateId, runWorker, trueRemainsBody } from '../matching.factories.js';
import { buildForensic, createRemains } from '../remains.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';

/** Records and actors of the matrix. */
export interface MatchingFixture {
  reportId: string;
  remainsId: string;
  candidateId: string;
  /** A second candidate nobody has reviewed yet. */
  freshCandidateId: string;
  actors: Record<string, string>;
}

/** A family's report, the matching remains, and a candidate proposed by 'proposer'. */
export async function matchingFixture(): Promise<MatchingFixture> {
  const owner = await buildUser({ role: 'family', country: 'IT' });
  const proposer = await buildForensic('IT');
  const remains = await createRemains(proposer.token, trueRemainsBody());
  const other = await createRemains(proposer.token, trueRemainsBody());
  const report = await fileReport(owner.token, reportBody());
  await runWorker();
  const id = await candidateId(report.id, remains.id);
  const fresh = await candidateId(report.id, other.id);
  if (!id || !fresh) {
    throw new Error('matchingFixture: no candidate');
  }
  const res = await api.post(
    `/api/v1/matching/candidates/${id}/propose`,
    { basis: ['marks', 'effects'] },
    proposer.token,
  );
  if (res.status !== 200) {
    throw new Error(`matchingFixture: propose ${res.status}`);
  }
  return {
    reportId: report.id,
    remainsId: remains.id,
    candidateId: id,
    freshCandidateId: fresh,
    actors: { owner: owner.token, proposer: proposer.token },
  };
}
