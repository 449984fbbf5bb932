import { expect } from 'chai';
import { testNode } from '../node.js';
import { api } from '../http.js';
import { authorizationMatrix } from '../authz-matrix.js';
import {
  candidateId,
  matchingWorld,
  runWorker,
  trueRemainsBody,
  type MatchingWorld,
} from '../matching.factories.js';
import { createRemains } from '../remains.factories.js';
import { matchingFixture } from '../matching/matching.matrix.fixture.js';
import { documentAudits, getDocument, pdfOf } from './fixtures.js';

const reportPath = (id: string) =>
  `/api/v1/matching/candidates/${id}/documents/identification-report`;

async function named(userId: string, name: string) {
  await testNode().db.query('UPDATE users SET display_name = $2 WHERE id = $1', [userId, name]);
}

/** Records DNA and dental results and an override on the true pair, and proposes it. */
async function proposed(w: MatchingWorld): Promise<string> {
  await named(w.forensicA.user.id, 'Dr Amina Rossi');
  await named(w.forensicB.user.id, 'Dr Luca Bianchi');
  const pair = { reportId: w.reportId, remainsId: w.trueId };
  const lab = async (body: object) => {
    const res = await api.post(
      '/api/v1/matching/lab-results',
      { ...pair, ...body },
      w.forensicA.token,
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
  };
  await lab({
    kind: 'dna',
    method: 'kinship',
    likelihoodRatio: 2.5e9,
    referenceSample: 'ICMP-77',
    laboratory: 'ICMP',
    labReference: 'ICMP-R-2024-1',
  });
  await lab({ kind: 'dental', outcome: 'match', laboratory: 'Odontology unit Palermo' });
  const override = await api.post(
    '/api/v1/matching/overrides',
    { ...pair, rule: 'age_incompatible', reason: 'age estimate revised by the anthropologist' },
    w.forensicA.token,
  );
  expect(override.status, JSON.stringify(override.body)).to.equal(201);
  const id = (await candidateId(w.reportId, w.trueId))!;
  const res = await api.post(
    `/api/v1/matching/candidates/${id}/propose`,
    { basis: ['dna', 'dental'], note: 'kinship LR with the mother' },
    w.forensicA.token,
  );
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return id;
}

async function confirmed(w: MatchingWorld): Promise<string> {
  const id = await proposed(w);
  const res = await api.post(`/api/v1/matching/candidates/${id}/confirm`, {}, w.forensicB.token);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return id;
}

describe('documents: identification report', () => {
  it('prints the identification, both practitioners and the full evidence table for a forensic practitioner', async () => {
    const w = await matchingWorld();
    const id = await confirmed(w);
    const candidate = await api.get(`/api/v1/matching/candidates/${id}`, w.forensicA.token);
    const { text } = await pdfOf(reportPath(id), w.forensicA.token);
    expect(text).to.include(candidate.body.caseNumber as string);
    expect(text).to.include(candidate.body.remainsCode as string);
    expect(text).to.include('Identified (primary identifier)');
    expect(text).not.to.include('DRAFT');
    expect(text).to.include('dna, dental');
    expect(text).to.include('kinship LR with the mother');
    expect(text).to.include('Dr Amina Rossi');
    expect(text).to.include('Dr Luca Bianchi');
    expect(text).to.include('Evidence table');
    // Every scored part is a row of the table (attribute and its log10 LR).
    const parts = candidate.body.parts as { attribute: string; log10lr: number }[];
    expect(parts.length).to.be.greaterThan(3);
    for (const p of parts) {
      const sign = p.log10lr >= 0 ? '+' : '−';
      const row = `${p.attribute.replace(/_/g, ' ')} ${sign}${Math.abs(p.log10lr).toFixed(2)}`;
      expect(text, row).to.include(row);
    }
    expect(text).to.include(`Combined ${candidate.body.score >= 0 ? '+' : '−'}`);
    // Laboratory results with the laboratory's likelihood ratio and the reference sample.
    expect(text).to.include('likelihood ratio 2.50e+9');
    expect(text).to.include('reference sample ICMP-77');
    expect(text).to.include('ICMP-R-2024-1');
    expect(text).to.include('dental comparison: match');
    expect(text).to.include('Odontology unit Palermo');
    // The override and its reason.
    expect(text).to.include('age incompatible');
    expect(text).to.include('age estimate revised by the anthropologist');
    const [audit] = await documentAudits(id);
    expect(audit?.actorId).to.equal(w.forensicA.user.id);
    expect(audit?.details).to.deep.include({ document: 'identification-report' });
    expect(audit?.fields).to.include('labResults');
  });

  it('gives a caseworker the report without laboratory details, as the JSON API does', async () => {
    const w = await matchingWorld();
    const id = await confirmed(w);
    const json = await api.get(`/api/v1/matching/candidates/${id}`, w.caseworker.token);
    expect(json.body).not.to.have.property('labResults');
    const { text } = await pdfOf(reportPath(id), w.caseworker.token);
    expect(text).to.include(json.body.caseNumber as string);
    expect(text).to.include('Identified (primary identifier)');
    expect(text).to.include('Dr Luca Bianchi');
    expect(text).to.include('DNA comparison recorded by a laboratory');
    expect(text).to.include('not shown: outside what your role may read');
    expect(text).not.to.include('2.50e+9');
    expect(text).not.to.include('ICMP-77');
    expect(text).not.to.include('ICMP-R-2024-1');
    expect(text).not.to.include('Odontology unit Palermo');
    const [audit] = await documentAudits(id);
    expect(audit?.actorId).to.equal(w.caseworker.user.id);
    expect(audit?.fields).not.to.include('labResults');
  });

  it('marks a pair under review as a draft and refuses a pair nobody proposed', async () => {
    const w = await matchingWorld();
    const id = await proposed(w);
    const { text } = await pdfOf(reportPath(id), w.forensicB.token);
    expect(text).to.include('Identification report — DRAFT');
    expect(text).to.include('Not confirmed — proposed: identified (primary identifier)');
    expect(text).to.include('not confirmed yet');
    const [audit] = await documentAudits(id);
    expect(audit?.details).to.deep.include({ document: 'identification-report', draft: true });
    const twin = await createRemains(w.forensicA.token, trueRemainsBody());
    await runWorker();
    const fresh = (await candidateId(w.reportId, twin.id))!;
    expect(fresh, 'an unreviewed candidate').to.be.a('string');
    const res = await getDocument(reportPath(fresh), w.forensicA.token);
    expect(res.status).to.equal(409);
    expect(await documentAudits(fresh)).to.deep.equal([]);
  });
});

authorizationMatrix('identification report', {
  fixture: matchingFixture,
  endpoints: { report: (fx) => ({ method: 'get', path: reportPath(fx.candidateId) }) },
  expect: {
    report: {
      anonymous: 401,
      proposer: 200,
      'forensic@IT': 200,
      'caseworker@IT': 200,
      owner: 404,
      'family@IT': 404,
      'forensic@FR': 404,
      'caseworker@FR': 404,
      'contact_point@IT': 404,
      'admin@IT': 404,
      'auditor@IT': 404,
      'analyst@IT': 404,
    },
  },
});
