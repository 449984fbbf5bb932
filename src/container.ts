import type { AppConfig } from './config/index.js';
import type { Database } from './platform/db/index.js';
import type { Policy } from './platform/authz/index.js';
import { SigningKeys } from './platform/crypto/index.js';
import { auditPolicy, createAuditService } from './features/audit/index.js';
import { createAuthService } from './features/auth/index.js';
import { createOrganisationsService, organisationsPolicy } from './features/organisations/index.js';
import { createUsersService, usersPolicy } from './features/users/index.js';

/** Every feature's policy; an actor's ability is built from all of them. */
export const POLICIES: readonly Policy[] = [organisationsPolicy, usersPolicy, auditPolicy];

/** The node's services, wired once and shared by the HTTP app, the CLI and tests. */
export function createServices(db: Database, config: AppConfig) {
  const keys = new SigningKeys(
    db,
    config.env.ARIADNE_SECRET,
    config.node.security.retiredKeyGraceSeconds,
  );
  const organisations = createOrganisationsService(db);
  const users = createUsersService(db);
  const audit = createAuditService(db);
  const auth = createAuthService({ db, config, keys, users, policies: POLICIES });
  return { db, config, keys, organisations, users, audit, auth };
}

/** The wired services. */
export type Services = ReturnType<typeof createServices>;
