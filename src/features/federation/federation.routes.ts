// Routes of the transnational channel: node description, signed messages and batches, peers,
// agreements, keys and the outbox; the casework on top of it is in federation.casework.routes.ts.
import { z } from 'zod';
import { defineRoute, jwksSchema } from '../../platform/http/index.js';
import {
  batchBody,
  batchResults,
  createAgreementBody,
  createPeerBody,
  idParams,
  messageBody,
  rotateBody,
  witnessRecordSchema,
  peerSchema,
  peerListSchema,
  agreementSchema,
  agreementListSchema,
  rotatedKeySchema,
  outboxCountsSchema,
} from './federation.schemas.js';
import { acceptedMessageSchema } from './federation.responses.js';
import type { FederationService } from './federation.service.js';
import { federationCaseworkRoutes } from './federation.casework.routes.js';

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
      response: acceptedMessageSchema,
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
    ...federationCaseworkRoutes(federation),
  ];
}
