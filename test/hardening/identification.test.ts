import { expect } from 'chai';
import { testNode } from '../node.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { candidateId, matchingWorld, type MatchingWorld } from '../matching.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';

// Issue 15 item 14: confirming an identification goes through the reports service (its consent
// rule and status hooks), locks reports in one order and runs again after a deadlock.
async function proposeDna(w: MatchingWorld): Promise<string> {
  const lab = await api.post(
    '/api/v1/matching/lab-results',
    {
      reportId: w.reportId,
      remainsId: w.trueId,
      kind: 'dna',
      method: 'kinship',
      likelihoodRatio: 2.5e9,
      referenceSample: 'ICMP-77',
      laboratory: 'ICMP',
      labReference: 'ICMP-R-2024-1',
    },
    w.forensicA.token,
  );
  expect(lab.status, JSON.stringify(lab.body)).to.equal(201);
  const id = (await candidateId(w.reportId, w.trueId))!;
  const p = await api.post(
    `/api/v1/matching/candidates/${id}/propose`,
    { basis: ['dna'] },
    w.forensicA.token,
  );
  expect(p.status, JSON.stringify(p.body)).to.equal(200);
  return id;
}

async function statusOf(reportId: string): Promise<string> {
  const rows = await testNode().db.query<{ status: string }>(
    'SELECT status FROM reports WHERE id = $1',
    [reportId],
  );
  return rows[0]!.status;
}

describe('hardening: confirming an identification goes through the reports service', () => {
  it('leaves a linked report whose domestic-search consent was withdrawn as it is', async () => {
    const w = await matchingWorld();
    const other = await fileReport(w.caseworker.token, reportBody());
    const link = await api.post(
      `/api/v1/reports/${w.reportId}/links`,
      { reportId: other.id, reason: 'same person, filed twice' },
      w.caseworker.token,
    );
    expect(link.status, JSON.stringify(link.body)).to.equal(201);
    // The family withdrew its consent to the search for the second report.
    await testNode().db.query(
      `UPDATE reports SET consent = jsonb_set(consent, '{domesticSearch,status}', '"withdrawn"'),
         consent_domestic = false WHERE id = $1`,
      [other.id],
    );
    const id = await proposeDna(w);
    const res = await api.post(`/api/v1/matching/candidates/${id}/confirm`, {}, w.forensicB.token);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(await statusOf(w.reportId)).to.equal('possible_match');
    expect(await statusOf(other.id)).to.equal('received');
  });

  it('runs the reports status hooks: the family’s status notice is held until told in person', async () => {
    const family = await buildUser({ role: 'family', country: 'IT' });
    const w = await matchingWorld();
    await testNode().db.query('UPDATE reports SET owner_id = $1 WHERE id = $2', [
      family.user.id,
      w.reportId,
    ]);
    const id = await proposeDna(w);
    const res = await api.post(`/api/v1/matching/candidates/${id}/confirm`, {}, w.forensicB.token);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const rows = await testNode().db.query<{ kind: string; held: boolean }>(
      `SELECT n.kind, n.held FROM notifications n WHERE n.recipient_id = $1`,
      [family.user.id],
    );
    // The hook wrote the family's status notice, held behind the death notice.
    expect(rows.map((r) => r.kind)).to.include('status_change');
    expect(rows.every((r) => r.held)).to.equal(true);
  });

  it('runs a confirmation again after a deadlock instead of answering 500', async () => {
    const w = await matchingWorld();
    const id = await proposeDna(w);
    const { matching } = testNode().services;
    let failures = 0;
    matching.onConfirmStage((stage) => {
      if (stage === 'report_status' && failures === 0) {
        failures++;
        return Promise.reject(Object.assign(new Error('deadlock detected'), { code: '40P01' }));
      }
      return Promise.resolve();
    });
    try {
      const res = await api.post(
        `/api/v1/matching/candidates/${id}/confirm`,
        {},
        w.forensicB.token,
      );
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.status).to.equal('confirmed');
    } finally {
      matching.onConfirmStage(undefined);
    }
    expect(failures).to.equal(1);
    expect(await statusOf(w.reportId)).to.equal('possible_match');
    const events = await testNode().db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM report_status_events WHERE report_id = $1`,
      [w.reportId],
    );
    // received, under_search, possible_match: the failed attempt left nothing behind.
    expect(events[0]!.n).to.equal(3);
  });
});
