import { defineRoute } from '../../platform/http/index.js';
import { decisionBody, listMatchesQuery, matchParams } from './alive.schemas.js';
import { aliveDecisionSchema, aliveMatchPageSchema, aliveMatchSchema } from './alive.responses.js';
import type { AliveService } from './alive.service.js';

const TAG = 'alive-messages';

/** Review of "I am alive" messages: /api/v1/alive-matches (caseworkers and contact points). */
export function aliveRoutes(alive: AliveService) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/alive-matches',
      summary: 'Possible matches between "I am alive" messages and open reports, to review',
      tag: TAG,
      auth: 'user',
      query: listMatchesQuery,
      response: aliveMatchPageSchema,
      handler: async ({ actor, query }) => alive.list(actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/alive-matches/:id',
      summary: 'One possible match: the message beside the report, and why they were paired',
      tag: TAG,
      auth: 'user',
      params: matchParams,
      response: aliveMatchSchema,
      handler: async ({ actor, params }) => alive.get(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/alive-matches/:id/confirm',
      summary: 'Confirm a match and pass the news on as the sender chose (never a child’s)',
      tag: TAG,
      auth: 'user',
      params: matchParams,
      body: decisionBody,
      response: aliveDecisionSchema,
      handler: async ({ actor, params, body }) => alive.confirm(actor, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/alive-matches/:id/reject',
      summary: 'Reject a possible match with a reason',
      tag: TAG,
      auth: 'user',
      params: matchParams,
      body: decisionBody,
      response: aliveDecisionSchema,
      handler: async ({ actor, params, body }) => alive.reject(actor, params.id, body),
    }),
  ];
}
