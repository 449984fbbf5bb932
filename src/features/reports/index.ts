// Missing-person reports (ante-mortem data): the feature's only public surface.
export { createReportsService, type ReportsService } from './reports.service.js';
export { reportsRoutes } from './reports.routes.js';
export { reportsPolicy, REPORT, REPORT_LEAD } from './reports.policy.js';
export { assertConsent } from './reports.model.js';
export { normaliseName, nameTokens, skeleton } from './reports.names.js';
export { findReport, type Report } from './reports.repository.js';
export {
  REPORT_STATUSES,
  CONSENT_PURPOSES,
  type ReportStatus,
  type ConsentPurpose,
} from './reports.schemas.js';
