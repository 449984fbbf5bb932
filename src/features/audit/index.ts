export { recordAudit, recordAuditMany, verifyChain, createAuditService } from './audit.service.js';
export type { AuditActor, AuditEntry, AuditService, ChainVerification } from './audit.service.js';
export { readAudited } from './audit.reads.js';
export type { ReadEvent, SingleRowQuery } from './audit.reads.js';
export { auditPolicy } from './audit.policy.js';
export { auditRoutes } from './audit.routes.js';
export { canonicalJson, GENESIS_HASH } from './audit.chain.js';
export { sealPending, createAuditSealer } from './audit.sealer.js';
export type { AuditSealer, SealerBacklog } from './audit.sealer.js';
export {
  writeCheckpoint,
  signCheckpoint,
  verifyWithCheckpoints,
  lineDigest,
} from './audit.checkpoints.js';
export type {
  Checkpoint,
  CheckpointVerification,
  ListedCheckpoint,
  SignedCheckpoint,
} from './audit.checkpoints.js';
export type { CheckpointSettings, CheckpointWitness } from './audit.service.js';
export type { Countersigned, WitnessEvidence, WitnessRefusal } from './audit.witnessed.js';
export { pruneAuditBefore, chainStart } from './audit.prune.js';
export type { PruneResult, ChainStart } from './audit.prune.js';
export { listAuditQuery } from './audit.schemas.js';
