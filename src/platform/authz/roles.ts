/** Every role a user can hold; one per user. */
export const ROLES = [
  'admin',
  'caseworker',
  'forensic',
  'contact_point',
  'auditor',
  'analyst',
  'family',
] as const;

/** A user's role. */
export type Role = (typeof ROLES)[number];

/** Roles whose holders belong to an organisation (everyone but family members). */
export const PROFESSIONAL_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'family');
