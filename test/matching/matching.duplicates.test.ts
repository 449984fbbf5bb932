import { expect } from 'chai';
import { testNode } from '../node.js';
import { api } from '../http.js';
import {
  candidateId,
  matchingWorld,
  runWorker,
  type MatchingWorld,
} from '../matching.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { pdfOf } from '../documents/fixtures.js';

const post = (path: string, body: object, token: string) => api.post(path, body, token);
const c = (id: string) => `/api/v1/matching/candidates/${id}`;

/** A second report of the same person, linked to the world's report, and a third, unlinked one. */
async function duplicates(w: MatchingWorld) {
  const dup = await fileReport(w.caseworker.token, reportBody());
  const other = await fileReport(w.caseworker.token, reportBody());
  const link = await post(
    `/api/v1/reports/${w.reportId}/links`,
    { reportId: dup.id, reason: 'same person, reported by his brother and by his mother' },
    w.caseworker.token,
  );
  expect(link.status, JSON.stringify(link.body)).to.be.oneOf([200, 201]);
  await runWorker();
  const first = (await candidateId(w.reportId, w.trueId))!;
  const second = (await candidateId(dup.id, w.trueId))!;
  const third = (await candidateId(other.id, w.trueId))!;
  expect([first, second, third].every(Boolean), 'three candidates on the remains').to.equal(true);
  return { dup, other, first, second, third };
}

async function status(reportId: string) {
  const [r] = await testNode().db.query<{ status: string }>(
    'SELECT status FROM reports WHERE id = $1',
    [reportId],
  );
  return r?.status;
}

async function proposeDna(w: MatchingWorld, id: string) {
  const lab = await post(
    '/api/v1/matching/lab-results',
    {
      reportId: w.reportId,
      remainsId: w.trueId,
      kind: 'dna',
      method: 'kinship',
      likelihoodRatio: 1e8,
      referenceSample: 'ICMP-90',
      laboratory: 'ICMP',
    },
    w.forensicA.token,
  );
  expect(lab.status, JSON.stringify(lab.body)).to.equal(201);
  const res = await post(`${c(id)}/propose`, { basis: ['dna'] }, w.forensicA.token);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
}

describe('matching: duplicate reports of the same person', () => {
  it('shows candidates of linked reports against the same remains as duplicates, not competitors', async () => {
    const w = await matchingWorld();
    const d = await duplicates(w);
    await proposeDna(w, d.first);
    const res = await api.get(
      `/api/v1/matching/remains/${w.trueId}/candidates`,
      w.caseworker.token,
    );
    expect(res.status).to.equal(200);
    const items = res.body.items as {
      id: string;
      duplicateOf: string | null;
      sameCase: { candidateId: string; caseNumber: string }[];
    }[];
    const byId = new Map(items.map((i) => [i.id, i]));
    // The pair under review stands for the case; the linked report's pair is its duplicate.
    expect(byId.get(d.first)?.duplicateOf).to.equal(null);
    expect(byId.get(d.first)?.sameCase.map((s) => s.candidateId)).to.deep.equal([d.second]);
    expect(byId.get(d.second)?.duplicateOf).to.equal(d.first);
    expect(byId.get(d.second)?.sameCase.map((s) => s.candidateId)).to.deep.equal([d.first]);
    // An unlinked report is a separate, competing candidate.
    expect(byId.get(d.third)?.duplicateOf).to.equal(null);
    expect(byId.get(d.third)?.sameCase).to.deep.equal([]);
  });

  it('gives linked reports the same identification in the same transaction', async () => {
    const w = await matchingWorld();
    const d = await duplicates(w);
    await proposeDna(w, d.first);
    // Atomic: a failure after the status updates leaves the linked report as it was.
    const { matching } = testNode().services;
    let reached = false;
    matching.onConfirmStage(async (stage, tx) => {
      if (stage === 'remains_status') {
        const [r] = await tx.query<{ status: string }>('SELECT status FROM reports WHERE id = $1', [
          d.dup.id,
        ]);
        reached = r?.status === 'possible_match';
        throw new Error('forced failure after the status updates');
      }
    });
    try {
      expect((await post(`${c(d.first)}/confirm`, {}, w.forensicB.token)).status).to.equal(500);
    } finally {
      matching.onConfirmStage(undefined);
    }
    expect(reached, 'the linked report moved inside the transaction').to.equal(true);
    expect(await status(d.dup.id)).to.equal('received');

    const ok = await post(`${c(d.first)}/confirm`, {}, w.forensicB.token);
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    // Never "identified deceased" directly: the family is told in person first.
    expect(await status(w.reportId)).to.equal('possible_match');
    expect(await status(d.dup.id)).to.equal('possible_match');
    expect(await status(d.other.id)).to.equal('received');
    const events = await api.get(`/api/v1/reports/${d.dup.id}/timeline`, w.caseworker.token);
    expect(JSON.stringify(events.body)).to.include('of the same person');
    // A death notice is opened for the linked report's contact point too.
    const notices = await testNode().db.query<{ report_id: string }>(
      `SELECT DISTINCT n.report_id FROM notifications n WHERE n.kind = 'death_notice'`,
    );
    expect(notices.map((n) => n.report_id)).to.have.members([w.reportId, d.dup.id]);
    const audit = await testNode().db.query<{ subject_type: string; subject_id: string }>(
      `SELECT subject_type, subject_id FROM audit_events
       WHERE action = 'confirmIdentification' ORDER BY seq`,
    );
    expect(audit.map((a) => a.subject_type)).to.deep.equal([
      'MatchCandidate',
      'Report',
      'Report',
      'Remains',
    ]);
    expect(audit[2]?.subject_id).to.equal(d.dup.id);
    // The linked report's pair now shows as a duplicate of the confirmed one.
    const dup = await api.get(c(d.second), w.forensicA.token);
    expect(dup.body.duplicateOf).to.equal(d.first);
    // And the identification report names the linked report.
    const { text } = await pdfOf(
      `${c(d.first)}/documents/identification-report`,
      w.forensicB.token,
    );
    expect(text).to.include(String(d.dup.caseNumber));
  });
});
