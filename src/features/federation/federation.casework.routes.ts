// Routes of cross-border casework: candidates, proposals and confirmation, repatriations and
// their custody, case notices and disclosures.
import { defineRoute, pageOf } from '../../platform/http/index.js';
import {
  crossCustodyEventBody,
  proposeCrossBody,
  repatriateBody,
  routeCaseBody,
  disclosureDecisionBody,
  disclosureRequestBody,
  idParams,
  listCandidatesQuery,
  crossCandidateSchema,
} from './federation.schemas.js';
import {
  caseNoticeDetailSchema,
  caseNoticeListSchema,
  caseNoticeSchema,
  disclosureListSchema,
  disclosureSchema,
  repatriationEventSchema,
  repatriationListSchema,
  repatriationSchema,
  repatriationVerificationSchema,
} from './federation.responses.js';
import type { FederationService } from './federation.service.js';

const tag = 'federation';

/** Routes of cross-border casework (each checks its own role and jurisdiction in the service). */
export function federationCaseworkRoutes(federation: FederationService) {
  return [
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
      response: crossCandidateSchema,
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
      response: crossCandidateSchema,
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
      response: repatriationSchema,
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
      response: repatriationListSchema,
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
      response: repatriationEventSchema,
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
      response: repatriationVerificationSchema,
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
      response: caseNoticeSchema,
      handler: async ({ actor, body }) => federation.cases.route(actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/case-notices',
      summary: 'Case notices sent (caseworkers) or received (contact points) by the jurisdiction',
      tag,
      auth: 'user',
      response: caseNoticeListSchema,
      handler: async ({ actor }) => federation.cases.list(actor),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/case-notices/:id',
      summary: 'One case notice with the status timeline that flowed back',
      tag,
      auth: 'user',
      params: idParams,
      response: caseNoticeDetailSchema,
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
      response: disclosureSchema,
      handler: async ({ actor, params, body }) =>
        federation.disclosures.request(actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/disclosures',
      summary: 'Disclosure requests of the caller’s jurisdiction and role (no records)',
      tag,
      auth: 'user',
      response: disclosureListSchema,
      handler: async ({ actor }) => federation.disclosures.list(actor),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/federation/disclosures/:id',
      summary: 'One disclosure; an approved one shows the record to the requesting role',
      tag,
      auth: 'user',
      params: idParams,
      response: disclosureSchema,
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
      response: disclosureSchema,
      handler: async ({ actor, params, body }) =>
        federation.disclosures.decide(actor, params.id, body),
    }),
  ];
}
