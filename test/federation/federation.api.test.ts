import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { authorizationMatrix, type MatrixFixture } from '../authz-matrix.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { agreeTnIt, agreementBody } from '../federation.factories.js';

/** A stored cross-border candidate of a jurisdiction (the matching flow is tested elsewhere). */
async function candidateOf(jurisdiction: string, other: string): Promise<string> {
  const rows = await testNode().db.query<{ id: string }>(
    `INSERT INTO federation_candidates (jurisdiction, local_side, local_id, local_ref, foreign_node,
       foreign_jurisdiction, foreign_ref, scored_here, score, parts, exclusions, agreement_ref)
     VALUES ($1, 'pm', $2, $3, 'urn:ariadne:node:demo', $4, $5, true, 4.2,
       '[{"attribute":"sex","log10lr":0.3,"explanation":"sex agrees"}]', '[]', 'TN-IT-2026-MISSING')
     RETURNING id`,
    [
      jurisdiction,
      randomUUID(),
      `PM-${jurisdiction}-x${randomUUID().slice(0, 6)}`,
      other,
      `AM-${other}-y${randomUUID().slice(0, 6)}`,
    ],
  );
  return rows[0]!.id;
}

const peerBody = () => ({
  nodeId: `urn:ariadne:node:${randomUUID().slice(0, 8)}`,
  name: 'Partner',
  baseUrl: 'http://127.0.0.1:3149',
  jurisdictions: ['LY'],
  pinnedThumbprint: 'A'.repeat(43),
});

/** A received repatriation row of a jurisdiction (the flow is tested in identification). */
async function transferOf(jurisdiction: string): Promise<string> {
  const rows = await testNode().db.query<{ id: string }>(
    `INSERT INTO federation_custody_transfers (transfer_id, direction, jurisdiction, foreign_node,
       foreign_jurisdiction, remains_id, remains_code, signed_head, head_position, head_hash)
     VALUES (gen_random_uuid(), 'incoming', $1, 'urn:ariadne:node:demo', 'TN', gen_random_uuid(),
       'PM-X', 'x.y.z', 1, 'h') RETURNING id`,
    [jurisdiction],
  );
  return rows[0]!.id;
}

/** A received case notice of a jurisdiction. */
async function noticeOf(jurisdiction: string): Promise<string> {
  const rows = await testNode().db.query<{ id: string }>(
    `INSERT INTO federation_case_notices (notice_id, direction, jurisdiction, foreign_node,
       foreign_jurisdiction, case_number, reason, notice, status)
     VALUES (gen_random_uuid(), 'incoming', $1, 'urn:ariadne:node:demo', 'TN', 'TN-2026-1',
       'Family lives here', '{"caseNumber":"TN-2026-1"}', 'received') RETURNING id`,
    [jurisdiction],
  );
  return rows[0]!.id;
}

interface Fx extends MatrixFixture {
  agreementId: string;
  candidateId: string;
  transferId: string;
  noticeId: string;
}

