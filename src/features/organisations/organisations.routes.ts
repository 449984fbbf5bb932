import { defineRoute, pageOf } from '../../platform/http/index.js';
import { presentOrganisation } from './organisations.presenter.js';
import {
  createOrganisationBody,
  idParams,
  listOrganisationsQuery,
  organisationSchema,
  updateOrganisationBody,
} from './organisations.schemas.js';
import type { OrganisationsService } from './organisations.service.js';

/** Routes of /api/v1/organisations. */
export function organisationsRoutes(orgs: OrganisationsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organisations',
      summary: 'List organisations of the actor’s country',
      tag: 'organisations',
      auth: 'user',
      query: listOrganisationsQuery,
      response: pageOf(organisationSchema, 'OrganisationPage'),
      handler: async ({ actor, query }) => {
        const page = await orgs.list(actor, query);
        return { ...page, items: page.items.map(presentOrganisation) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/organisations',
      summary: 'Create an organisation (administrators)',
      tag: 'organisations',
      auth: 'user',
      body: createOrganisationBody,
      status: 201,
      response: organisationSchema,
      handler: async ({ actor, body }) => presentOrganisation(await orgs.create(actor, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/organisations/:id',
      summary: 'Read one organisation',
      tag: 'organisations',
      auth: 'user',
      params: idParams,
      response: organisationSchema,
      handler: async ({ actor, params }) => presentOrganisation(await orgs.get(actor, params.id)),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/organisations/:id',
      summary: 'Update an organisation (administrators)',
      tag: 'organisations',
      auth: 'user',
      params: idParams,
      body: updateOrganisationBody,
      response: organisationSchema,
      handler: async ({ actor, params, body }) =>
        presentOrganisation(await orgs.update(actor, params.id, body)),
    }),
  ];
}
