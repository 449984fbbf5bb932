// Privacy-preserving record linkage (CLK encodings, Dice comparison, linkage unit): the feature's
// only public surface.
export {
  REPORT_SCHEMA,
  SCHEMAS,
  baseBits,
  type EncodingSchema,
  type FieldSpec,
  type Hardening,
} from './linkage.schema.js';
export {
  deriveKeys,
  newLinkageSecret,
  type LinkageKeys,
  type SecretScope,
} from './linkage.keys.js';
export { ClkEncoder, ENCODING_BYTES, dice, popcount, type FieldValues } from './linkage.encoder.js';
export { DiceKernel, pack, type DicePair, type PackedEncodings } from './linkage.dice.js';
export { diceModuleBytes } from './linkage.wasm.js';
export { diceKernelBackend, nativeDice, type KernelBackend } from './linkage.native.js';
export { greedyOneToOne } from './linkage.solver.js';
export { DEFAULT_LSH, bandPositions, type LshParams } from './linkage.blocking.js';
export { linkAll, linkBlocked, type LinkResult } from './linkage.link.js';
export { linkParallel } from './linkage.parallel.js';
export { personFields, type LinkagePerson } from './linkage.record.js';
export { linkagePolicy } from './linkage.policy.js';
export { linkageRoutes } from './linkage.routes.js';
export {
  createLinkageMemberService,
  LINKAGE_AGREEMENT,
  type LinkageChannel,
  type LinkageMemberService,
} from './linkage.member.service.js';
export {
  createLinkageUnitService,
  LINKAGE_UNIT,
  type LinkageUnitService,
} from './linkage.unit.service.js';
export { LocalLinkageTransport } from './linkage.transport.js';
export { FederationLinkageTransport, registerLinkageHandlers } from './linkage.federation.js';
export { createLinkageReview, type LinkageReview } from './linkage.review.js';
export {
  sealSecret,
  openSecret,
  type LinkageTransport,
  type UnitMessage,
  type PairsMessage,
} from './linkage.messages.js';
export { encodableFields } from './linkage.consent.js';
