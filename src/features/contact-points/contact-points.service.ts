import type { Database, Queryable } from '../../platform/db/index.js';
import {
  accessibleWhere,
  authorize,
  authorizeType,
  type Actor,
} from '../../platform/authz/index.js';
import { validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import { findOrganisation } from '../organisations/index.js';
import type { Report } from '../reports/index.js';
import { loadChannel, routingFacts } from './contact-points.channel.js';
import { CONTACT_POINT, REPORT_CHANNEL } from './contact-points.policy.js';
import { presentContactPoint, presentPublic } from './contact-points.presenter.js';
import {
  assign,
  eligibleStaff,
  findContactPoint,
  insertContactPoint,
  listAssignmentEvents,
  listContactPoints,
  listStaff,
  listStaffOf,
  replaceStaff,
  routingCandidates,
  updateContactPoint,
  type ContactPoint,
} from './contact-points.repository.js';
import { routeReport } from './contact-points.routing.js';
import type {
  CreateContactPointInput,
  ListContactPointsQuery,
  PublicListQuery,
  ReassignInput,
  RouteQuery,
  UpdateContactPointInput,
} from './contact-points.schemas.js';

const COLUMNS = { country: 'cp.country', organisationId: 'cp.organisation_id' };

/** Called after a report changes hands (the notifications feature tells the family). */
export type AssignmentListener = (
  tx: Queryable,
  actor: Actor | null,
  e: { reportId: string; contactPoint: ContactPoint; reason: string },
) => Promise<void>;

/** Contact point designations, the public directory, and routing reports among them. */
export function createContactPointsService(db: Database) {
  const listeners: AssignmentListener[] = [];

  async function checkStaff(t: Queryable, organisationId: string, staffIds: string[]) {
    const ok = new Set(await eligibleStaff(t, organisationId, staffIds));
    const bad = staffIds.filter((id) => !ok.has(id));
    if (bad.length > 0) {
      throw validationFailed([
        { field: 'body.staffIds', message: 'not contact_point users of the organisation' },
      ]);
    }
  }

  async function detailed(t: Queryable, c: ContactPoint) {
    return presentContactPoint(c, await listStaff(t, c.id));
  }

  return {
    /** Registers a listener told of every routing and reassignment. */
    onAssigned(listener: AssignmentListener) {
      listeners.push(listener);
    },

    /** Designates an organisation of the administrator's country as a contact point. */
    async create(actor: Actor, input: CreateContactPointInput) {
      authorizeType(actor, 'create', CONTACT_POINT, { country: actor.country });
      return db.transaction(async (t) => {
        const org = await findOrganisation(t, input.organisationId);
        if (org?.country.trim() !== actor.country) {
          throw validationFailed([
            { field: 'body.organisationId', message: 'no such organisation in your country' },
          ]);
        }
        await checkStaff(t, org.id, input.staffIds);
        const { staffIds, ...facts } = input;
        const id = await insertContactPoint(
          t,
          { ...facts, country: actor.country, active: true },
          actor.id,
        );
        await replaceStaff(t, id, staffIds);
        await recordAudit(t, actor, {
          action: 'create',
          subjectType: CONTACT_POINT,
          subjectId: id,
          subjectCountry: actor.country,
          fields: Object.keys(input),
        });
        return detailed(t, (await findContactPoint(t, id))!);
      });
    },

    /** One designation with its staff (administrators of its country, its own staff). */
    async get(actor: Actor, id: string) {
      return db.transaction(async (t) =>
        detailed(t, authorize(actor, 'read', CONTACT_POINT, await findContactPoint(t, id))),
      );
    },

    /** Changes a designation (withdrawing it with active=false). */
    async update(actor: Actor, id: string, patch: UpdateContactPointInput) {
      return db.transaction(async (t) => {
        const c = authorize(actor, 'update', CONTACT_POINT, await findContactPoint(t, id));
        const { staffIds, ...facts } = patch;
        await updateContactPoint(t, c.id, { ...c, ...facts });
        if (staffIds) {
          await checkStaff(t, c.organisationId, staffIds);
          await replaceStaff(t, c.id, staffIds);
        }
        await recordAudit(t, actor, {
          action: 'update',
          subjectType: CONTACT_POINT,
          subjectId: c.id,
          subjectCountry: c.country,
          fields: Object.keys(patch),
        });
        return detailed(t, (await findContactPoint(t, c.id))!);
      });
    },

    /** Designations the actor may read. */
    async list(
      actor: Actor,
      query: ListContactPointsQuery,
    ): Promise<Page<ReturnType<typeof presentContactPoint>>> {
      const access = accessibleWhere(actor.ability, 'read', CONTACT_POINT, COLUMNS);
      return db.transaction(async (t) => {
        const active = query.active === undefined ? undefined : query.active === 'true';
        const { rows, total } = await listContactPoints(t, access, { ...query, active });
        // The staff of the whole page in one statement.
        const staff = await listStaffOf(
          t,
          rows.map((c) => c.id),
        );
        const items = rows.map((c) => presentContactPoint(c, staff.get(c.id) ?? []));
        return { items, total, limit: query.limit, offset: query.offset };
      });
    },

    /** The public directory: active designations, without staff (no login needed). */
    async listPublic(query: PublicListQuery): Promise<Page<ReturnType<typeof presentPublic>>> {
      const { rows, total } = await listContactPoints(
        db,
        { sql: 'TRUE', params: [] },
        { ...query, active: true },
      );
      return { items: rows.map(presentPublic), total, limit: query.limit, offset: query.offset };
    },

    /** Which contact point of the actor's country a report with these facts would go to. */
    async preview(actor: Actor, query: RouteQuery) {
      authorizeType(actor, 'read', CONTACT_POINT, { country: actor.country, organisationId: null });
      const decision = routeReport(await routingCandidates(db, actor.country), {
        nationalities: query.nationality ? [query.nationality] : [],
        residence: query.residence,
        language: query.language,
      });
      return decision
        ? {
            contactPoint: presentPublic(decision.contactPoint),
            score: decision.score,
            reasons: decision.reasons,
          }
        : { contactPoint: null, score: 0, reasons: ['no contact point of this country serves it'] };
    },

    /** Routes a newly filed report to the best contact point of its country (inside its transaction). */
    async routeNew(tx: Queryable, actor: Actor | null, report: Report) {
      const candidates = await routingCandidates(tx, report.country.trim());
      const decision = routeReport(candidates, await routingFacts(tx, report));
      if (!decision) {
        return undefined;
      }
      const reason = `Routed automatically: ${decision.reasons.join('; ')}`;
      await assign(tx, {
        reportId: report.id,
        from: null,
        to: decision.contactPoint.id,
        reason,
        actorId: actor?.id ?? null,
      });
      for (const l of listeners) {
        await l(tx, actor, { reportId: report.id, contactPoint: decision.contactPoint, reason });
      }
      return decision;
    },

    /** The contact point of a report, and (for professionals) who it was assigned to before. */
    async getAssignment(actor: Actor, reportId: string) {
      return db.transaction(async (t) => {
        const ch = await loadChannel(t, actor, 'read', reportId);
        const cp = ch.contactPointId ? await findContactPoint(t, ch.contactPointId) : undefined;
        const history = actor.role === 'family' ? undefined : await listAssignmentEvents(t, ch.id);
        return {
          reportId: ch.id,
          caseNumber: ch.caseNumber,
          contactPoint: cp ? presentPublic(cp) : null,
          ...(history
            ? { history: history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })) }
            : {}),
        };
      });
    },

    /** Hands a report to another contact point of its country, with a reason. */
    async reassign(actor: Actor, reportId: string, input: ReassignInput) {
      return db.transaction(async (t) => {
        const ch = await loadChannel(t, actor, 'reassign', reportId);
        const target = await findContactPoint(t, input.contactPointId);
        if (!target?.active || target.country !== ch.country) {
          throw validationFailed([
            {
              field: 'body.contactPointId',
              message: 'no active contact point of the report’s country',
            },
          ]);
        }
        await assign(t, {
          reportId: ch.id,
          from: ch.contactPointId,
          to: target.id,
          reason: input.reason,
          actorId: actor.id,
        });
        await recordAudit(t, actor, {
          action: 'reassign',
          subjectType: REPORT_CHANNEL,
          subjectId: ch.id,
          subjectCountry: ch.country,
          fields: ['contactPointId'],
          details: { from: ch.contactPointId, to: target.id },
        });
        for (const l of listeners) {
          await l(t, actor, { reportId: ch.id, contactPoint: target, reason: input.reason });
        }
        return { reportId: ch.id, caseNumber: ch.caseNumber, contactPoint: presentPublic(target) };
      });
    },
  };
}

/** The contact points service. */
export type ContactPointsService = ReturnType<typeof createContactPointsService>;
