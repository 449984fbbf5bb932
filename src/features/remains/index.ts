export {
  createRemainsService,
  type RemainsService,
  type RemainsView,
  type RemainsHooks,
} from './remains.service.js';
export { remainsRoutes } from './remains.routes.js';
export { remainsPolicy } from './remains.policy.js';
export {
  findRemains,
  findRemainsMany,
  setRemainsStatus,
  type Remains,
} from './remains.repository.js';
export {
  REMAINS_STATUSES,
  type RemainsStatus,
  type CreateRemainsInput,
} from './remains.schemas.js';
export {
  searchRemainsQuery,
  changeStatusBody,
  createRemainsBody,
  REMAINS_LEGAL_BASES,
} from './remains.schemas.js';
