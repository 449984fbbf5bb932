export { createOrganisationsService, type OrganisationsService } from './organisations.service.js';
export { organisationsRoutes } from './organisations.routes.js';
export { organisationsPolicy } from './organisations.policy.js';
export { findOrganisation, type Organisation } from './organisations.repository.js';
export { ORGANISATION_KINDS } from './organisations.schemas.js';
export { listOrganisationsQuery } from './organisations.schemas.js';
