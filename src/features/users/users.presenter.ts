import type { User } from './users.repository.js';

/** The API shape of a user (never secrets). */
export function presentUser(u: User) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    country: u.country.trim(),
    organisationId: u.organisationId,
    preferredLanguage: u.preferredLanguage,
    mfaEnabled: u.totpEnabled,
    disabled: u.disabledAt !== null,
    lockedUntil: u.lockedUntil ? u.lockedUntil.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
  };
}
