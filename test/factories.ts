import { randomUUID } from 'node:crypto';
import type { Role } from '../src/platform/authz/index.js';
import { hashPassword } from '../src/platform/crypto/index.js';
import { findOrganisation, type Organisation } from '../src/features/organisations/index.js';
import { findUser, type User } from '../src/features/users/index.js';
import { testNode } from './node.js';

/** The password every factory-built user has. */
export const TEST_PASSWORD = 'correct horse battery staple';

let passwordHash: Promise<string> | undefined;

type OrgKind = Organisation['kind'];

const KIND_FOR_ROLE: Record<Role, OrgKind | null> = {
  admin: 'authority',
  auditor: 'authority',
  analyst: 'authority',
  caseworker: 'tracing_service',
  forensic: 'forensic_institute',
  contact_point: 'consulate',
  family: null,
};

/** Creates an organisation (default: an authority in IT). */
export async function buildOrg(
  o: { country?: string; kind?: OrgKind; name?: string } = {},
): Promise<Organisation> {
  const { services } = testNode();
  return services.organisations.create(null, {
    country: o.country ?? 'IT',
    kind: o.kind ?? 'authority',
    name: o.name ?? `Org ${randomUUID().slice(0, 8)}`,
  });
}

/** A user built by a factory, with a live session. */
export interface TestUser {
  user: User;
  token: string;
  refreshToken: string;
  email: string;
}

/** Options of buildUser. */
export interface UserSpec {
  role?: Role;
  country?: string;
  /** Organisation id; by default a fresh organisation of the kind the role usually works in. */
  organisationId?: string;
  email?: string;
  /** When false the user is not exempt from MFA (default: exempt, like demo users). */
  mfaExempt?: boolean;
  preferredLanguage?: string;
}

/** Creates a user of a role and country and opens a session for them. */
export async function buildUser(spec: UserSpec = {}): Promise<TestUser> {
  const { services, db } = testNode();
  const role = spec.role ?? 'caseworker';
  const country = spec.country ?? 'IT';
  const kind = KIND_FOR_ROLE[role];
  let organisationId: string | null = null;
  if (kind && spec.organisationId) {
    organisationId = spec.organisationId;
    const org = await findOrganisation(db, organisationId);
    if (org?.country.trim() !== country) {
      throw new Error('buildUser: organisation is in another country');
    }
  } else if (kind) {
    // A fresh organisation of the user's country: nothing to check.
    organisationId = (await buildOrg({ country, kind })).id;
  }
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = spec.email ?? `${role}.${randomUUID().slice(0, 8)}@test.example`;
  const rows = await db.query<{ id: string }>(
    `INSERT INTO users (email, display_name, role, country, organisation_id, preferred_language,
       password_hash, mfa_exempt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      email,
      `Test ${role}`,
      role,
      country,
      organisationId,
      spec.preferredLanguage ?? 'en',
      await passwordHash,
      spec.mfaExempt ?? true,
    ],
  );
  const user = (await findUser(db, rows[0]!.id))!;
  const pair = await services.auth.issueSession(user.id);
  return { user, token: pair.accessToken, refreshToken: pair.refreshToken, email };
}
