export { createCustodyService, type CustodyService } from './custody.service.js';
export { custodyRoutes } from './custody.routes.js';
export { CUSTODY_EVENT_KINDS, type CustodyEventKind, type CustodyState } from './custody.states.js';
export { type AppendCustodyInput } from './custody.schemas.js';
// For documents (custody certificates and their public verification).
export {
  verifyCustodyChain,
  hashCustodyEvent,
  chainCustodyEvent,
  custodyContentOf,
  type CustodyContent,
  type CustodyVerification,
} from './custody.chain.js';
export { nextCustodyState, allowedCustodyEvents } from './custody.states.js';
export { appendCustodyBody } from './custody.schemas.js';
export {
  listEvents as listCustodyEvents,
  findHead as findCustodyHead,
} from './custody.repository.js';
export { presentCustodyEvent, presentWhereabouts } from './custody.presenter.js';
