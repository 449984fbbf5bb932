import { defineRoute, pageOf } from '../../platform/http/index.js';
import { presentIncident } from './incidents.presenter.js';
import {
  createIncidentBody,
  incidentIdParams,
  incidentSchema,
  listIncidentsQuery,
  updateIncidentBody,
} from './incidents.schemas.js';
import type { IncidentsService } from './incidents.service.js';

/** Routes of /api/v1/incidents. */
export function incidentsRoutes(incidents: IncidentsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/incidents',
      summary: 'List incidents of the actor’s country',
      tag: 'incidents',
      auth: 'user',
      query: listIncidentsQuery,
      response: pageOf(incidentSchema, 'IncidentPage'),
      handler: async ({ actor, query }) => {
        const page = await incidents.list(actor, query);
        return { ...page, items: page.items.map(presentIncident) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/incidents',
      summary: 'Record an incident (forensic practitioners, caseworkers)',
      tag: 'incidents',
      auth: 'user',
      body: createIncidentBody,
      status: 201,
      response: incidentSchema,
      handler: async ({ actor, body }) => presentIncident(await incidents.create(actor, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/incidents/:id',
      summary: 'Read an incident',
      tag: 'incidents',
      auth: 'user',
      params: incidentIdParams,
      response: incidentSchema,
      handler: async ({ actor, params }) => presentIncident(await incidents.get(actor, params.id)),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/incidents/:id',
      summary: 'Correct an incident',
      tag: 'incidents',
      auth: 'user',
      params: incidentIdParams,
      body: updateIncidentBody,
      response: incidentSchema,
      handler: async ({ actor, params, body }) =>
        presentIncident(await incidents.update(actor, params.id, body)),
    }),
  ];
}
