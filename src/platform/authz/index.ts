export type { Actor, ActorFacts, AppAbility } from './actor.js';
export { buildAbility, asSubject, type Policy, type RuleBuilder } from './ability.js';
export {
  authorize,
  authorizeType,
  permittedFields,
  assertPermittedFields,
  pickReadable,
} from './authorize.js';
export { accessibleWhere, type SqlCondition } from './sql-filter.js';
export { sameCountry, sameOrganisation, isSelf, isAssignedContactPoint } from './conditions.js';
export { ROLES, PROFESSIONAL_ROLES, type Role } from './roles.js';
