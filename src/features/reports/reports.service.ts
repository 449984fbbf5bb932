import { inTransaction, type Database, type Queryable } from '../../platform/db/index.js';
import {
  accessibleWhere,
  asSubject,
  assertPermittedFields,
  authorize,
  authorizeType,
  permittedFields,
  type Actor,
} from '../../platform/authz/index.js';
import { AppError, notFound, validationFailed } from '../../platform/errors.js';
import { localYear } from '../../platform/vocabulary/index.js';
import type { Page } from '../../platform/http/index.js';
import type { AppConfig } from '../../config/index.js';
import type { Use } from '../data-protection/purposes.js';
import { recordAudit } from '../audit/index.js';
import { findUser } from '../users/index.js';
import { findIncident } from '../incidents/index.js';
import { createCasework } from './reports.casework.js';
import {
  applyPatch,
  assertConsent,
  assertTransition,
  consentRecords,
  EMPTY_MEDICAL,
  storedRelatives,
} from './reports.model.js';
import { reportNameRows, searchQueryLine } from './reports.names.js';
import { replaceNameTokens } from './reports.names.repository.js';
import { CASEWORKER_EDITABLE, REPORT, REPORT_FIELDS } from './reports.policy.js';
import { presentReport, presentStatusEvent, presentSummary } from './reports.presenter.js';
import {
  findReport,
  findReports,
  insertReport,
  insertStatusEvent,
  listLinks,
  listStatusEvents,
  nextCaseNumber,
  searchReports,
  ASSIGNED_ORGANISATION,
  setStatus,
  updateReportData,
  type Report,
  type ReportRow,
} from './reports.repository.js';
import type {
  CreateReportInput,
  ListReportsQuery,
  ReportStatus,
  StatusChangeInput,
  UpdateReportInput,
} from './reports.schemas.js';

/** The columns list queries are filtered on, for each CASL condition field. */
export const ACCESS_COLUMNS = {
  country: 'r.country',
  ownerId: 'r.owner_id',
  contactPointOrganisationId: ASSIGNED_ORGANISATION,
};

/** What other features do inside a report's own transaction (wired in the container). */
export interface ReportHooks {
  /** A report was just filed (the contact-points feature routes it). */
  filed?(t: Queryable, actor: Actor, report: Report): Promise<void>;
  /** A report was filed or its sections changed (the matching feature queues a match job). */
  changed?(t: Queryable, actor: Actor, reportId: string): Promise<void>;
  /** Before a status change (the notifications feature refuses a death not yet told in person). */
  beforeStatusChange?(
    t: Queryable,
    actor: Actor,
    e: { reportId: string; from: ReportStatus; to: ReportStatus },
  ): Promise<void>;
  /** A report's status changed (the notifications feature tells the family). */
  statusChanged?(
    t: Queryable,
    actor: Actor,
    e: { reportId: string; from: ReportStatus; to: ReportStatus; messageToFamily: string | null },
  ): Promise<void>;
  /**
   * A report is being purged at the end of its retention period (the media feature deletes its
   * files' records); may return work to run after the commit (removing the bytes).
   */
  purged?(t: Queryable, reportId: string): Promise<(() => Promise<void>) | void>;
  /** The family exports its data: what other features hold about the report (data protection). */
  exported?(t: Queryable, actor: Actor, reportId: string): Promise<Record<string, unknown>>;
}

/**
 * The use a list serves for each role: families list their own reports whatever they consented
 * to; forensic practitioners compare; everyone else searches (purpose rules, ADR 0140).
 */
function listUse(actor: Actor): Use | undefined {
  if (actor.role === 'family') {
    return undefined;
  }
  return actor.role === 'forensic' ? 'forensicComparison' : 'search';
}

/** Personal-data fields an actor reads in a report (for the audit trail: names only). */
function readFields(actor: Actor, r: Report): string[] {
  return permittedFields(actor, 'read', REPORT, r, REPORT_FIELDS);
}

/**
 * Refuses a link to an incident that is missing or recorded by another country with one and the
 * same answer, so the answer tells nothing about other countries' incidents.
 */
