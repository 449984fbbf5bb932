import { defineRoute } from '../../platform/http/index.js';
import { burialRegisterCsv } from './custody.presenter.js';
import {
  appendCustodyBody,
  burialRegisterQuery,
  burialRegisterSchema,
  custodyParams,
  custodyChainSchema,
  custodyEventSchema,
  custodyVerificationSchema,
  whereaboutsSchema,
} from './custody.schemas.js';
import type { CustodyService } from './custody.service.js';

/** Routes of /api/v1/remains/:id/custody and /api/v1/burial-register. */
export function custodyRoutes(custody: CustodyService) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/remains/:id/custody',
      summary: 'The custody and burial chain of remains, in order',
      tag: 'custody',
      auth: 'user',
      params: custodyParams,
      response: custodyChainSchema,
      handler: async ({ actor, params }) => custody.list(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/remains/:id/custody',
      summary: 'Append a custody event (refused when it cannot follow the current state)',
      tag: 'custody',
      auth: 'user',
      params: custodyParams,
      body: appendCustodyBody,
      status: 201,
      response: custodyEventSchema,
      handler: async ({ actor, params, body }) => custody.append(actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/remains/:id/custody/verify',
      response: custodyVerificationSchema,
      summary: 'Check that the custody chain of remains is intact',
      tag: 'custody',
      auth: 'user',
      params: custodyParams,
      handler: async ({ actor, params }) => custody.verify(actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/remains/:id/whereabouts',
      summary: 'Where the remains are now and which institution answers for them',
      tag: 'custody',
      auth: 'user',
      params: custodyParams,
      response: whereaboutsSchema,
      handler: async ({ actor, params }) => custody.whereabouts(actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/burial-register',
      response: burialRegisterSchema,
      produces: ['text/csv'],
      summary: 'Burial register of a cemetery (JSON, or CSV with format=csv)',
      tag: 'custody',
      auth: 'user',
      query: burialRegisterQuery,
      handler: async ({ actor, query, res }) => {
        const register = await custody.register(actor, query);
        if (query.format === 'json') {
          return register;
        }
        res
          .status(200)
          .type('text/csv; charset=utf-8')
          .attachment('burial-register.csv')
          .send(burialRegisterCsv(register.lines));
        return undefined;
      },
    }),
  ];
}
