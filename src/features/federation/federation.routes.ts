import { z } from 'zod';
import { defineRoute, jwksSchema, pageOf } from '../../platform/http/index.js';
import {
  batchBody,
  batchResults,
  createAgreementBody,
  createPeerBody,
  crossCustodyEventBody,
  proposeCrossBody,
  repatriateBody,
  routeCaseBody,
  disclosureDecisionBody,
  disclosureRequestBody,
  idParams,
  listCandidatesQuery,
  messageBody,
  rotateBody,
  witnessRecordSchema,
  peerSchema,
  peerListSchema,
  agreementSchema,
  agreementListSchema,
  rotatedKeySchema,
  outboxCountsSchema,
  crossCandidateSchema,
} from './federation.schemas.js';
import type { FederationService } from './federation.service.js';

const tag = 'federation';
const anyObject = z.record(z.string(), z.unknown());

/** Routes of the transnational channel: node description, messages, peers, agreements, candidates. */
export function federationRoutes(federation: FederationService) {
  return [
    defineRoute({
      method: 'get',
      path: '/.well-known/ariadne-node',
      summary: 'This node: id, jurisdictions, JWKS URL and federation endpoint',
      tag,
      auth: 'public',
      response: anyObject.meta({ id: 'AriadneNode' }),
      handler: async () => federation.describe(),
    }),
    defineRoute({
      method: 'get',
      path: '/.well-known/ariadne-node/jwks.json',
      response: jwksSchema,
      summary: 'Public node keys (EdDSA signing, ECDH-ES encryption) with their endorsements',
      tag,
      auth: 'public',
      handler: async () => federation.keys.jwks(),
    }),
    defineRoute({
      method: 'post',
      path: '/federation/v1/messages',
      summary:
        'Receive a signed message from a node (JWS; refused with MESSAGE_REJECTED and a reason)',
      tag,
      auth: 'public',
      body: messageBody,
      status: 202,
      bodyLimit: '2mb',
      handler: async ({ body }) => ({
        accepted: true,
        ...(await federation.receive(body.message)),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/federation/v1/witness',
      summary:
        'What this node witnessed of the asking peer’s audit checkpoints (query signed by its node key)',
      tag,
      auth: 'public',
      body: messageBody,
      response: witnessRecordSchema,
      handler: async ({ body }) => federation.witness.answer(body.message),
    }),
    defineRoute({
      method: 'post',
      path: '/federation/v1/batches',
      summary:
        'Receive a signed, encrypted batch of messages from a node: one result per message ' +
        '(the envelope refused whole with MESSAGE_REJECTED and a reason)',
      tag,
      auth: 'public',
      body: batchBody,
      response: batchResults,
      status: 200,
      bodyLimit: '6mb',
      handler: async ({ body }) => federation.receiveBatch(body.message),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/peers',
      summary: 'Registered partner nodes (administrators)',
      tag,
      auth: 'user',
      response: peerListSchema,
      handler: async ({ actor }) => federation.listPeers(actor),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/federation/peers',
      summary: 'Register a partner node with the key thumbprint exchanged out of band',
      tag,
      auth: 'user',
      body: createPeerBody,
      status: 201,
      response: peerSchema,
      handler: async ({ actor, body }) => federation.createPeer(actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/agreements',
      summary: 'Exchange agreements of the caller’s jurisdiction',
      tag,
      auth: 'user',
      response: agreementListSchema,
      handler: async ({ actor }) => federation.listAgreements(actor),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/federation/agreements',
      summary: 'Record an exchange agreement of the caller’s jurisdiction with another',
      tag,
      auth: 'user',
      body: createAgreementBody,
      status: 201,
      response: agreementSchema,
      handler: async ({ actor, body }) => federation.createAgreement(actor, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/federation/agreements/:id/revoke',
      summary: 'Revoke an agreement; what was shared under it is withdrawn',
      tag,
      auth: 'user',
      params: idParams,
      response: agreementSchema,
      handler: async ({ actor, params }) => federation.revokeAgreement(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/federation/keys/rotate',
      summary: 'Rotate the node’s signing or encryption key (peers follow the endorsement chain)',
      tag,
      auth: 'user',
      body: rotateBody,
      status: 201,
      response: rotatedKeySchema,
      handler: async ({ actor, body }) => federation.rotateKey(actor, body.use),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/outbox',
      summary: 'Outgoing messages by status (administrators)',
      tag,
      auth: 'user',
      response: outboxCountsSchema,
      handler: async ({ actor }) => federation.outbox(actor),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/candidates',
      summary: 'Cross-border candidates of the caller’s jurisdiction (the other side pseudonymous)',
      tag,
      auth: 'user',
      query: listCandidatesQuery,
      response: pageOf(crossCandidateSchema, 'CrossBorderCandidatePage'),
      handler: async ({ actor, query }) => federation.listCandidates(actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/candidates/:id',
      summary: 'One cross-border candidate with its explanation',
      tag,
      auth: 'user',
      params: idParams,
      response: crossCandidateSchema,
      handler: async ({ actor, params }) => federation.getCandidate(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/federation/candidates/:id/propose',
      summary:
        'Propose a cross-border identification with its basis (forensic, where the remains are; the record disclosed)',
      tag,
      auth: 'user',
      params: idParams,
      body: proposeCrossBody,
      handler: async ({ actor, params, body }) =>
        federation.proposeIdentification(actor, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/federation/candidates/:id/confirm',
      summary:
        'Confirm a proposed cross-border identification (a second forensic practitioner); the family’s jurisdiction is notified',
      tag,
      auth: 'user',
      params: idParams,
      handler: async ({ actor, params }) => federation.confirmIdentification(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/federation/candidates/:id/repatriate',
      summary:
        'Repatriate identified remains: the repatriated custody event, and the chain with its signed head to the family’s jurisdiction',
      tag,
      auth: 'user',
      params: idParams,
      body: repatriateBody,
      status: 201,
      handler: async ({ actor, params, body }) =>
        federation.repatriation.repatriate(actor, params.id, {
          ...body,
          kind: 'repatriated',
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/repatriations',
      summary: 'Repatriations of the caller’s jurisdiction (sent and received)',
      tag,
      auth: 'user',
      handler: async ({ actor }) => federation.repatriation.list(actor),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/federation/repatriations/:id/events',
      summary: 'Append a custody event after the received head (receiving side)',
      tag,
      auth: 'user',
      params: idParams,
      body: crossCustodyEventBody,
      status: 201,
      handler: async ({ actor, params, body }) =>
        federation.repatriation.append(actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/repatriations/:id/verify',
      summary: 'Verify the whole custody chain across the border and the signed head',
      tag,
      auth: 'user',
      params: idParams,
      handler: async ({ actor, params }) => federation.repatriation.verify(actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/repatriations/:id/custody-certificate',
      produces: ['application/pdf'],
      summary:
        'Custody certificate (PDF) of a chain across the border: the sending side’s events as ' +
        'received and verified, with the signing node and key, then this side’s',
      tag,
      auth: 'user',
      params: idParams,
      handler: async ({ actor, params, res }) => {
        const doc = await federation.repatriation.certificate(actor, params.id);
        res
          .status(200)
          .type('application/pdf')
          .set('Cache-Control', 'no-store')
          .set(
            'Content-Disposition',
            `attachment; filename="${doc.filename.replace(/[^\w.-]/g, '_')}"`,
          )
          .send(doc.pdf);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/federation/case-notices',
      summary:
        'Route a report to a contact point of the family’s jurisdiction (the minimum it needs, encrypted)',
      tag,
      auth: 'user',
      body: routeCaseBody,
      status: 201,
      handler: async ({ actor, body }) => federation.cases.route(actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/case-notices',
      summary: 'Case notices sent (caseworkers) or received (contact points) by the jurisdiction',
      tag,
      auth: 'user',
      handler: async ({ actor }) => federation.cases.list(actor),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/case-notices/:id',
      summary: 'One case notice with the status timeline that flowed back',
      tag,
      auth: 'user',
      params: idParams,
      handler: async ({ actor, params }) => federation.cases.get(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/federation/candidates/:id/disclosures',
      summary:
        'Ask the other jurisdiction for the record behind a candidate (purpose, justification)',
      tag,
      auth: 'user',
      params: idParams,
      body: disclosureRequestBody,
      status: 201,
      handler: async ({ actor, params, body }) =>
        federation.disclosures.request(actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/disclosures',
      summary: 'Disclosure requests of the caller’s jurisdiction and role (no records)',
      tag,
      auth: 'user',
      handler: async ({ actor }) => federation.disclosures.list(actor),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/disclosures/:id',
      summary: 'One disclosure; an approved one shows the record to the requesting role',
      tag,
      auth: 'user',
      params: idParams,
      handler: async ({ actor, params }) => federation.disclosures.get(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/federation/disclosures/:id/decide',
      summary: 'Approve (record sent JWE-encrypted) or refuse a disclosure request',
      tag,
      auth: 'user',
      params: idParams,
      body: disclosureDecisionBody,
      handler: async ({ actor, params, body }) =>
        federation.disclosures.decide(actor, params.id, body),
    }),
  ];
}
