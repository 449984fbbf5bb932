export { createIncidentsService, type IncidentsService } from './incidents.service.js';
export { incidentsRoutes } from './incidents.routes.js';
export { incidentsPolicy } from './incidents.policy.js';
export { findIncident, type Incident } from './incidents.repository.js';
export { INCIDENT_KINDS, type CreateIncidentInput } from './incidents.schemas.js';
