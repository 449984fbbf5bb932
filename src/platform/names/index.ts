// Names that survive scripts and spellings: the one normaliser every feature uses (search,
// duplicate warnings, matching, the cross-border encoder). Plumbing, no business rules.
export {
  nameTokens,
  nameForms,
  nameKeys,
  normaliseName,
  joinTokens,
  tokenSimilarity,
  otherReadings,
  storedToken,
  tokenWith,
  NAME_INDEX_VERSION,
  type NameToken,
} from './names.tokens.js';
export {
  alignNames,
  recordTokens,
  rarityWeight,
  similarityCredit,
  SCORE_PARTS,
  MIN_WORD_SIMILARITY,
  CLOSE_WORD_SIMILARITY,
  type NameMatch,
  type RecordToken,
  type WeightedToken,
  type WordMatch,
} from './names.align.js';
export { toLatin, hasArabicScript } from './names.script.js';
export { latinWords } from './names.particles.js';
export { consonantSkeleton, soundKey } from './names.keys.js';
export { skeletonVariants } from './names.similarity.js';
