import { expect } from 'chai';
import { testNode } from '../node.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { candidateId, matchingWorld, type MatchingWorld } from '../matching.factories.js';

const post = (path: string, body: object, token: string) => api.post(path, body, token);

async function dnaMatch(w: MatchingWorld) {
  const res = await post(
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
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id as string;
}

async function statuses(w: MatchingWorld) {
  const report = await api.get(`/api/v1/reports/${w.reportId}`, w.caseworker.token);
  const remains = await api.get(`/api/v1/remains/${w.trueId}`, w.forensicA.token);
  return { report: report.body.status as string, remains: remains.body.status as string };
}

async function staffInbox(w: MatchingWorld) {
  const res = await api.get('/api/v1/notifications', w.contactPoint.staff.token);
  expect(res.status).to.equal(200);
  return res.body.items as { title: string; body: string; reportId: string; kind: string }[];
}

describe('matching: review and identification', () => {
  it('moves a candidate under review and excludes it with a reason', async () => {
    const w = await matchingWorld();
    const id = (await candidateId(w.reportId, w.trueId))!;
    const started = await post(`/api/v1/matching/candidates/${id}/review`, {}, w.forensicA.token);
    expect(started.status).to.equal(200);
    expect(started.body.status).to.equal('under_review');
    expect(started.body.review.startedBy).to.equal(w.forensicA.user.id);
    const noReason = await post(`/api/v1/matching/candidates/${id}/exclude`, {}, w.forensicB.token);
    expect(noReason.status).to.equal(400);
    const ex = await post(
      `/api/v1/matching/candidates/${id}/exclude`,
      { reason: 'dental chart differs on three teeth' },
      w.forensicB.token,
    );
    expect(ex.status).to.equal(200);
    expect(ex.body.status).to.equal('excluded');
    expect(ex.body.review.exclusionReason).to.equal('dental chart differs on three teeth');
    const again = await post(`/api/v1/matching/candidates/${id}/review`, {}, w.forensicA.token);
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('INVALID_TRANSITION');
  });

  it('refuses a primary basis no laboratory result supports', async () => {
    const w = await matchingWorld();
    const id = (await candidateId(w.reportId, w.trueId))!;
    const res = await post(
      `/api/v1/matching/candidates/${id}/propose`,
      { basis: ['dna'] },
      w.forensicA.token,
    );
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields[0].field).to.equal('body.basis');
  });

  it('does not let a single reviewer confirm an identification', async () => {
    const w = await matchingWorld();
    await dnaMatch(w);
    const id = (await candidateId(w.reportId, w.trueId))!;
    const proposed = await post(
      `/api/v1/matching/candidates/${id}/propose`,
      { basis: ['dna', 'marks'], note: 'kinship LR with the mother' },
      w.forensicA.token,
    );
    expect(proposed.status, JSON.stringify(proposed.body)).to.equal(200);
    expect(proposed.body.review.proposedBy).to.equal(w.forensicA.user.id);
    const self = await post(`/api/v1/matching/candidates/${id}/confirm`, {}, w.forensicA.token);
    expect(self.status).to.equal(409);
    expect(self.body.error.code).to.equal('SECOND_REVIEWER_REQUIRED');
    expect(await statuses(w)).to.deep.equal({ report: 'received', remains: 'unidentified' });
    const one = await api.get(`/api/v1/matching/candidates/${id}`, w.forensicA.token);
    expect(one.body.status).to.equal('under_review');
  });

  it('confirms with a second practitioner: identified on a primary basis, contact point notified', async () => {
    const w = await matchingWorld();
    await dnaMatch(w);
    const id = (await candidateId(w.reportId, w.trueId))!;
    await post(`/api/v1/matching/candidates/${id}/propose`, { basis: ['dna'] }, w.forensicA.token);
    const res = await post(`/api/v1/matching/candidates/${id}/confirm`, {}, w.forensicB.token);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.status).to.equal('confirmed');
    expect(res.body.review).to.include({
      proposedBy: w.forensicA.user.id,
      confirmedBy: w.forensicB.user.id,
      identification: 'identified',
    });
    // The report waits at "possible match" until the family has been told in person.
    expect(await statuses(w)).to.deep.equal({
      report: 'possible_match',
      remains: 'identified',
    });
    const inbox = await staffInbox(w);
    expect(
      inbox.some((n) => n.kind === 'death_notice'),
      JSON.stringify(inbox),
    ).to.equal(true);
    expect(inbox).to.have.length.greaterThan(0);
    const notice = inbox.find((n) => n.title.startsWith('Identification confirmed'));
    expect(notice?.reportId).to.equal(w.reportId);
    // The family is not told by the engine: no notification reaches a family account.
    const family = await testNode().db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM notifications n JOIN users u ON u.id = n.recipient_id
       WHERE u.role = 'family'`,
    );
    expect(Number(family[0]!.n)).to.equal(0);
    // Audited: the candidate, the report and the remains.
    const audit = await testNode().db.query<{ subject_type: string }>(
      `SELECT subject_type FROM audit_events WHERE action = 'confirmIdentification' ORDER BY seq`,
    );
    expect(audit.map((a) => a.subject_type)).to.deep.equal(['MatchCandidate', 'Report', 'Remains']);
  });

  it('gives a provisional identification on secondary identifiers alone', async () => {
    const w = await matchingWorld();
    const id = (await candidateId(w.reportId, w.trueId))!;
    await post(
      `/api/v1/matching/candidates/${id}/propose`,
      { basis: ['marks', 'effects'] },
      w.forensicA.token,
    );
    const res = await post(`/api/v1/matching/candidates/${id}/confirm`, {}, w.forensicB.token);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.review.identification).to.equal('provisional');
    expect(await statuses(w)).to.deep.equal({
      report: 'possible_match',
      remains: 'provisionally_identified',
    });
  });

  it('confirms atomically: a failure after the first status update changes neither record', async () => {
    const w = await matchingWorld();
    await dnaMatch(w);
    const id = (await candidateId(w.reportId, w.trueId))!;
    await post(`/api/v1/matching/candidates/${id}/propose`, { basis: ['dna'] }, w.forensicA.token);
    const { matching } = testNode().services;
    let reached = false;
    matching.onConfirmStage(async (stage, tx) => {
      if (stage === 'report_status') {
        const [r] = await tx.query<{ status: string }>('SELECT status FROM reports WHERE id = $1', [
          w.reportId,
        ]);
        reached = r?.status === 'possible_match';
        throw new Error('forced failure after the report status update');
      }
    });
    try {
      const res = await post(`/api/v1/matching/candidates/${id}/confirm`, {}, w.forensicB.token);
      expect(res.status).to.equal(500);
    } finally {
      matching.onConfirmStage(undefined);
    }
    expect(reached, 'the report status was updated inside the transaction').to.equal(true);
    expect(await statuses(w)).to.deep.equal({ report: 'received', remains: 'unidentified' });
    const one = await api.get(`/api/v1/matching/candidates/${id}`, w.forensicA.token);
    expect(one.body.status).to.equal('under_review');
    expect((await staffInbox(w)).filter((n) => n.title.startsWith('Identification'))).to.deep.equal(
      [],
    );
    // And it then succeeds.
    const ok = await post(`/api/v1/matching/candidates/${id}/confirm`, {}, w.forensicB.token);
    expect(ok.status).to.equal(200);
    expect(await statuses(w)).to.deep.equal({
      report: 'possible_match',
      remains: 'identified',
    });
  });

  it('a confirmed identification reaches the family only after the contact point told them in person', async () => {
    const w = await matchingWorld();
    await dnaMatch(w);
    const id = (await candidateId(w.reportId, w.trueId))!;
    await post(`/api/v1/matching/candidates/${id}/propose`, { basis: ['dna'] }, w.forensicA.token);
    expect(
      (await post(`/api/v1/matching/candidates/${id}/confirm`, {}, w.forensicB.token)).status,
    ).to.equal(200);
    const early = await post(
      `/api/v1/reports/${w.reportId}/status`,
      { status: 'identified_deceased', reason: 'identified by DNA' },
      w.caseworker.token,
    );
    expect(early.status).to.equal(409);
    expect(early.body.error.code).to.equal('DEATH_NOTICE_REQUIRED');
    const told = await post(
      `/api/v1/reports/${w.reportId}/death-notice`,
      { method: 'in_person' },
      w.contactPoint.staff.token,
    );
    expect(told.status, JSON.stringify(told.body)).to.equal(200);
    const now = await post(
      `/api/v1/reports/${w.reportId}/status`,
      { status: 'identified_deceased', reason: 'identified by DNA' },
      w.caseworker.token,
    );
    expect(now.status, JSON.stringify(now.body)).to.equal(200);
    expect((await statuses(w)).report).to.equal('identified_deceased');
  });

  it('lets the contact point of the identified report see the status of the remains, and only that', async () => {
    const w = await matchingWorld();
    const path = `/api/v1/remains/${w.trueId}`;
    expect((await api.get(path, w.contactPoint.staff.token)).status, 'before').to.equal(404);
    await dnaMatch(w);
    const id = (await candidateId(w.reportId, w.trueId))!;
    await post(`/api/v1/matching/candidates/${id}/propose`, { basis: ['dna'] }, w.forensicA.token);
    expect(
      (await post(`/api/v1/matching/candidates/${id}/confirm`, {}, w.forensicB.token)).status,
    ).to.equal(200);
    const seen = await api.get(path, w.contactPoint.staff.token);
    expect(seen.status).to.equal(200);
    expect(Object.keys(seen.body).sort()).to.deep.equal(
      ['code', 'country', 'id', 'kind', 'status', 'statusChangedAt'].sort(),
    );
    expect(seen.body.status).to.equal('identified');
    const otherCp = await buildUser({ role: 'contact_point', country: 'IT' });
    expect((await api.get(path, otherCp.token)).status, 'another contact point').to.equal(404);
    const decoy = await api.get(`/api/v1/remains/${w.decoyIds[0]}`, w.contactPoint.staff.token);
    expect(decoy.status, 'remains not linked to its case').to.equal(404);
  });
});
