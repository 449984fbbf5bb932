import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { runWorker, trueRemainsBody } from '../matching.factories.js';
import { buildForensic, createRemains, identifyRemains } from '../remains.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { agreeTnIt, drain } from '../federation.factories.js';

/** Loops outbox and match worker until both are idle. */
async function settle() {
  for (let i = 0; i < 10; i += 1) {
    const sent = await drain();
    await runWorker();
    if (sent === 0 && (await drain()) === 0) {
      return;
    }
  }
}

const count = async (sql: string) => Number((await testNode().db.query<{ n: string }>(sql))[0]!.n);

/** A TN report and IT remains that became a cross-border candidate on both sides. */
async function pair() {
  await agreeTnIt();
  const tnCase = await buildUser({ role: 'caseworker', country: 'TN' });
  const itForensic = await buildForensic('IT');
  const report = await fileReport(tnCase.token, reportBody());
  const remains = await createRemains(itForensic.token, trueRemainsBody());
  await settle();
  expect(await count(`SELECT count(*) AS n FROM federation_candidates`)).to.equal(2);
  return { tnCase, itForensic, report, remains };
}

describe('federation: withdrawal of shared profiles and retention of disclosures', () => {
  it('identified remains withdraw their profile: the peer deletes its copy and its candidates', async () => {
    const { itForensic, remains } = await pair();
    expect(await count(`SELECT count(*) AS n FROM federation_profiles WHERE side = 'pm'`)).to.equal(
      1,
    );
    const res = await identifyRemains(remains.id, itForensic.token);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    await settle();
    expect(await count(`SELECT count(*) AS n FROM federation_profiles WHERE side = 'pm'`)).to.equal(
      0,
    );
    expect(
      await count(`SELECT count(*) AS n FROM federation_candidates WHERE local_side = 'am'`),
      'the TN side’s candidate',
    ).to.equal(0);
    expect(
      await count(`SELECT count(*) AS n FROM federation_shares WHERE ref LIKE 'PM-%'`),
    ).to.equal(0);
    const withdrawals = await testNode().db.query<{ kind: string }>(
      `SELECT kind FROM federation_inbox WHERE kind = 'profile.withdraw'`,
    );
    expect(withdrawals).to.have.length(1);
  });

  it('a closed report withdraws its profile: the peer deletes its copy and its candidates', async () => {
    const { tnCase, itForensic, report } = await pair();
    const closed = await api.post(
      `/api/v1/reports/${report.id}/status`,
      { status: 'closed', reason: 'The family asked to close the search' },
      tnCase.token,
    );
    expect(closed.status, JSON.stringify(closed.body)).to.equal(200);
    await settle();
    expect(await count(`SELECT count(*) AS n FROM federation_profiles WHERE side = 'am'`)).to.equal(
      0,
    );
    expect(
      (await api.get('/api/v1/federation/candidates', itForensic.token)).body.items,
    ).to.have.length(0);
    expect(await count(`SELECT count(*) AS n FROM federation_candidates`)).to.equal(0);
  });

  it('a record disclosed by another state is kept for its retention, then purged (audited)', async () => {
    const { tnCase, itForensic } = await pair();
    const candidates = await api.get('/api/v1/federation/candidates', itForensic.token);
    const asked = await api.post(
      `/api/v1/federation/candidates/${candidates.body.items[0].id}/disclosures`,
      { purpose: 'identification', justification: 'Dental and implant serial agree strongly.' },
      itForensic.token,
    );
    expect(asked.status).to.equal(201);
    await settle();
    const incoming = await api.get('/api/v1/federation/disclosures', tnCase.token);
    const approved = await api.post(
      `/api/v1/federation/disclosures/${incoming.body.items[0].id}/decide`,
      { decision: 'approve', reason: 'Consent on file.' },
      tnCase.token,
    );
    expect(approved.status).to.equal(200);
    await settle();
    const path = `/api/v1/federation/disclosures/${asked.body.id}`;
    const before = await api.get(path, itForensic.token);
    expect(before.body.record.caseNumber).to.be.a('string');
    const days = testNode().config.node.retention.disclosuresReceivedDays;
    expect(days).to.equal(90);
    const expires = new Date(before.body.expiresAt).getTime();
    expect(expires - Date.now()).to.be.within((days - 1) * 86_400_000, days * 86_400_000 + 60_000);

    const { disclosures } = testNode().services.federation;
    // Kept the day before the period ends.
    expect(await disclosures.purgeExpired(new Date(expires - 86_400_000))).to.equal(0);
    expect((await api.get(path, itForensic.token)).body.record.caseNumber).to.be.a('string');
    // Purged after it.
    expect(await disclosures.purgeExpired(new Date(expires + 1000))).to.equal(1);
    expect(await disclosures.purgeExpired(new Date(expires + 2000))).to.equal(0);
    const after = await api.get(path, itForensic.token);
    expect(after.status).to.equal(200);
    expect(after.body.record).to.equal(undefined);
    expect(after.body.purgedAt).to.be.a('string');
    const sealed = await testNode().db.query<{ record_sealed: string | null }>(
      `SELECT record_sealed FROM federation_disclosures WHERE id = $1`,
      [asked.body.id],
    );
    expect(sealed[0]!.record_sealed).to.equal(null);
    // The holder's own record is untouched; the purge is in the audit trail.
    const holder = await testNode().db.query(
      `SELECT 1 FROM federation_disclosures WHERE direction = 'incoming' AND status = 'approved'`,
    );
    expect(holder).to.have.length(1);
    const audit = await testNode().db.query(
      `SELECT 1 FROM audit_events WHERE action = 'purge' AND subject_type = 'FederationDisclosure'`,
    );
    expect(audit).to.have.length(1);
  });
});
