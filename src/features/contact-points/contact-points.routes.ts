import { z } from 'zod';
import { defineRoute, pageOf } from '../../platform/http/index.js';
import {
  assignmentSchema,
  contactPointSchema,
  reassignedSchema,
  publicContactPointSchema,
  routePreviewSchema,
  createContactPointBody,
  idParams,
  listContactPointsQuery,
  publicListQuery,
  reassignBody,
  routeQuery,
  updateContactPointBody,
} from './contact-points.schemas.js';
import type { ContactPointsService } from './contact-points.service.js';

const TAG = 'contact-points';
const reportParams = z.object({ id: z.uuid() });

/** Routes of /api/v1/contact-points and of a report's assignment. */
export function contactPointsRoutes(cps: ContactPointsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/contact-points/public',
      summary: 'Public directory of family contact points (no login, no staff names)',
      tag: TAG,
      auth: 'public',
      query: publicListQuery,
      response: pageOf(publicContactPointSchema, 'PublicContactPointPage'),
      handler: async ({ query }) => cps.listPublic(query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/contact-points/route',
      summary: 'Which contact point a report with these facts would be routed to',
      tag: TAG,
      auth: 'user',
      query: routeQuery,
      response: routePreviewSchema,
      handler: async ({ actor, query }) => cps.preview(actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/contact-points',
      summary: 'List contact points (administrators, caseworkers, own designation for staff)',
      tag: TAG,
      auth: 'user',
      query: listContactPointsQuery,
      response: pageOf(contactPointSchema, 'ContactPointPage'),
      handler: async ({ actor, query }) => cps.list(actor, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/contact-points',
      summary: 'Designate a contact point (administrators of the country)',
      tag: TAG,
      auth: 'user',
      body: createContactPointBody,
      status: 201,
      response: contactPointSchema,
      handler: async ({ actor, body }) => cps.create(actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/contact-points/:id',
      summary: 'Read a contact point designation with its staff',
      tag: TAG,
      auth: 'user',
      params: idParams,
      response: contactPointSchema,
      handler: async ({ actor, params }) => cps.get(actor, params.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/contact-points/:id',
      summary: 'Change or withdraw a designation (administrators)',
      tag: TAG,
      auth: 'user',
      params: idParams,
      body: updateContactPointBody,
      response: contactPointSchema,
      handler: async ({ actor, params, body }) => cps.update(actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/assignment',
      summary: 'The contact point a report is routed to (and, for professionals, its history)',
      tag: TAG,
      auth: 'user',
      params: reportParams,
      response: assignmentSchema,
      handler: async ({ actor, params }) => cps.getAssignment(actor, params.id),
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/reports/:id/assignment',
      summary: 'Reassign a report to another contact point, with a reason',
      tag: TAG,
      auth: 'user',
      params: reportParams,
      body: reassignBody,
      response: reassignedSchema,
      handler: async ({ actor, params, body }) => cps.reassign(actor, params.id, body),
    }),
  ];
}
