import { defineRoute } from '../../platform/http/index.js';
import type { LinkageMemberService } from './linkage.member.service.js';
import type { Actor } from '../../platform/authz/index.js';
import {
  agreementParams,
  compareBody,
  pairParams,
  reviewBody,
  openAgreementBody,
  submissionParams,
  submitBody,
  unitAgreementBody,
} from './linkage.schemas.js';
import type { LinkageUnitService } from './linkage.unit.service.js';

/** Routes of /api/v1/linkage (member side) and /api/v1/linkage/unit (linkage unit). */
export function linkageRoutes(
  member: LinkageMemberService,
  unit: LinkageUnitService,
  review: (
    actor: Actor,
    agreementId: string,
    pairId: string,
    input: { decision: 'pursue' | 'exclude'; note: string },
  ) => Promise<{ id: string; status: string }>,
) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/linkage/agreements/:id/pairs/:pairId/review',
      summary:
        'Review a pair: pursue (this side’s reference goes to the other member, both get a cross-border candidate) or exclude',
      tag: 'linkage',
      auth: 'user',
      params: pairParams,
      body: reviewBody,
      handler: ({ actor, params, body }) => review(actor, params.id, params.pairId, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/linkage/agreements/:id/compare',
      summary: 'Bilateral mode: compare own reports with the encodings other members sent here',
      tag: 'linkage',
      auth: 'user',
      params: agreementParams,
      body: compareBody,
      handler: ({ actor, params }) => member.compareBilateral(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/linkage/agreements',
      summary:
        'Join a linkage agreement for the administrator’s jurisdiction (optionally drawing its secret)',
      tag: 'linkage',
      auth: 'user',
      body: openAgreementBody,
      status: 201,
      handler: ({ actor, body }) => member.openAgreement(actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/linkage/agreements/:id',
      summary: 'Read this jurisdiction’s part in a linkage agreement',
      tag: 'linkage',
      auth: 'user',
      params: agreementParams,
      handler: ({ actor, params }) => member.get(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/linkage/agreements/:id/rotate',
      summary: 'Rotate the linkage secret: re-encode every submission, withdraw the old encodings',
      tag: 'linkage',
      auth: 'user',
      params: agreementParams,
      handler: ({ actor, params }) => member.rotate(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/linkage/agreements/:id/submissions',
      summary: 'Encode reports (with cross-border consent) and send them to the linkage unit',
      tag: 'linkage',
      auth: 'user',
      params: agreementParams,
      body: submitBody,
      handler: ({ actor, params, body }) => member.submit(actor, params.id, body.reportIds),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/linkage/agreements/:id/submissions/:reportId',
      summary: 'Withdraw a report’s encoding from the linkage unit',
      tag: 'linkage',
      auth: 'user',
      params: submissionParams,
      handler: ({ actor, params }) => member.withdraw(actor, params.id, params.reportId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/linkage/agreements/:id/pairs',
      summary:
        'Pairs the linkage unit found for this jurisdiction’s reports (other side pseudonymous)',
      tag: 'linkage',
      auth: 'user',
      params: agreementParams,
      handler: async ({ actor, params }) => ({ items: await member.candidates(actor, params.id) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/linkage/unit/agreements',
      summary: 'Serve an agreement as its linkage unit (holds encodings, never a secret)',
      tag: 'linkage',
      auth: 'user',
      body: unitAgreementBody,
      status: 201,
      handler: ({ actor, body }) => unit.createAgreement(actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/linkage/unit/agreements/:id',
      summary: 'Status of an agreement at the linkage unit (counts only)',
      tag: 'linkage',
      auth: 'user',
      params: agreementParams,
      handler: ({ actor, params }) => unit.status(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/linkage/unit/agreements/:id/compare',
      summary: 'Compare the members’ encodings and return each member its pairs',
      tag: 'linkage',
      auth: 'user',
      params: agreementParams,
      handler: ({ actor, params }) => unit.compare(actor, params.id),
    }),
  ];
}
