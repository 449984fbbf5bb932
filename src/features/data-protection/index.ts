// Data protection through the life of the data (issue 16): the feature's public surface.
// The purpose rules are also reachable as ./purposes.js, a leaf module the reports feature
// imports without a cycle.
export {
  createDataProtectionService,
  type DataProtectionService,
} from './dataprotection.service.js';
export { dataProtectionRoutes } from './dataprotection.routes.js';
export { dataProtectionPolicy } from './dataprotection.policy.js';
export {
  RETENTION_CATEGORIES,
  retentionPeriods,
  type RetentionResult,
  type CategoryResult,
} from './dataprotection.retention.js';
export {
  assertPermitted,
  decide,
  permits,
  permittedSql,
  PURPOSE_RULES,
  USES,
  type Use,
} from './purposes.js';
export { familyExportExtras } from './dataprotection.export.js';
export { dataProtectionPages, DATA_PROTECTION_PAGE_LOCALES } from './dataprotection.pages.js';
export { renderProcessingActivities } from './dataprotection.ropa.js';
