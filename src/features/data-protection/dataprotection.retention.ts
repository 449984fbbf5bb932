// Retention per category (ADR 0142): each category of personal data has a period in
// config/node.json; past it, records are deleted, reduced to the legal minimum or erased, unless
// a legal hold keeps them. The same plan serves the dry run (what would go) and the run. What the
// law requires to keep — the custody and burial chain of remains, the burial register — is kept.
import type { Database, Queryable } from '../../platform/db/index.js';
import type { AppConfig } from '../../config/index.js';
import { pruneAuditBefore, recordAudit, verifyChain } from '../audit/index.js';
import * as repo from './dataprotection.retention.repository.js';
import type { Due } from './dataprotection.retention.repository.js';

/** The categories of retention, in the order the job applies them. */
export const RETENTION_CATEGORIES = [
  'reports',
  'remains',
  'custodyEvents',
  'files',
  'sessions',
  'notifications',
  'outbox',
  'disclosuresReceived',
  'auditEvents',
] as const;
/** One category of retention. */
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

/** What happens to a category's records past their period. */
export type RetentionAction = 'delete' | 'reduce' | 'erase' | 'keep' | 'prune';

/** One category in a plan or a run. */
export interface CategoryResult {
  category: RetentionCategory;
  action: RetentionAction;
  /** The period in words, e.g. "10 years after closing (by outcome)". */
  period: string;
  /** Records past their period (without those on hold). */
  due: number;
  /** Records past their period kept by a legal hold. */
  held: number;
  /** References of the records due (case numbers, codes, row ids; never names). */
  refs: string[];
}

/** A retention plan or run. */
export interface RetentionResult {
  at: string;
  dryRun: boolean;
  categories: CategoryResult[];
}

/** What the retention job needs from other features. */
export interface RetentionDeps {
  db: Database;
  config: AppConfig;
  /** Deletes the file records of an owner; returns work that removes the bytes after commit. */
  removeOwnerFiles(
    t: Queryable,
    ownerType: 'report' | 'remains',
    ownerId: string,
  ): Promise<() => Promise<void>>;
  /** Erases records other states disclosed to this node (the federation feature's own rule). */
  eraseReceivedDisclosures(t: Queryable, ids: string[], now: Date): Promise<number>;
}

const DAY = 86_400_000;
const yearsBefore = (now: Date, years: number) => {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
};
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/** The retention periods of the node, read from config (with defaults per outcome and status). */
export function retentionPeriods(config: AppConfig) {
  const r = config.node.retention;
  return {
    reportYears: {
      located_alive: r.reportsByOutcomeYears.located_alive ?? r.closedReportsYears,
      identified_deceased: r.reportsByOutcomeYears.identified_deceased ?? r.closedReportsYears,
      none: r.reportsByOutcomeYears.none ?? r.closedReportsYears,
    } as Record<string, number>,
    remainsYears: {
      identified: r.remainsByStatusYears.identified ?? r.identifiedRemainsYears,
      handed_over: r.remainsByStatusYears.handed_over ?? r.identifiedRemainsYears,
      repatriated: r.remainsByStatusYears.repatriated ?? r.identifiedRemainsYears,
    } as Record<string, number>,
    auditEventsYears: r.auditEventsYears,
    sessionsDays: r.sessionsDays,
    notificationsDays: r.notificationsDays,
    outboxDays: r.outboxDays,
    disclosuresReceivedDays: r.disclosuresReceivedDays,
  };
}