authorizationMatrix<Fx>('federation', {
  fixture: async () => {
    await agreeTnIt();
    const rows = await testNode().db.query<{ id: string }>(
      `SELECT id FROM federation_agreements WHERE local_jurisdiction = 'IT'`,
    );
    return {
      agreementId: rows[0]!.id,
      candidateId: await candidateOf('IT', 'TN'),
      transferId: await transferOf('IT'),
      noticeId: await noticeOf('IT'),
    };
  },
  endpoints: {
    node: () => ({ method: 'get', path: '/.well-known/ariadne-node' }),
    jwks: () => ({ method: 'get', path: '/.well-known/ariadne-node/jwks.json' }),
    listPeers: () => ({ method: 'get', path: '/api/v1/federation/peers' }),
    createPeer: () => ({ method: 'post', path: '/api/v1/federation/peers', body: peerBody() }),
    listAgreements: () => ({ method: 'get', path: '/api/v1/federation/agreements' }),
    createAgreement: () => ({
      method: 'post',
      path: '/api/v1/federation/agreements',
      body: agreementBody('LY', { ref: `IT-LY-${randomUUID().slice(0, 6)}` }),
    }),
    revokeAgreement: (fx) => ({
      method: 'post',
      path: `/api/v1/federation/agreements/${fx.agreementId}/revoke`,
    }),
    rotate: () => ({
      method: 'post',
      path: '/api/v1/federation/keys/rotate',
      body: { use: 'enc' },
    }),
    outbox: () => ({ method: 'get', path: '/api/v1/federation/outbox' }),
    listCandidates: () => ({ method: 'get', path: '/api/v1/federation/candidates' }),
    getCandidate: (fx) => ({
      method: 'get',
      path: `/api/v1/federation/candidates/${fx.candidateId}`,
    }),
    // Refused by rules before any state check: 409 means the rules let the caller through
    // (the fixture's candidate has no disclosure / is not confirmed).
    propose: (fx) => ({
      method: 'post',
      path: `/api/v1/federation/candidates/${fx.candidateId}/propose`,
      body: { basis: ['dna'] },
    }),
    confirm: (fx) => ({
      method: 'post',
      path: `/api/v1/federation/candidates/${fx.candidateId}/confirm`,
    }),
    repatriate: (fx) => ({
      method: 'post',
      path: `/api/v1/federation/candidates/${fx.candidateId}/repatriate`,
      body: {
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        custodian: { name: 'Consulate of Tunisia', country: 'TN' },
      },
    }),
    listRepatriations: () => ({ method: 'get', path: '/api/v1/federation/repatriations' }),
    appendAbroad: (fx) => ({
      method: 'post',
      path: `/api/v1/federation/repatriations/${fx.transferId}/events`,
      body: {
        kind: 'received_at_morgue',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        custodian: { name: 'Morgue', country: 'IT' },
        location: { name: 'Palermo' },
      },
    }),
    verifyChain: (fx) => ({
      method: 'get',
      path: `/api/v1/federation/repatriations/${fx.transferId}/verify`,
    }),
    custodyCertificate: (fx) => ({
      method: 'get',
      path: `/api/v1/federation/repatriations/${fx.transferId}/custody-certificate`,
    }),
    routeCase: () => ({
      method: 'post',
      path: '/api/v1/federation/case-notices',
      body: { reportId: randomUUID(), jurisdiction: 'TN', reason: 'Family lives in Tunis' },
    }),
    listCaseNotices: () => ({ method: 'get', path: '/api/v1/federation/case-notices' }),
    getCaseNotice: (fx) => ({
      method: 'get',
      path: `/api/v1/federation/case-notices/${fx.noticeId}`,
    }),
  },
  expect: {
    node: { anonymous: 200 },
    jwks: { anonymous: 200 },
    listPeers: { anonymous: 401, 'admin@IT': 200, 'caseworker@IT': 403, 'forensic@IT': 403 },
    createPeer: { anonymous: 401, 'admin@IT': 201, 'contact_point@IT': 403, 'auditor@IT': 403 },
    listAgreements: { anonymous: 401, 'admin@IT': 200, 'auditor@IT': 200 },
    createAgreement: {
      anonymous: 401,
      'admin@IT': 201,
      'admin@FR': 403,
      'caseworker@IT': 403,
      'forensic@IT': 403,
    },
    revokeAgreement: { anonymous: 401, 'admin@IT': 200, 'admin@TN': 404, 'caseworker@IT': 404 },
    rotate: { anonymous: 401, 'admin@IT': 201, 'forensic@IT': 403 },
    outbox: { anonymous: 401, 'admin@IT': 200, 'contact_point@IT': 403 },
    listCandidates: { anonymous: 401, 'forensic@IT': 200, 'contact_point@IT': 200 },
    getCandidate: {
      anonymous: 401,
      'forensic@IT': 200,
      'contact_point@IT': 200,
      'forensic@TN': 404,
      'caseworker@IT': 404,
      'admin@IT': 404,
      'family@IT': 404,
    },
    propose: {
      anonymous: 401,
      'forensic@IT': 409,
      'forensic@TN': 404,
      // Contact points see the candidate but do not sign identifications off.
      'contact_point@IT': 403,
      'caseworker@IT': 404,
    },
    confirm: { anonymous: 401, 'forensic@IT': 409, 'forensic@TN': 404, 'contact_point@IT': 403 },
    repatriate: { anonymous: 401, 'forensic@IT': 409, 'forensic@TN': 404, 'caseworker@IT': 404 },
    listRepatriations: {
      anonymous: 401,
      'forensic@IT': 200,
      'auditor@IT': 200,
      'caseworker@IT': 403,
      'contact_point@IT': 403,
    },
    // The fixture's chain is empty of events: the state machine refuses (409) after the rules.
    appendAbroad: {
      anonymous: 401,
      'forensic@TN': 404,
      // Auditors read the chain but do not write to it.
      'auditor@IT': 403,
      'caseworker@IT': 404,
    },
    verifyChain: {
      anonymous: 401,
      'forensic@IT': 200,
      'auditor@IT': 200,
      'forensic@TN': 404,
      'caseworker@IT': 404,
    },
    custodyCertificate: {
      anonymous: 401,
      'forensic@IT': 200,
      'auditor@IT': 200,
      'forensic@TN': 404,
      'caseworker@IT': 404,
    },
    routeCase: { anonymous: 401, 'caseworker@IT': 404, 'contact_point@IT': 404 },
    listCaseNotices: {
      anonymous: 401,
      'contact_point@IT': 200,
      'caseworker@IT': 200,
      'forensic@IT': 403,
      'family@IT': 403,
    },
    getCaseNotice: {
      anonymous: 401,
      'contact_point@IT': 200,
      'contact_point@TN': 404,
      'caseworker@IT': 404,
      'forensic@IT': 404,
    },
  },
});

