// Casework around reports: duplicate warnings and links, PFIF exchange, the family's rights
// (export, withdrawal of contact details) and retention.
import type { Queryable } from '../../platform/db/index.js';
import { accessibleWhere, authorizeType, type Actor } from '../../platform/authz/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { PageRequest } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import { duplicateReasons } from './reports.model.js';
import { assertPermitted, permits } from '../data-protection/purposes.js';
import { duplicateQueryLines } from './reports.names.js';
import { parsePfif, reportToPfif } from './reports.pfif.js';
import { REPORT, REPORT_LEAD } from './reports.policy.js';
import { presentReport, presentStatusEvent } from './reports.presenter.js';
import {
  findReports,
  insertLink,
  listStatusEvents,
  purgeClosedBefore,
  searchReports,
  updateReportData,
  type Report,
} from './reports.repository.js';
import { insertLeads, listLeads } from './reports.leads.repository.js';
import type { ReportsContext } from './reports.service.js';

/** A likely duplicate of a report, with the reasons. */
export interface PossibleDuplicate {
  reportId: string;
  caseNumber: string;
  score: number;
  reasons: string[];
}

/** Casework operations; merged into the reports service. */
export function createCasework(ctx: ReportsContext) {
  const { db, config } = ctx;
  const audit = (
    t: Queryable,
    actor: Actor | null,
    r: Pick<Report, 'id' | 'country'>,
    action: string,
    fields: string[] = [],
    details?: Record<string, unknown>,
  ) =>
    recordAudit(t, actor, {
      action,
      subjectType: REPORT,
      subjectId: r.id,
      subjectCountry: r.country,
      fields,
      details,
    });

  /** Reports of the same country that may describe the same person. */
  async function findDuplicates(
    t: Queryable,
    actor: Actor,
    r: Report,
  ): Promise<PossibleDuplicate[]> {
    if (!permits(r, 'duplicates')) {
      return [];
    }
    const access = accessibleWhere(actor.ability, 'link', REPORT, {
      country: 'r.country',
      ownerId: 'r.owner_id',
    });
    const { hits } = await searchReports(
      t,
      access,
      { excludeId: r.id, use: 'duplicates' },
      duplicateQueryLines(r.person),
      { limit: 20, offset: 0 },
      db,
    );
    const out: PossibleDuplicate[] = [];
    // The hits' reports in one statement, not one per hit.
    const found = new Map(
      (
        await findReports(
          t,
          hits.map((h) => h.id),
        )
      ).map((c) => [c.id, c]),
    );
    for (const h of hits) {
      const c = found.get(h.id);
      if (!c) {
        continue;
      }
      const { score, reasons } = duplicateReasons(r, c, h.score ?? 0);
      if (score >= 0.5) {
        out.push({
          reportId: c.id,
          caseNumber: c.caseNumber,
          score: Number(score.toFixed(2)),
          reasons,
        });
      }
    }
    return out.sort((a, b) => b.score - a.score);
  }

  return {
    findDuplicates,

    /** Likely duplicates of a report (caseworkers). */
    async duplicates(actor: Actor, id: string) {
      return db.transaction(async (t) => {
        const r = await ctx.load(t, actor, 'link', id);
        assertPermitted(r, 'duplicates');
        const items = await findDuplicates(t, actor, r);
        await audit(t, actor, r, 'checkDuplicates', [], { candidates: items.length });
        return { items };
      });
    },

    /** Links two reports of the same person as one case. */
    async link(actor: Actor, id: string, input: { reportId: string; reason: string }) {
      return db.transaction(async (t) => {
        const r = await ctx.load(t, actor, 'link', id);
        if (input.reportId === r.id) {
          throw new AppError('VALIDATION_FAILED', 'Invalid request: body.reportId', {
            fields: [{ field: 'body.reportId', message: 'a report cannot be linked to itself' }],
          });
        }
        const other = await ctx.load(t, actor, 'link', input.reportId);
        await insertLink(t, r.id, other.id, input.reason, actor.id);
        await audit(t, actor, r, 'link', [], { linkedReportId: other.id });
        await audit(t, actor, other, 'link', [], { linkedReportId: r.id });
        return { reportId: r.id, linkedReportId: other.id, linkedCaseNumber: other.caseNumber };
      });
    },

    /** The report as a PFIF 1.4 person record with status notes (needs cross-border consent). */
    async exportPfif(actor: Actor, id: string): Promise<string> {
      return db.transaction(async (t) => {
        const r = await ctx.load(t, actor, 'exportPfif', id);
        assertPermitted(r, 'export');
        const events = await listStatusEvents(t, r.id);
        await audit(
          t,
          actor,
          r,
          'exportPfif',
          ['person.names', 'person.sex', 'person.dateOfBirth', 'disappearance.lastSeenPlace'],
          { purpose: 'cross-border tracing' },
        );
        return reportToPfif(r, events, new URL(config.env.PUBLIC_URL).host, config.node.name);
      });
    },

    /** Imports PFIF person records as leads for the caseworkers of the actor's country. */
    async importPfif(actor: Actor, xml: string) {
      authorizeType(actor, 'create', REPORT_LEAD, { country: actor.country });
      const persons = parsePfif(xml);
      return db.transaction(async (t) => {
        const ids = await insertLeads(t, actor, persons);
        await recordAudit(t, actor, {
          action: 'importPfif',
          subjectType: REPORT_LEAD,
          subjectCountry: actor.country,
          fields: ['full_name', 'given_name', 'family_name'],
          details: { received: persons.length, new: ids.length },
        });
        return { received: persons.length, imported: ids.length, leadIds: ids };
      });
    },

    /** Leads imported for the actor's country, newest first. */
    async leads(actor: Actor, page: { limit: number; offset: number }) {
      const access = accessibleWhere(actor.ability, 'read', REPORT_LEAD, { country: 'country' });
      return db.transaction(async (t) => {
        const result = await listLeads(t, access, page);
        await recordAudit(t, actor, {
          action: 'list',
          subjectType: REPORT_LEAD,
          fields: ['fullName', 'record'],
          details: { count: result.items.length },
        });
        return { ...result, ...page };
      });
    },

    /** Everything held about a report, for the family (right of access). */
    async exportData(actor: Actor, id: string, page: PageRequest = { limit: 500, offset: 0 }) {
      return db.transaction(async (t) => {
        const r = await ctx.load(t, actor, 'exportData', id);
        const events = await listStatusEvents(t, r.id);
        // Every processing of the report, including the lists and searches that showed it; paged,
        // since it grows with every read of the report.
        const accesses = await t.query<{
          at: Date;
          action: string;
          actorRole: string | null;
          purpose: string | null;
          total: number;
        }>(
          `SELECT at, action, actor_role AS "actorRole", purpose, count(*) OVER ()::int AS total
           FROM audit_events
           WHERE (subject_type = $1 AND subject_id = $2)
              OR (subject_type = $1 AND (details->'ids') @> to_jsonb(ARRAY[$2::text]))
              OR (details->>'ownerType' = 'report' AND details->>'ownerId' = $2)
           ORDER BY seq LIMIT $3 OFFSET $4`,
          [REPORT, r.id, page.limit, page.offset],
        );
        const processingTotal =
          accesses[0]?.total ??
          (
            await t.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM audit_events
               WHERE (subject_type = $1 AND subject_id = $2)
                  OR (subject_type = $1 AND (details->'ids') @> to_jsonb(ARRAY[$2::text]))
                  OR (details->>'ownerType' = 'report' AND details->>'ownerId' = $2)`,
              [REPORT, r.id],
            )
          )[0]?.n ??
          0;
        const extras = (await ctx.hooks.exported?.(t, actor, r.id)) ?? {};
        await audit(t, actor, r, 'exportData', Object.keys(presentReport(actor, r)));
        return {
          exportedAt: new Date().toISOString(),
          report: presentReport(actor, r),
          timeline: events.map((e) => presentStatusEvent(e, actor.role === 'family')),
          ...extras,
          processing: accesses.map((a) => ({
            at: new Date(a.at).toISOString(),
            action: a.action,
            byRole: a.actorRole,
            ...(a.purpose ? { purpose: a.purpose } : {}),
          })),
          processingPage: { total: processingTotal, ...page },
        };
      });
    },

    /** Erases a relative's contact details and stops contact (the relative's own request). */
    async withdrawContact(actor: Actor, id: string, relativeId: string) {
      return db.transaction(async (t) => {
        const r = await ctx.load(t, actor, 'withdrawContact', id, true);
        const rel = r.relatives.find((x) => x.id === relativeId);
        if (!rel) {
          throw notFound('Relative');
        }
        const relatives = r.relatives.map((x) =>
          x.id === relativeId
            ? { ...x, contact: {}, mayContact: false, contactWithdrawnAt: new Date().toISOString() }
            : x,
        );
        await updateReportData(t, r.id, { ...r, relatives });
        await audit(t, actor, r, 'withdrawContact', ['relatives.contact', 'relatives.mayContact'], {
          relativeId,
        });
        return { relativeId, contact: {}, mayContact: false };
      });
    },

    /** Purges reports closed longer ago than the configured retention period (a system job). */
    async applyRetention(now = new Date()) {
      const before = new Date(now);
      before.setUTCFullYear(before.getUTCFullYear() - config.node.retention.closedReportsYears);
      const afterCommit: (() => Promise<void>)[] = [];
      const result = await db.transaction(async (t) => {
        const purged = await purgeClosedBefore(t, before);
        for (const p of purged) {
          const cleanup = await ctx.hooks.purged?.(t, p.id);
          if (cleanup) {
            afterCommit.push(cleanup);
          }
          await audit(t, null, p, 'purge', [], {
            caseNumber: p.caseNumber,
            retentionYears: config.node.retention.closedReportsYears,
          });
        }
        return { purged: purged.length, closedBefore: before.toISOString() };
      });
      // Stored bytes go once their records are gone for good.
      for (const cleanup of afterCommit) {
        await cleanup();
      }
      return result;
    },
  };
}
