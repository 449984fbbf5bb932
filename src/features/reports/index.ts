// Missing-person reports (ante-mortem data): the feature's only public surface.
export { createReportsService, type ReportsService, type ReportHooks } from './reports.service.js';
export { reportsRoutes } from './reports.routes.js';
export { reportsPolicy, REPORT, REPORT_LEAD } from './reports.policy.js';
export { assertConsent } from './reports.model.js';
export { rebuildNameIndex } from './reports.names.rebuild.js';
export {
  normaliseName,
  nameTokens,
  consonantSkeleton as skeleton,
} from '../../platform/names/index.js';
export {
  findReport,
  findReports,
  setStatus as setReportStatus,
  insertStatusEvent,
  type Report,
} from './reports.repository.js';
export {
  personSection,
  disappearanceSection,
  descriptionSection,
  medicalSection,
  REPORT_STATUSES,
  CONSENT_PURPOSES,
  consentInput,
  createReportBody,
  dnaSample as familyDnaSample,
  relativeInput,
  flagsSection,
  legalBasis as reportLegalBasis,
  type ReportStatus,
  type ConsentPurpose,
} from './reports.schemas.js';
export { statusLabel, STATUS_LABEL_LANGUAGES } from './reports.presenter.js';
export { reportsPages, REPORTS_PAGE_LOCALES } from './reports.pages.js';
export { reportJourneyPages } from './reports.journey.pages.js';
export { reportCasePages, familyTimeline, type CasePageDeps } from './reports.case.pages.js';
export { createReportDrafts, type ReportDrafts } from './reports.drafts.js';
export { openReportsByName, OPEN_STATUSES, type OpenReportHit } from './reports.alive.js';
export { reportDetailsPages } from './reports.details.pages.js';
export { listReportsQuery } from './reports.schemas.js';
