export { createCustodyService, type CustodyService } from './custody.service.js';
export { custodyRoutes } from './custody.routes.js';
export { CUSTODY_EVENT_KINDS, type CustodyEventKind, type CustodyState } from './custody.states.js';
export { type AppendCustodyInput } from './custody.schemas.js';
