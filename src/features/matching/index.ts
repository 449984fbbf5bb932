// The matching feature's public surface: the pure scoring engine (no database).
export { scorePair, rankCandidates, evaluate, explainPrepared } from './matching.scorer.js';
export { prepareAm, preparePm } from './matching.profile.js';
export type { PreparedAm, PreparedPm } from './matching.profile.js';
export { createContext } from './matching.context.js';
export type { ScoreContext } from './matching.context.js';
export { haversineKm } from './matching.demographics.js';
export { tokenize, jaccard, tokenSet } from './matching.text.js';
export type * from './matching.types.js';
