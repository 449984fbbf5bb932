import { expect } from 'chai';
import { testNode } from '../node.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { createRemains } from '../remains.factories.js';
import {
  candidateId,
  matchingWorld,
  reportCandidates,
  runWorker,
  trueRemainsBody,
} from '../matching.factories.js';

describe('matching: worker, candidates and evidence', () => {
  it('ranks the planted true remains first among decoys after the worker runs', async () => {
    const w = await matchingWorld();
    const items = await reportCandidates(w.forensicA.token, w.reportId);
    expect(items.length).to.be.greaterThan(0);
    expect(items[0]!.remainsId).to.equal(w.trueId);
    expect(items[0]!.rank).to.equal(1);
    const attributes = (items[0]!.parts as { attribute: string }[]).map((p) => p.attribute);
    expect(attributes).to.include.members(['implants', 'time', 'distance']);
    // Every listed pair is above the threshold and sorted by score.
    const scores = items.map((i) => i.score as number);
    expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
    expect(Math.min(...scores)).to.be.at.least(testNode().services.matching.threshold);
    // The same pair seen from the remains side.
    const res = await api.get(`/api/v1/matching/remains/${w.trueId}/candidates`, w.forensicA.token);
    expect(res.status).to.equal(200);
    expect(res.body.items[0].reportId).to.equal(w.reportId);
    expect(await testNode().services.matching.jobs()).to.deep.equal({ done: 6 });
  });

  it('shows caseworkers the explanation without laboratory details or post-mortem photos', async () => {
    const w = await matchingWorld();
    await api.post(
      '/api/v1/matching/lab-results',
      {
        reportId: w.reportId,
        remainsId: w.trueId,
        kind: 'dna',
        method: 'kinship',
        likelihoodRatio: 1e8,
        referenceSample: 'ICMP-77',
        laboratory: 'ICMP',
      },
      w.forensicA.token,
    );
    const forensic = await reportCandidates(w.forensicA.token, w.reportId);
    expect(forensic[0]!.labResults).to.have.length(1);
    expect((forensic[0]!.remains as { photos: unknown[] }).photos).to.have.length(1);
    const items = await reportCandidates(w.caseworker.token, w.reportId);
    expect(items[0]!.remainsId).to.equal(w.trueId);
    expect(items[0]).to.not.have.any.keys('labResults', 'remains');
    expect(JSON.stringify(items[0]!.parts)).to.not.contain('ICMP-77');
    expect(JSON.stringify(forensic[0]!.parts)).to.contain('ICMP-77');
  });

  it('enters a laboratory result into the score at once', async () => {
    const w = await matchingWorld();
    const before = (await reportCandidates(w.forensicA.token, w.reportId))[0]!;
    const res = await api.post(
      '/api/v1/matching/lab-results',
      {
        reportId: w.reportId,
        remainsId: w.trueId,
        kind: 'fingerprint',
        outcome: 'match',
        laboratory: 'Polizia Scientifica',
      },
      w.forensicA.token,
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.score).to.be.closeTo((before.score as number) + 10, 0.01);
    expect(res.body.parts[0].attribute).to.equal('fingerprint');
    // A dental exclusion by an expert excludes the pair.
    const excl = await api.post(
      '/api/v1/matching/lab-results',
      {
        reportId: w.reportId,
        remainsId: w.decoyIds[0],
        kind: 'dental',
        outcome: 'exclusion',
        laboratory: 'Odontology unit',
      },
      w.forensicA.token,
    );
    expect(excl.status).to.equal(201);
    expect(excl.body.excluded).to.equal(true);
    expect(excl.body.exclusions[0].rule).to.equal('lab_exclusion');
  });

  it('lets a reviewer override a hard exclusion with a reason', async () => {
    // A plate with another serial number than the report's excludes the pair (a certain fact).
    const w = await matchingWorld({ decoys: [] });
    const plate = { kind: 'plate', bodyLocation: 'right_leg', serialNumber: 'SN-999' };
    const otherPlate = await createRemains(
      w.forensicA.token,
      trueRemainsBody({ implants: [plate] }),
    );
    await runWorker();
    const listed = await reportCandidates(w.forensicA.token, w.reportId);
    expect(listed.map((i) => i.remainsId)).to.not.include(otherPlate.id);
    const res = await api.post(
      '/api/v1/matching/overrides',
      {
        reportId: w.reportId,
        remainsId: otherPlate.id,
        rule: 'implant_serial_mismatch',
        reason: 'serial misread at recovery; photos show SN-123',
      },
      w.forensicA.token,
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.excluded).to.equal(false);
    expect(res.body.exclusions).to.deep.include({
      rule: 'implant_serial_mismatch',
      reason: res.body.exclusions[0].reason,
      overridden: true,
      overridable: true,
    });
    expect(res.body.overrides[0].reason).to.contain('photos show SN-123');
    // The worker keeps the overridden pair on the next run, and it is listed.
    await api.patch(
      `/api/v1/reports/${w.reportId}`,
      {
        flags: {
          unaccompaniedChild: false,
          separatedChild: false,
          pregnant: false,
          disability: true,
        },
      },
      w.caseworker.token,
    );
    await runWorker();
    const after = await reportCandidates(w.forensicA.token, w.reportId);
    expect(after.map((i) => i.remainsId)).to.include(otherPlate.id);
  });

  it('does not match a report without forensic-sharing consent, and withdrawing it removes candidates', async () => {
    const w = await matchingWorld({
      report: {
        consent: { domesticSearch: 'granted', forensicSharing: 'refused', givenBy: 'mother' },
      },
    });
    expect(await candidateId(w.reportId, w.trueId)).to.equal(undefined);
    expect(await reportCandidates(w.caseworker.token, w.reportId)).to.deep.equal([]);
    const forensic = await api.get(
      `/api/v1/matching/reports/${w.reportId}/candidates`,
      w.forensicA.token,
    );
    expect(forensic.status).to.equal(403);
    expect(forensic.body.error.code).to.equal('CONSENT_REQUIRED');
    // Granting consent matches it; withdrawing it again removes the unreviewed candidates.
    const consent = (forensicSharing: string) => ({
      consent: { domesticSearch: 'granted', forensicSharing, givenBy: 'mother' },
    });
    await api.patch(`/api/v1/reports/${w.reportId}`, consent('granted'), w.caseworker.token);
    await runWorker();
    expect(await candidateId(w.reportId, w.trueId)).to.be.a('string');
    await api.patch(`/api/v1/reports/${w.reportId}`, consent('withdrawn'), w.caseworker.token);
    await runWorker();
    expect(await candidateId(w.reportId, w.trueId)).to.equal(undefined);
  });

  it('lets forensic users search on demand; another country sees nothing', async () => {
    const w = await matchingWorld();
    await testNode().db.query('DELETE FROM match_candidates');
    const res = await api.post(
      '/api/v1/matching/search',
      { reportId: w.reportId },
      w.forensicB.token,
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.items[0].remainsId).to.equal(w.trueId);
    const fr = await buildUser({ role: 'forensic', country: 'FR' });
    const cw = await buildUser({ role: 'caseworker', country: 'FR' });
    for (const token of [fr.token, cw.token]) {
      const list = await api.get(`/api/v1/matching/reports/${w.reportId}/candidates`, token);
      expect(list.status).to.equal(404);
      expect(list.body).to.not.have.property('items');
      const one = await api.get(`/api/v1/matching/candidates/${res.body.items[0].id}`, token);
      expect(one.status).to.equal(404);
    }
    const search = await api.post('/api/v1/matching/search', { remainsId: w.trueId }, fr.token);
    expect(search.status).to.equal(404);
  });
});
