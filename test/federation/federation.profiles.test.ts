import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { runWorker, trueRemainsBody } from '../matching.factories.js';
import { buildForensic, createRemains } from '../remains.factories.js';
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

describe('federation: cross-border matching profiles (TN and IT on one node)', () => {
  it('a TN report and IT remains become a candidate on both sides, pseudonymous across', async () => {
    await agreeTnIt();
    const tnCase = await buildUser({ role: 'caseworker', country: 'TN' });
    const tnForensic = await buildForensic('TN');
    const itForensic = await buildForensic('IT');
    const report = await fileReport(tnCase.token, reportBody());
    const remains = await createRemains(itForensic.token, trueRemainsBody());
    await settle();

    const it = await api.get('/api/v1/federation/candidates', itForensic.token);
    expect(it.status, JSON.stringify(it.body)).to.equal(200);
    expect(it.body.items).to.have.length(1);
    const c = it.body.items[0];
    expect(c.local).to.include({ side: 'pm', id: remains.id });
    expect(c.counterpart.jurisdiction).to.equal('TN');
    expect(c.counterpart.ref).to.match(/^AM-TN-/);
    expect(c.score).to.be.greaterThan(2);
    const text = JSON.stringify(it.body);
    expect(text).not.to.contain(report.id);
    expect(text).not.to.contain('Haile');
    expect(text).not.to.contain('Yohannes');

    const tn = await api.get('/api/v1/federation/candidates', tnForensic.token);
    expect(tn.body.items).to.have.length(1);
    expect(tn.body.items[0].local).to.include({ side: 'am', id: report.id });
    expect(tn.body.items[0].counterpart.ref).to.match(/^PM-IT-/);
    expect(JSON.stringify(tn.body)).not.to.contain(remains.id);

    // The profile that travelled names nobody.
    const held = await testNode().db.query<{ profile: unknown }>(
      `SELECT profile FROM federation_profiles WHERE side = 'am'`,
    );
    expect(held).to.have.length(1);
    expect(JSON.stringify(held[0]!.profile)).not.to.match(/Haile|Yohannes|saba|ER-55501/i);
  });

  it('withdrawing cross-border consent withdraws the profile and the candidates at the peer', async () => {
    await agreeTnIt();
    const tnCase = await buildUser({ role: 'caseworker', country: 'TN' });
    const itForensic = await buildForensic('IT');
    const report = await fileReport(tnCase.token, reportBody());
    await createRemains(itForensic.token, trueRemainsBody());
    await settle();
    expect(
      (await api.get('/api/v1/federation/candidates', itForensic.token)).body.items,
    ).to.have.length(1);

    const res = await api.patch(
      `/api/v1/reports/${report.id}`,
      {
        consent: {
          domesticSearch: 'granted',
          forensicSharing: 'granted',
          crossBorderMatching: 'withdrawn',
          givenBy: 'mother',
        },
      },
      tnCase.token,
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    await settle();
    expect(
      (await api.get('/api/v1/federation/candidates', itForensic.token)).body.items,
    ).to.have.length(0);
    const held = await testNode().db.query(`SELECT 1 FROM federation_profiles WHERE side = 'am'`);
    expect(held).to.have.length(0);
    const tnRows = await testNode().db.query(
      `SELECT 1 FROM federation_candidates WHERE jurisdiction = 'TN'`,
    );
    expect(tnRows).to.have.length(0);
  });

  it('nothing leaves without an agreement', async () => {
    const tnCase = await buildUser({ role: 'caseworker', country: 'TN' });
    await fileReport(tnCase.token, reportBody());
    const rows = await testNode().db.query(`SELECT 1 FROM federation_outbox`);
    expect(rows).to.have.length(0);
  });
});
