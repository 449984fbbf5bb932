// Shared standard vocabularies (ISO 8601/3166/639, FDI, INTERPOL DVI field sets): no business rules.
export * from './dates.js';
export * from './forensic.js';
export * from './local-time.js';
