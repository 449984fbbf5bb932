// Documents (PDF): the feature's only public surface.
export { renderCaseSummary, type CaseSummaryData } from './documents.case-summary.js';
export { DOCUMENT_LANGUAGES, type DocumentLanguage, strings } from './documents.i18n.js';
export { renderAmSheet } from './documents.am-sheet.js';
export { renderPmSheet } from './documents.pm-sheet.js';
export { renderCustodyCertificate, type CustodyCertificateData } from './documents.certificate.js';
export {
  renderCrossedCustodyCertificate,
  type CrossedCertificateData,
} from './documents.certificate.crossed.js';
export {
  renderIdentificationReport,
  type IdentificationReportData,
} from './documents.identification.js';
export { createDocumentsService, type DocumentsService } from './documents.service.js';
export { documentsRoutes } from './documents.routes.js';
export { documentsPolicy } from './documents.policy.js';
