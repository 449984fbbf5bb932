import { z } from 'zod';
import { defineRoute, pageOf } from '../../platform/http/index.js';
import {
  changeStatusBody,
  createRemainsBody,
  remainsIdParams,
  searchRemainsQuery,
  updateRemainsBody,
} from './remains.schemas.js';
import type { RemainsService } from './remains.service.js';

/** A remains record as the API shows it; which fields appear depends on the caller's role. */
const remainsSchema = z.record(z.string(), z.unknown()).meta({ id: 'Remains' });

/** Routes of /api/v1/remains. */
export function remainsRoutes(remains: RemainsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/remains',
      summary: 'Search remains (forensic practitioners; caseworkers see fewer fields)',
      tag: 'remains',
      auth: 'user',
      query: searchRemainsQuery,
      response: pageOf(remainsSchema, 'RemainsPage'),
      handler: async ({ actor, query }) => remains.search(actor, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/remains',
      summary: 'Register unidentified remains (forensic practitioners)',
      tag: 'remains',
      auth: 'user',
      body: createRemainsBody,
      status: 201,
      response: remainsSchema,
      handler: async ({ actor, body }) => remains.create(actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/remains/:id',
      summary: 'Read a remains record (fields by role)',
      tag: 'remains',
      auth: 'user',
      params: remainsIdParams,
      response: remainsSchema,
      handler: async ({ actor, params }) => remains.get(actor, params.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/remains/:id',
      summary: 'Correct or complete findings (the registering institution)',
      tag: 'remains',
      auth: 'user',
      params: remainsIdParams,
      body: updateRemainsBody,
      response: remainsSchema,
      handler: async ({ actor, params, body }) => remains.update(actor, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/remains/:id/status',
      summary: 'Change the identification status (the registering institution)',
      tag: 'remains',
      auth: 'user',
      params: remainsIdParams,
      body: changeStatusBody,
      response: remainsSchema,
      handler: async ({ actor, params, body }) => remains.changeStatus(actor, params.id, body),
    }),
  ];
}