describe('federation API contents', () => {
  it('describes the node: id, jurisdictions, JWKS URL, endpoint and pin', async () => {
    const res = await api.get('/.well-known/ariadne-node');
    expect(res.body).to.include({ nodeId: 'urn:ariadne:node:demo' });
    expect(res.body.jurisdictions).to.deep.equal(['IT', 'TN']);
    expect(res.body.jwksUri).to.match(/\/\.well-known\/ariadne-node\/jwks\.json$/);
    expect(res.body.federationEndpoint).to.match(/\/federation\/v1\/messages$/);
    const jwks = await api.get('/.well-known/ariadne-node/jwks.json');
    const uses = jwks.body.keys.map((k: { use: string; crv: string }) => `${k.use}:${k.crv}`);
    expect(uses).to.include.members(['sig:Ed25519', 'enc:X25519']);
    // Node keys are not the user-token keys.
    const tokens = await api.get('/.well-known/jwks.json');
    const tokenKids = (tokens.body.keys ?? []).map((k: { kid: string }) => k.kid);
    for (const k of jwks.body.keys as { kid: string; d?: string }[]) {
      expect(tokenKids).not.to.include(k.kid);
      expect(k.d, 'no private part').to.equal(undefined);
    }
  });

  it('lists only the candidates of the reader’s jurisdiction', async () => {
    const itCandidate = await candidateOf('IT', 'TN');
    await candidateOf('TN', 'IT');
    const forensic = await buildUser({ role: 'forensic', country: 'IT' });
    const res = await api.get('/api/v1/federation/candidates', forensic.token);
    expect(res.body.total).to.equal(1);
    expect(res.body.items[0].id).to.equal(itCandidate);
    expect(res.body.items[0].counterpart.ref).to.match(/^AM-TN-/);
    expect(res.body.items[0].parts[0].explanation).to.equal('sex agrees');
    const one = await api.get(`/api/v1/federation/candidates/${itCandidate}`, forensic.token);
    expect(one.body.score).to.equal(4.2);
  });

  it('names the wrong field of an agreement or a peer', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const bad = await api.post(
      '/api/v1/federation/agreements',
      agreementBody('TN', { endsOn: 'soon' }),
      admin.token,
    );
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.fields[0].field).to.equal('body.endsOn');
    const kinds = await api.post(
      '/api/v1/federation/agreements',
      agreementBody('TN', { messageKinds: ['profile.am', 'send.everything'] }),
      admin.token,
    );
    expect(kinds.status).to.equal(400);
    expect(kinds.body.error.details.fields[0]).to.deep.equal({
      field: 'body.messageKinds',
      message: 'unknown: send.everything',
    });
    const peer = await api.post(
      '/api/v1/federation/peers',
      { ...peerBody(), pinnedThumbprint: 'short' },
      admin.token,
    );
    expect(peer.status).to.equal(400);
    expect(peer.body.error.details.fields[0].field).to.equal('body.pinnedThumbprint');
  });

  it('an administrator sees the agreements of their jurisdiction only, and revoking is audited', async () => {
    const { it: itAdmin } = await agreeTnIt();
    const list = await api.get('/api/v1/federation/agreements', itAdmin.token);
    expect(list.body.items).to.have.length(1);
    expect(list.body.items[0]).to.include({ localJurisdiction: 'IT', partnerJurisdiction: 'TN' });
    const revoked = await api.post(
      `/api/v1/federation/agreements/${list.body.items[0].id}/revoke`,
      {},
      itAdmin.token,
    );
    expect(revoked.body.revokedAt).to.be.a('string');
    const audit = await testNode().db.query(
      `SELECT 1 FROM audit_events WHERE action = 'revoke' AND subject_type = 'FederationAgreement'`,
    );
    expect(audit).to.have.length(1);
  });
});
