export { createStatisticsService } from './statistics.service.js';
export type { StatisticsService, StatTable, Summary } from './statistics.service.js';
export { statisticsPolicy, STATISTICS } from './statistics.policy.js';
export { statisticsRoutes } from './statistics.routes.js';
export { DATASETS, DIMENSIONS, MEASURES } from './statistics.catalogue.js';
export { statisticsPages } from './statistics.pages.js';
