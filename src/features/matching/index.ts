// The matching feature's public surface: the pure scoring engine (no database), the adapters
// from reports and remains, and the service, routes, policy and worker built on them.
export { scorePair, rankCandidates, evaluate, explainPrepared } from './matching.scorer.js';
export { prepareAm, preparePm } from './matching.profile.js';
export type { PreparedAm, PreparedPm } from './matching.profile.js';
export { createContext } from './matching.context.js';
export type { ScoreContext } from './matching.context.js';
export { haversineKm } from './matching.demographics.js';
export { tokenize, jaccard, tokenSet } from './matching.text.js';
export type * from './matching.types.js';
export { reportToAm, remainsToPm, routeCode } from './matching.adapters.js';
export { createMatchingService, type MatchingService } from './matching.service.js';
export type { ContactPointNotifier, IdentificationNotice } from './matching.review.js';
export { matchingRoutes } from './matching.routes.js';
export { contactPointNotifier } from './matching.notify.js';
export { matchingPolicy, MATCH_CANDIDATE } from './matching.policy.js';
export { DEFAULT_THRESHOLD } from './matching.runner.js';
export { createRunner, isOpenReport } from './matching.runner.js';
export type { ForeignPair, ForeignProfile, ForeignProfiles, Runner } from './matching.runner.js';
export { PRIMARY_BASIS } from './matching.schemas.js';
export type { MatchWorker, RoundResult } from './matching.worker.js';
export {
  compile,
  rankSubject,
  type CompiledSide,
  type RankOptions,
  type RankedPair,
  type Ranking,
} from './matching.batch.js';
export { loadOpenReports, loadOpenRemains } from './matching.loader.js';
export {
  listCandidatesQuery,
  proposeBody,
  excludeBody,
  labResultBody,
  overrideBody,
  SECONDARY_BASIS,
} from './matching.schemas.js';
