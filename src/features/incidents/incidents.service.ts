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
  findIncident,
  insertIncident,
  listIncidents,
  updateIncident,
  type Incident,
  type IncidentValues,
} from './incidents.repository.js';
import type {
  CreateIncidentInput,
  ListIncidentsQuery,
  UpdateIncidentInput,
} from './incidents.schemas.js';

const TYPE = 'Incident';

function toValues(input: CreateIncidentInput, country: string, orgId: string | null) {
  return {
    country,
    organisationId: orgId,
    kind: input.kind,
    title: input.title,
    date: input.date,
    place: input.place,
    occurredInCountry: input.occurredInCountry ?? null,
    coordinates: input.coordinates ?? null,
    route: input.route ?? null,
    dead: input.dead,
    missing: input.missing,
    survivors: input.survivors,
    source: input.source,
    description: input.description ?? null,
  } satisfies IncidentValues;
}

/** Incidents: shipwrecks, desert and road events that link reports and remains. */
export function createIncidentsService(db: Database) {
  return {
    /** Records an incident in the actor's country. */
    async create(actor: Actor, input: CreateIncidentInput, tx?: Queryable): Promise<Incident> {
      authorizeType(actor, 'create', TYPE, { country: actor.country });
      return inTransaction(db, tx, async (t) => {
        const id = await insertIncident(
          t,
          toValues(input, actor.country, actor.organisationId),
          actor.id,
        );
        await recordAudit(t, actor, {
          action: 'create',
          subjectType: TYPE,
          subjectId: id,
          subjectCountry: actor.country,
          fields: Object.keys(input),
        });
        return (await findIncident(t, id))!;
      });
    },

    /** One incident the actor may read (404 otherwise). */
    async get(actor: Actor, id: string, tx?: Queryable): Promise<Incident> {
      return authorize(actor, 'read', TYPE, await findIncident(tx ?? db, id));
    },

    /** Corrects an incident (figures are often revised as survivors are interviewed). */
    async update(actor: Actor, id: string, patch: UpdateIncidentInput): Promise<Incident> {
      return db.transaction(async (t) => {
        const current = authorize(actor, 'update', TYPE, await findIncident(t, id));
        const merged: IncidentValues = {
          ...current,
          ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        };
        await updateIncident(t, id, merged);
        await recordAudit(t, actor, {
          action: 'update',
          subjectType: TYPE,
          subjectId: id,
          subjectCountry: current.country,
          fields: Object.keys(patch),
        });
        return (await findIncident(t, id))!;
      });
    },

    /** Incidents the actor may read, filtered in SQL by the same rules. */
    async list(actor: Actor, query: ListIncidentsQuery): Promise<Page<Incident>> {
      authorizeType(actor, 'read', TYPE);
      const access = accessibleWhere(actor.ability, 'read', TYPE, { country: 'i.country' });
      const { rows, total } = await listIncidents(db, access, query);
      return { items: rows, total, limit: query.limit, offset: query.offset };
    },
  };
}

/** The incidents service's interface. */
export type IncidentsService = ReturnType<typeof createIncidentsService>;