async function assertOwnIncident(t: Queryable, country: string, incidentId?: string) {
  if (!incidentId) {
    return;
  }
  const incident = await findIncident(t, incidentId);
  if (incident?.country.trim() !== country.trim()) {
    throw validationFailed([
      { field: 'body.disappearance.incidentId', message: 'no such incident' },
    ]);
  }
}

/** The shared pieces services of this feature use. */
export interface ReportsContext {
  db: Database;
  config: AppConfig;
  hooks: ReportHooks;
  load(t: Queryable, actor: Actor, action: string, id: string, lock?: boolean): Promise<Report>;
}

/** Missing-person reports: filing, reading, completing, searching and the status lifecycle. */
export function createReportsService(db: Database, config: AppConfig, hooks: ReportHooks = {}) {
  const ctx: ReportsContext = {
    db,
    config,
    hooks,
    async load(t, actor, action, id, lock = false) {
      const report = authorize(actor, action, REPORT, await findReport(t, id, lock));
      if (actor.role === 'forensic') {
        assertConsent(report, 'forensicSharing');
      }
      return report;
    },
  };
  const casework = createCasework(ctx);

  async function view(t: Queryable, actor: Actor, r: Report) {
    const links = actor.ability.can('link', asSubject(REPORT, r)) ? await listLinks(t, r.id) : [];
    return presentReport(actor, r, links, await lang(t, actor));
  }
  /** Families read labels in their own language; professionals in English. */
  async function lang(t: Queryable, actor: Actor): Promise<string> {
    return actor.role === 'family'
      ? ((await findUser(t, actor.id))?.preferredLanguage ?? 'en')
      : 'en';
  }

  /** One status change with the report rules and hooks (the caller loads, locks and audits). */
  async function applyStatus(
    t: Queryable,
    actor: Actor,
    r: Report,
    to: ReportStatus,
    reason: string,
    messageToFamily: string | null,
  ) {
    assertTransition(r.status, to);
    if (to !== 'closed') {
      assertConsent(r, 'domesticSearch');
    }
    await hooks.beforeStatusChange?.(t, actor, { reportId: r.id, from: r.status, to });
    await setStatus(t, r.id, to);
    await insertStatusEvent(t, r.id, {
      fromStatus: r.status,
      toStatus: to,
      reason,
      messageToFamily,
      actorId: actor.id,
      actorRole: actor.role,
    });
    await hooks.statusChanged?.(t, actor, { reportId: r.id, from: r.status, to, messageToFamily });
  }

  return {
    ...casework,

    /**
     * Loads a report exactly as the actor may reach it — CASL rules and, for forensic users, the
     * family's forensic-sharing consent — for features that hang data off reports (files, documents).
     */
    loadAs(actor: Actor, action: string, id: string, tx?: Queryable): Promise<Report> {
      return inTransaction(db, tx, (t) => ctx.load(t, actor, action, id));
    },

    /** Files a report (a family for itself, a caseworker for a family); returns likely duplicates to caseworkers. */
    async create(actor: Actor, input: CreateReportInput) {
      if (actor.role === 'family') {
        const refused = (['internalNotes', 'familyAccountId'] as const).filter(
          (k) => input[k] !== undefined,
        );
        if (input.legalBasis !== 'consent') {
          refused.push('legalBasis' as never);
        }
        if (refused.length > 0) {
          throw new AppError('FORBIDDEN', `Not allowed to set: ${refused.join(', ')}`, {
            fields: refused.map((f) => ({ field: `body.${f}`, message: 'caseworkers only' })),
          });
        }
      }
      if (input.legalBasis === 'consent' && input.consent.domesticSearch !== 'granted') {
        throw new AppError('VALIDATION_FAILED', 'Invalid request: body.consent.domesticSearch', {
          fields: [
            {
              field: 'body.consent.domesticSearch',
              message: 'a search needs consent or another legal basis',
            },
          ],
        });
      }
      return db.transaction(async (t) => {
        const ownerId =
          actor.role === 'family' ? actor.id : await familyOwner(t, input.familyAccountId);
        authorizeType(actor, 'create', REPORT, { country: actor.country, ownerId });
        await assertOwnIncident(t, actor.country, input.disappearance.incidentId);
        const row: ReportRow = {
          country: actor.country,
          ownerId,
          createdBy: actor.id,
          organisationId: actor.organisationId,
          flags: input.flags,
          person: input.person,
          disappearance: input.disappearance,
          description: input.description,
          medical: input.medical ?? EMPTY_MEDICAL,
          dnaSamples: input.dnaSamples,
          relatives: storedRelatives(input.relatives),
          consent: consentRecords(input.consent, actor.id),
          legalBasis: input.legalBasis,
          internalNotes: input.internalNotes ?? '',
        };
        const year = localYear();
        const id = await insertReport(t, await nextCaseNumber(t, actor.country, year), row);
        await replaceNameTokens(t, id, reportNameRows(row.person));
        await insertStatusEvent(t, id, {
          fromStatus: null,
          toStatus: 'received',
          reason: actor.role === 'family' ? 'Filed by the family' : 'Filed by a caseworker',
          messageToFamily: null,
          actorId: actor.id,
          actorRole: actor.role,
        });
        await recordAudit(t, actor, {
          action: 'create',
          subjectType: REPORT,
          subjectId: id,
          subjectCountry: actor.country,
          fields: Object.keys(input),
          purpose: 'family tracing',
        });
        await hooks.filed?.(t, actor, (await findReport(t, id))!);
        await hooks.changed?.(t, actor, id);
        const report = (await findReport(t, id))!;
        const presented = await view(t, actor, report);
        if (actor.role !== 'caseworker') {
          return presented;
        }
        return {
          ...presented,
          possibleDuplicates: await casework.findDuplicates(t, actor, report),
        };
      });
    },

    /** Reads one report with the fields the actor may see (audited). */
    async get(actor: Actor, id: string) {
      return db.transaction(async (t) => {
        const r = await ctx.load(t, actor, 'read', id);
        await recordAudit(t, actor, {
          action: 'read',
          subjectType: REPORT,
          subjectId: r.id,
          subjectCountry: r.country,
          fields: readFields(actor, r),
        });
        return view(t, actor, r);
      });
    },

    /** Replaces whole sections of a report, each checked against the actor's field rules. */
    async update(actor: Actor, id: string, patch: UpdateReportInput) {
      return db.transaction(async (t) => {
        const r = await ctx.load(t, actor, 'update', id, true);
        assertPermittedFields(actor, 'update', REPORT, r, CASEWORKER_EDITABLE, patch);
        await assertOwnIncident(t, r.country, patch.disappearance?.incidentId);
        const next = applyPatch(r, patch, actor.id, actor.role === 'family');
        await updateReportData(t, r.id, next);
        if (patch.person) {
          await replaceNameTokens(t, r.id, reportNameRows(next.person));
        }
        await recordAudit(t, actor, {
          action: 'update',
          subjectType: REPORT,
          subjectId: r.id,
          subjectCountry: r.country,
          fields: Object.keys(patch),
        });
        await hooks.changed?.(t, actor, r.id);
        return view(t, actor, (await findReport(t, r.id))!);
      });
    },

    /** Moves a report along its lifecycle, recording who, when and why. */
    async changeStatus(actor: Actor, id: string, input: StatusChangeInput) {
      return db.transaction(async (t) => {
        const r = await ctx.load(t, actor, 'changeStatus', id, true);
        await applyStatus(t, actor, r, input.status, input.reason, input.messageToFamily ?? null);
        await recordAudit(t, actor, {
          action: 'changeStatus',
          subjectType: REPORT,
          subjectId: r.id,
          subjectCountry: r.country,
          fields: ['status'],
          details: { from: r.status, to: input.status },
        });
        return view(t, actor, (await findReport(t, r.id))!);
      });
    },

    /**
     * Moves a report one step for a confirmed identification (the matching feature), inside the
     * caller's transaction: the same lifecycle table, consent rule and status hooks as any change.
     * The caller holds the report's row lock and audits the identification.
     */
    async moveForIdentification(
      t: Queryable,
      actor: Actor,
      id: string,
      to: ReportStatus,
      reason: string,
    ): Promise<void> {
      const r = await findReport(t, id, true);
      if (!r) {
        throw notFound(REPORT);
      }
      await applyStatus(t, actor, r, to, reason, null);
    },

    /**
     * Records that the missing person has said they are alive (an "I am alive" message a
     * reviewer confirmed and passed on), inside the caller's transaction: the report moves to
     * "located alive" through the lifecycle table (a report still "received" is opened first),
     * with the message for the family on the timeline, and the status hooks tell the family.
     * The caller has checked the reviewer may act on the report, and audits the decision.
     */
    async recordAliveNews(
      t: Queryable,
      actor: Actor,
      id: string,
      messageToFamily: string,
    ): Promise<void> {
      let r = await findReport(t, id, true);
      if (!r) {
        throw notFound(REPORT);
      }
      if (r.status === 'received') {
        await applyStatus(t, actor, r, 'under_search', 'Opened for an "I am alive" message', null);
        r = (await findReport(t, id, true))!;
      }
      await applyStatus(
        t,
        actor,
        r,
        'located_alive',
        'An "I am alive" message was confirmed and passed on',
        messageToFamily,
      );
      await recordAudit(t, actor, {
        action: 'changeStatus',
        subjectType: REPORT,
        subjectId: r.id,
        subjectCountry: r.country,
        fields: ['status'],
        details: { from: r.status, to: 'located_alive', cause: 'alive_message' },
      });
    },

    /**
     * The status timeline: plain language for families, with reasons for professionals. A
     * professional may ask for the family's own view (`asFamily`, in the given language), e.g. to
     * go through it with the family at an interview.
     */
    async timeline(actor: Actor, id: string, o: { asFamily?: boolean; lang?: string } = {}) {
      return db.transaction(async (t) => {
        const r = await ctx.load(t, actor, 'read', id);
        const events = await listStatusEvents(t, r.id);
        const language = o.lang ?? (await lang(t, actor));
        await recordAudit(t, actor, {
          action: 'read',
          subjectType: REPORT,
          subjectId: r.id,
          subjectCountry: r.country,
          fields: ['timeline'],
        });
        return {
          caseNumber: r.caseNumber,
          items: events.map((e) =>
            presentStatusEvent(e, actor.role === 'family' || o.asFamily === true, language),
          ),
        };
      });
    },

    /** Lists or searches the reports the actor may read (children first unless ranked by name). */
    async list(
      actor: Actor,
      query: ListReportsQuery,
    ): Promise<Page<ReturnType<typeof presentSummary>>> {
      const access = accessibleWhere(actor.ability, 'read', REPORT, ACCESS_COLUMNS);
      return db.transaction(async (t) => {
        const { hits, total, totalCapped } = await searchReports(
          t,
          access,
          {
            ...query,
            child: query.child === undefined ? undefined : query.child === 'true',
            use: listUse(actor),
          },
          query.name ? [searchQueryLine(query.name)] : [],
          query,
          db,
        );
        const items = [];
        const language = await lang(t, actor);
        // One statement for the page's reports, not one per hit.
        const loaded = new Map(
          (
            await findReports(
              t,
              hits.map((h) => h.id),
            )
          ).map((r) => [r.id, r]),
        );
        for (const h of hits) {
          items.push(presentSummary(loaded.get(h.id)!, h.score, language, h.match));
        }
        await recordAudit(t, actor, {
          action: 'list',
          subjectType: REPORT,
          subjectCountry: actor.country,
          fields: items.length > 0 ? ['names', 'sex', 'lastSeen'] : [],
          // Which reports were shown, so "who saw this person's name" can be answered.
          details: { count: items.length, byName: Boolean(query.name), ids: hits.map((h) => h.id) },
        });
        return {
          items,
          total,
          ...(totalCapped ? { totalCapped } : {}),
          limit: query.limit,
          offset: query.offset,
        };
      });
    },
  };

  async function familyOwner(t: Queryable, id: string | undefined): Promise<string | null> {
    if (!id) {
      return null;
    }
    const user = await findUser(t, id);
    if (user?.role !== 'family') {
      throw new AppError('VALIDATION_FAILED', 'Invalid request: body.familyAccountId', {
        fields: [{ field: 'body.familyAccountId', message: 'no such family account' }],
      });
    }
    return user.id;
  }
}

/** The reports service. */
export type ReportsService = ReturnType<typeof createReportsService>;
