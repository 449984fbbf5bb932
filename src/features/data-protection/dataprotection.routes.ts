import { defineRoute } from '../../platform/http/index.js';
import { presentErasure } from './dataprotection.erasure.js';
import { presentHold } from './dataprotection.holds.js';
import {
  accessLogParams,
  erasureDecisionBody,
  erasureRequestBody,
  idParams,
  liftHoldBody,
  listErasureQuery,
  listHoldsQuery,
  placeHoldBody,
  retentionPlanQuery,
} from './dataprotection.schemas.js';
import {
  accessLogSchema,
  erasureRequestListSchema,
  erasureRequestSchema,
  legalHoldPageSchema,
  legalHoldSchema,
  retentionPlanSchema,
} from './dataprotection.responses.js';
import type { DataProtectionService } from './dataprotection.service.js';

/** Routes of legal holds, the retention plan, erasure requests and access logs. */
export function dataProtectionRoutes(dp: DataProtectionService) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/legal-holds',
      summary: 'List legal holds of the actor’s country',
      tag: 'data-protection',
      auth: 'user',
      query: listHoldsQuery,
      response: legalHoldPageSchema,
      handler: ({ actor, query }) =>
        dp.holds.list(actor, { ...query, active: query.active === 'true' }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/legal-holds',
      summary: 'Place a legal hold on a report or remains record (stops its purge)',
      tag: 'data-protection',
      auth: 'user',
      body: placeHoldBody,
      status: 201,
      response: legalHoldSchema,
      handler: async ({ actor, body }) => presentHold(await dp.holds.place(actor, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/legal-holds/:id/lift',
      summary: 'Lift a legal hold',
      tag: 'data-protection',
      auth: 'user',
      params: idParams,
      body: liftHoldBody,
      response: legalHoldSchema,
      handler: async ({ actor, params, body }) =>
        presentHold(await dp.holds.lift(actor, params.id, body.reason)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/retention/plan',
      summary: 'Dry run of retention: what each category would lose (administrators)',
      tag: 'data-protection',
      auth: 'user',
      query: retentionPlanQuery,
      response: retentionPlanSchema,
      handler: ({ actor, query }) => dp.planRetention(actor, query.at),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/:id/erasure-requests',
      summary: 'Ask for a report to be erased (the family)',
      tag: 'data-protection',
      auth: 'user',
      params: idParams,
      body: erasureRequestBody,
      status: 201,
      response: erasureRequestSchema,
      handler: async ({ actor, params, body }) =>
        presentErasure(await dp.erasure.request(actor, params.id, body.reason)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/erasure-requests',
      summary: 'Erasure requests: a family its own, caseworkers those of their country',
      tag: 'data-protection',
      auth: 'user',
      query: listErasureQuery,
      response: erasureRequestListSchema,
      handler: ({ actor, query }) => dp.erasure.list(actor, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/erasure-requests/:id/decision',
      summary: 'Grant (erase everywhere) or refuse (with a reason) an erasure request',
      tag: 'data-protection',
      auth: 'user',
      params: idParams,
      body: erasureDecisionBody,
      response: erasureRequestSchema,
      handler: async ({ actor, params, body }) =>
        presentErasure(await dp.erasure.decide(actor, params.id, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/access-log/:type/:id',
      summary: 'Every access to one report or remains record (auditors)',
      tag: 'data-protection',
      auth: 'user',
      params: accessLogParams,
      response: accessLogSchema,
      handler: ({ actor, params }) => dp.accessLog.of(actor, params.type, params.id),
    }),
  ];
}
