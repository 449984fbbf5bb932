import { z } from 'zod';
import { pagination } from '../../platform/http/index.js';
import { PROFESSIONAL_ROLES, ROLES } from '../../platform/authz/index.js';
import { isStrongPassword } from './users.passwords.js';

/** ISO 639-1 language code, e.g. en, fr, ar, ti. */
export const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code');

/** Why a new password is refused when it is long enough but easy to guess. */
export const WEAK_PASSWORD = 'is a commonly used password or too easy to guess';

/** A new password: 12 to 256 characters, not common, not easy to guess. */
export const password = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256)
  .refine((p) => p.length < 12 || isStrongPassword(p), WEAK_PASSWORD);

/** An e-mail address, normalised to lower case. */
export const email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

/** Roles an administrator can give (family accounts register themselves). */
export const professionalRole = z.enum(PROFESSIONAL_ROLES as ['admin', ...string[]]);

/** Body of POST /api/v1/users. */
export const createUserBody = z.strictObject({
  /** Login e-mail, unique on the node. */
  email,
  /** Name shown to colleagues. */
  displayName: z.string().trim().min(1).max(200),
  /** One role per user. */
  role: professionalRole,
  /** The organisation the user works for (in the administrator's country). */
  organisationId: z.uuid(),
  /** Initial password, to be changed by the user. */
  password,
  /** Interface language. */
  preferredLanguage: languageCode.default('en'),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

/** Body of PATCH /api/v1/users/:id (which fields a caller may send depends on their role). */
export const updateUserBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200),
    preferredLanguage: languageCode,
    role: professionalRole,
    organisationId: z.uuid(),
  })
  .partial();
export type UpdateUserInput = z.infer<typeof updateUserBody>;

/** Query of GET /api/v1/users. */
export const listUsersQuery = pagination.extend({
  role: z.enum(ROLES).optional(),
  organisationId: z.uuid().optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

/** Path parameter :id. */
export const userIdParams = z.object({ id: z.uuid() });

/** A user as the API shows it. */
export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    country: z.string(),
    organisationId: z.uuid().nullable(),
    preferredLanguage: z.string(),
    mfaEnabled: z.boolean(),
    disabled: z.boolean(),
    lockedUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .partial()
  .meta({ id: 'User' });
