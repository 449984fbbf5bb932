export { recordAudit, verifyChain, createAuditService } from './audit.service.js';
export type { AuditActor, AuditEntry, AuditService, ChainVerification } from './audit.service.js';
export { auditPolicy } from './audit.policy.js';
export { auditRoutes } from './audit.routes.js';
export { canonicalJson, GENESIS_HASH } from './audit.chain.js';
export { sealPending, createAuditSealer } from './audit.sealer.js';
export type { AuditSealer, SealerBacklog } from './audit.sealer.js';
