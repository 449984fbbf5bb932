import type { Database, Queryable } from '../../platform/db/index.js';
import { inTransaction } from '../../platform/db/index.js';
import {
  accessibleWhere,
  assertPermittedFields,
  authorize,
  authorizeType,
  type Actor,
  type Role,
} from '../../platform/authz/index.js';
import { hashPassword } from '../../platform/crypto/index.js';
import { AppError } from '../../platform/errors.js';
import type { Page } from '../../platform/http/index.js';
import { readAudited, recordAudit } from '../audit/index.js';
import { findOrganisation } from '../organisations/index.js';
import { ADMIN_EDITABLE } from './users.policy.js';
import {
  findUser,
  insertUser,
  listUsers,
  READ_COLUMNS,
  setDisabled,
  updateUser,
  userByIdWhere,
  type User,
} from './users.repository.js';
import type { CreateUserInput, ListUsersQuery, UpdateUserInput } from './users.schemas.js';

const TYPE = 'User';
const PRESENTED = ['id', 'email', 'displayName', 'role', 'country', 'organisationId'];

/** What creating a user needs when no administrator is acting (CLI, seed, registration). */
export interface SystemUserInput {
  email: string;
  displayName: string;
  role: Role;
  country: string;
  organisationId: string | null;
  password: string;
  preferredLanguage?: string;
  mfaExempt?: boolean;
}

/** User management: administrators manage users of their country; everyone their own profile. */
export function createUsersService(db: Database) {
  async function loadOrganisationFor(actor: Actor | null, t: Queryable, id: string) {
    const org = await findOrganisation(t, id);
    if (!org || (actor && org.country.trim() !== actor.country)) {
      throw new AppError('VALIDATION_FAILED', 'Invalid request: body.organisationId', {
        fields: [{ field: 'body.organisationId', message: 'no such organisation in your country' }],
      });
    }
    return org;
  }

  async function createWithHash(
    input: Omit<SystemUserInput, 'password'>,
    passwordHash: string,
    tx?: Queryable,
  ): Promise<User> {
    return inTransaction(db, tx, async (t) => {
      const user = await insertUser(t, {
        ...input,
        preferredLanguage: input.preferredLanguage ?? 'en',
        passwordHash,
      });
      await recordAudit(t, null, {
        action: 'create',
        subjectType: TYPE,
        subjectId: user.id,
        subjectCountry: user.country,
        fields: ['email', 'displayName', 'role', 'country', 'organisationId'],
      });
      return user;
    });
  }

  return {
    /** Creates a professional user in the administrator's country. */
    async create(actor: Actor, input: CreateUserInput): Promise<User> {
      authorizeType(actor, 'create', TYPE);
      // Hashed before the transaction: argon2 must not hold a transaction (or PGlite) open.
      const passwordHash = await hashPassword(input.password);
      return db.transaction(async (t) => {
        const org = await loadOrganisationFor(actor, t, input.organisationId);
        authorizeType(actor, 'create', TYPE, { country: org.country.trim() });
        const user = await insertUser(t, {
          ...input,
          role: input.role as Role,
          country: org.country.trim(),
          passwordHash,
        });
        await recordAudit(t, actor, {
          action: 'create',
          subjectType: TYPE,
          subjectId: user.id,
          subjectCountry: user.country,
          fields: Object.keys(input).filter((k) => k !== 'password'),
        });
        return user;
      });
    },

    /** Creates any user without an acting administrator (CLI, seed, family registration). */
    async createAsSystem(input: SystemUserInput, tx?: Queryable): Promise<User> {
      return createWithHash(input, await hashPassword(input.password), tx);
    },

    /** Same, with the password already hashed (so hashing can happen outside the transaction). */
    createWithHashAsSystem: createWithHash,

    /**
     * Reads one user: oneself (not audited), or a user of the administrator's country, read and
     * audited in one statement (ADR 0135).
     */
    async get(actor: Actor, id: string): Promise<User> {
      if (id === actor.id) {
        return authorize(actor, 'read', TYPE, await findUser(db, id));
      }
      const access = accessibleWhere(actor.ability, 'read', TYPE, READ_COLUMNS, 2);
      const user = await readAudited<User>(db, userByIdWhere(id, access), actor, {
        subjectType: TYPE,
        subjectIdColumn: 'id',
        subjectCountryColumn: 'country',
        fields: PRESENTED,
      });
      // The same rules again on the loaded record (the SQL filter above already applied them).
      return authorize(actor, 'read', TYPE, user);
    },

    /** Updates a user; each field is checked against the actor's field-level rules. */
    async update(actor: Actor, id: string, patch: UpdateUserInput): Promise<User> {
      return db.transaction(async (t) => {
        const user = authorize(actor, 'update', TYPE, await findUser(t, id));
        assertPermittedFields(actor, 'update', TYPE, user, ADMIN_EDITABLE, patch);
        if (patch.organisationId) {
          await loadOrganisationFor(actor, t, patch.organisationId);
        }
        if (patch.role && user.role === 'family') {
          throw new AppError('VALIDATION_FAILED', 'Invalid request: body.role', {
            fields: [{ field: 'body.role', message: 'family accounts keep the family role' }],
          });
        }
        const updated = await updateUser(t, user.id, patch);
        await recordAudit(t, actor, {
          action: 'update',
          subjectType: TYPE,
          subjectId: user.id,
          subjectCountry: user.country,
          fields: Object.keys(patch),
        });
        return updated;
      });
    },

    /** Disables (ending every session at once) or re-enables a user. */
    async setDisabled(actor: Actor, id: string, disabled: boolean): Promise<User> {
      return db.transaction(async (t) => {
        const action = disabled ? 'disable' : 'enable';
        const user = authorize(actor, action, TYPE, await findUser(t, id));
        const updated = await setDisabled(t, user.id, disabled);
        await recordAudit(t, actor, {
          action,
          subjectType: TYPE,
          subjectId: user.id,
          subjectCountry: user.country,
        });
        return updated;
      });
    },

    /** Disables or re-enables a user from the administration CLI (audited as the system). */
    async setDisabledAsSystem(id: string, disabled: boolean): Promise<User> {
      return db.transaction(async (t) => {
        const user = await findUser(t, id);
        if (!user) {
          throw new AppError('NOT_FOUND', 'User not found');
        }
        const updated = await setDisabled(t, user.id, disabled);
        await recordAudit(t, null, {
          action: disabled ? 'disable' : 'enable',
          subjectType: TYPE,
          subjectId: user.id,
          subjectCountry: user.country,
        });
        return updated;
      });
    },

    /** Users the actor may read, filtered in SQL by the same rules (audited as a list read). */
    async list(actor: Actor, query: ListUsersQuery): Promise<Page<User>> {
      const access = accessibleWhere(actor.ability, 'read', TYPE, READ_COLUMNS);
      return db.transaction(async (t) => {
        const { rows, total } = await listUsers(t, access, query);
        await recordAudit(t, actor, {
          action: 'list',
          subjectType: TYPE,
          subjectCountry: actor.country,
          fields: PRESENTED,
          details: { ids: rows.map((r) => r.id) },
        });
        return { items: rows, total, limit: query.limit, offset: query.offset };
      });
    },
  };
}

/** The users service's interface. */
export type UsersService = ReturnType<typeof createUsersService>;