/** The retention job: a dry run lists, a run applies, both from one plan. */
export function createRetention(deps: RetentionDeps) {
  const { db, config } = deps;
  const periods = retentionPeriods(config);

  /** Records of a category due by a per-key period in years (outcome or status). */
  function dueByKey(rows: Due[], years: Record<string, number>, now: Date): Due[] {
    return rows.filter((r) => {
      const y = years[r.by ?? 'none'];
      return y !== undefined && new Date(r.since) < yearsBefore(now, y);
    });
  }

  async function collect(t: Queryable, now: Date) {
    const minYears = (o: Record<string, number>) => Math.min(...Object.values(o));
    const reports = dueByKey(
      await repo.closedReports(t, yearsBefore(now, minYears(periods.reportYears))),
      periods.reportYears,
      now,
    );
    const remains = dueByKey(
      await repo.identifiedRemains(t, yearsBefore(now, minYears(periods.remainsYears))),
      periods.remainsYears,
      now,
    );
    const owners = [
      ...reports.filter((r) => !r.held).map((r) => ({ type: 'report' as const, id: r.id })),
      ...remains.filter((r) => !r.held).map((r) => ({ type: 'remains' as const, id: r.id })),
    ];
    const files = await t.query<{ id: string }>(
      `SELECT id FROM media_files WHERE (owner_type, owner_id::text) IN
         (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [owners.map((o) => o.type), owners.map((o) => o.id)],
    );
    return {
      reports,
      remains,
      files: files.map((f) => f.id),
      sessions: await repo.endedSessions(t, daysBefore(now, periods.sessionsDays)),
      notifications: await repo.oldNotifications(t, daysBefore(now, periods.notificationsDays)),
      outbox: await repo.finishedOutbox(t, daysBefore(now, periods.outboxDays)),
      disclosures: await repo.receivedDisclosures(
        t,
        daysBefore(now, periods.disclosuresReceivedDays),
        now,
      ),
    };
  }

  const summary = (
    category: RetentionCategory,
    action: RetentionAction,
    period: string,
    rows: Due[],
  ): CategoryResult => ({
    category,
    action,
    period,
    due: rows.filter((r) => !r.held).length,
    held: rows.filter((r) => r.held).length,
    refs: rows.filter((r) => !r.held).map((r) => r.ref),
  });
  const live = (rows: Due[]) => rows.filter((r) => !r.held).map((r) => r.id);

  return {
    /** Applies retention at `now`; with dryRun only lists what would go (nothing changes). */
    async apply(now = new Date(), opts: { dryRun?: boolean } = {}): Promise<RetentionResult> {
      const dryRun = opts.dryRun ?? false;
      const afterCommit: (() => Promise<void>)[] = [];
      const categories = await db.transaction(async (t) => {
        const due = await collect(t, now);
        const out: CategoryResult[] = [
          summary(
            'reports',
            'delete',
            describe(periods.reportYears, 'years after closing, by outcome'),
            due.reports,
          ),
          summary(
            'remains',
            'reduce',
            describe(periods.remainsYears, 'years after the last status, by status'),
            due.remains,
          ),
          {
            category: 'custodyEvents',
            action: 'keep',
            period:
              'kept: the custody and burial chain and the burial register are required by law',
            due: 0,
            held: 0,
            refs: [],
          },
          {
            category: 'files',
            action: 'delete',
            period: 'with the report or remains record they belong to',
            due: due.files.length,
            held: 0,
            refs: due.files,
          },
          summary(
            'sessions',
            'delete',
            `${periods.sessionsDays} days after the session ended`,
            due.sessions,
          ),
          summary(
            'notifications',
            'delete',
            `${periods.notificationsDays} days`,
            due.notifications,
          ),
          summary(
            'outbox',
            'delete',
            `${periods.outboxDays} days after delivery or failure`,
            due.outbox,
          ),
          summary(
            'disclosuresReceived',
            'erase',
            `${periods.disclosuresReceivedDays} days after receipt, or at the agreed expiry`,
            due.disclosures,
          ),
        ];
        if (dryRun) {
          return out;
        }
        for (const r of due.reports.filter((x) => !x.held)) {
          afterCommit.push(await deps.removeOwnerFiles(t, 'report', r.id));
        }
        for (const r of due.remains.filter((x) => !x.held)) {
          afterCommit.push(await deps.removeOwnerFiles(t, 'remains', r.id));
        }
        await repo.deleteReports(t, live(due.reports));
        await repo.reduceRemains(t, live(due.remains));
        await repo.deleteSessions(t, live(due.sessions));
        await repo.deleteNotifications(t, live(due.notifications));
        await repo.deleteOutbox(t, live(due.outbox));
        await deps.eraseReceivedDisclosures(t, live(due.disclosures), now);
        for (const r of due.reports.filter((x) => !x.held)) {
          await recordAudit(t, null, {
            action: 'purge',
            subjectType: 'Report',
            subjectId: r.id,
            details: {
              caseNumber: r.ref,
              outcome: r.by,
              retentionYears: periods.reportYears[r.by ?? 'none'],
            },
          });
        }
        for (const r of due.remains.filter((x) => !x.held)) {
          await recordAudit(t, null, {
            action: 'reduce',
            subjectType: 'Remains',
            subjectId: r.id,
            details: { code: r.ref, status: r.by },
          });
        }
        await recordAudit(t, null, {
          action: 'applyRetention',
          subjectType: 'Retention',
          details: Object.fromEntries(out.map((c) => [c.category, { due: c.due, held: c.held }])),
        });
        return out;
      });
      for (const cleanup of afterCommit) {
        await cleanup();
      }
      // The audit trail last, outside the work's transaction: it seals, verifies and anchors.
      // A service running as the role that owns no tables (ADR 0105) may not delete audit
      // events: the prune is then left to `retention:apply` run as the tables' owner.
      const audit = await pruneAuditBefore(
        db,
        yearsBefore(now, periods.auditEventsYears),
        verifyChain,
        dryRun,
      ).catch((err: unknown) => {
        if ((err as { code?: string }).code === '42501') {
          return undefined;
        }
        throw err;
      });
      categories.push({
        category: 'auditEvents',
        action: 'prune',
        period: `${periods.auditEventsYears} years; the chain verifies from a signed anchor`,
        due: audit?.events ?? 0,
        held: 0,
        refs: !audit
          ? ['skipped: this database role may not delete audit events (run as the tables’ owner)']
          : audit.anchor
            ? [`through position ${audit.anchor.position}`]
            : [],
      });
      return { at: now.toISOString(), dryRun, categories };
    },
  };
}

function describe(years: Record<string, number>, what: string): string {
  return `${Object.entries(years)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')} ${what}`;
}

/** The retention job's interface. */
export type Retention = ReturnType<typeof createRetention>;
