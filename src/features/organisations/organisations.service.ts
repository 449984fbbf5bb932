import type { Database, Queryable } from '../../platform/db/index.js';
import { inTransaction } from '../../platform/db/index.js';
import {
  accessibleWhere,
  authorize,
  authorizeType,
  type Actor,
} from '../../platform/authz/index.js';
import type { Page } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import {
  findOrganisation,
  insertOrganisation,
  listOrganisations,
  updateOrganisation,
  type Organisation,
} from './organisations.repository.js';
import type {
  CreateOrganisationInput,
  ListOrganisationsQuery,
  UpdateOrganisationInput,
} from './organisations.schemas.js';

const TYPE = 'Organisation';

/** Organisation management: create, read, update, list — each checked and audited. */
export function createOrganisationsService(db: Database) {
  return {
    /** Creates an organisation in the administrator's country. */
    async create(actor: Actor | null, input: CreateOrganisationInput, tx?: Queryable) {
      if (actor) {
        authorizeType(actor, 'create', TYPE, input);
      }
      return inTransaction(db, tx, async (t) => {
        const org = await insertOrganisation(t, input);
        await recordAudit(t, actor, {
          action: 'create',
          subjectType: TYPE,
          subjectId: org.id,
          subjectCountry: org.country,
          fields: Object.keys(input),
        });
        return org;
      });
    },

    /** One organisation the actor may read (404 otherwise). */
    async get(actor: Actor, id: string): Promise<Organisation> {
      return authorize(actor, 'read', TYPE, await findOrganisation(db, id));
    },

    /** Renames or re-kinds an organisation. */
    async update(actor: Actor, id: string, patch: UpdateOrganisationInput) {
      return db.transaction(async (t) => {
        const org = authorize(actor, 'update', TYPE, await findOrganisation(t, id));
        const updated = await updateOrganisation(t, org.id, patch);
        await recordAudit(t, actor, {
          action: 'update',
          subjectType: TYPE,
          subjectId: org.id,
          subjectCountry: org.country,
          fields: Object.keys(patch),
        });
        return updated;
      });
    },

    /** Organisations the actor may read. */
    async list(actor: Actor, query: ListOrganisationsQuery): Promise<Page<Organisation>> {
      const access = accessibleWhere(actor.ability, 'read', TYPE, { country: 'country' });
      const { rows, total } = await listOrganisations(db, access, query);
      return { items: rows, total, limit: query.limit, offset: query.offset };
    },
  };
}

/** The organisations service's interface. */
export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
