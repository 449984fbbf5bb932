export { renderCaseSummary, type CaseSummaryData } from './documents.case-summary.js';
export { DOCUMENT_LANGUAGES, type DocumentLanguage, strings } from './documents.i18n.js';
