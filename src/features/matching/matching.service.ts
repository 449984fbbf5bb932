// The matching service: candidate lists, one candidate, on-demand search, laboratory results
// and exclusion overrides (each rescoring its pair in the same transaction). The review
// workflow lives in matching.review.ts; the background worker in matching.worker.ts.
import type { Database, Queryable } from '../../platform/db/index.js';
import { authorizeType, type Actor } from '../../platform/authz/index.js';
import type { Page } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import { findRemainsMany } from '../remains/index.js';
import { findReports } from '../reports/index.js';
import { loadCandidate, loadPair, loadRemains, loadReport } from './matching.access.js';
import {
  evidenceOfReports,
  insertLabResult,
  upsertOverride,
} from './matching.evidence.repository.js';
import { sameCaseCandidatesOfPairs } from './matching.links.js';
import { enqueueJob, jobCounts, type JobSubject } from './matching.jobs.repository.js';
import { MATCH_CANDIDATE } from './matching.policy.js';
import { presentCandidate } from './matching.presenter.js';
import { findPair, listCandidates, type CandidateRow } from './matching.repository.js';
import { createReview, type ReviewDeps } from './matching.review.js';
import { createRunner, type ForeignProfiles } from './matching.runner.js';
import type {
  LabResultInput,
  ListCandidatesQuery,
  OverrideInput,
  SearchInput,
} from './matching.schemas.js';
import { createMatchWorker, type WorkerOptions } from './matching.worker.js';

/** What the matching service needs. */
export interface MatchingDeps extends Omit<ReviewDeps, 'db' | 'present'> {
  db: Database;
  /** Listing threshold in log10 LR (default +2). */
  threshold?: number;
  /** Profiles received from other jurisdictions, matched too (the federation feature). */
  crossBorder?: ForeignProfiles;
  worker?: Partial<WorkerOptions>;
}

/** Presented candidate. */
export type CandidateView = ReturnType<typeof presentCandidate>;

/** Matching reports against remains: candidates, evidence, search, review and the worker. */
export function createMatchingService(deps: MatchingDeps) {
  const { db } = deps;
  const runner = createRunner(deps.threshold, deps.crossBorder);
  const worker = createMatchWorker(db, runner, deps.worker);

  /** Presents candidates with their related records and evidence (one side fixed). */
  // The page's reports, remains, evidence and same-case candidates as sets (a fixed number of
  // statements whatever the page size), then each candidate presented from them.
  async function present(t: Queryable, actor: Actor, rows: CandidateRow[], offset = 0) {
    const reportIds = [...new Set(rows.map((r) => r.reportId))];
    const reports = new Map((await findReports(t, reportIds)).map((r) => [r.id, r]));
    const remains = await findRemainsMany(t, [...new Set(rows.map((r) => r.remainsId))]);
    const evidence = await evidenceOfReports(t, reportIds);
    const sameCase = await sameCaseCandidatesOfPairs(t, rows);
    return rows.map((row, i) =>
      presentCandidate(actor, row, {
        rank: offset + i + 1,
        report: reports.get(row.reportId),
        remains: remains.get(row.remainsId),
        labs: evidence.labs.filter((l) => l.amId === row.reportId && l.pmId === row.remainsId),
        overrides: evidence.overrides.filter(
          (o) => o.reportId === row.reportId && o.remainsId === row.remainsId,
        ),
        sameCase: sameCase.get(`${row.reportId}:${row.remainsId}`) ?? [],
      }),
    );
  }

  const review = createReview({ ...deps, db, present: (t, a, row) => present(t, a, [row]) });

  async function list(
    t: Queryable,
    actor: Actor,
    side: 'report' | 'remains',
    subject: { id: string; country: string },
    query: ListCandidatesQuery,
  ): Promise<Page<CandidateView>> {
    const { rows, total } = await listCandidates(t, side, subject.id, {
      includeExcluded: query.includeExcluded === 'true',
      limit: query.limit,
      offset: query.offset,
    });
    const items = await present(t, actor, rows, query.offset);
    await recordAudit(t, actor, {
      action: 'list',
      subjectType: MATCH_CANDIDATE,
      subjectId: subject.id,
      subjectCountry: subject.country,
      fields: Object.keys(items[0] ?? {}),
      purpose: 'identification',
      details: { side, ids: rows.map((r) => r.id) },
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** Evidence changed: rescore the pair, audit, and present it (same transaction). */
  async function rescore(
    t: Queryable,
    actor: Actor,
    pair: Awaited<ReturnType<typeof loadPair>>,
    audit: { action: string; fields: string[]; details: Record<string, unknown> },
  ) {
    const score = await runner.rescorePair(t, pair.report, pair.remains);
    const row = (await findPair(t, pair.report.id, pair.remains.id))!;
    await recordAudit(t, actor, {
      ...audit,
      subjectType: MATCH_CANDIDATE,
      subjectId: row.id,
      subjectCountry: row.country,
      purpose: 'identification',
      details: { ...audit.details, score: score.score, excluded: score.excluded },
    });
    return (await present(t, actor, [row]))[0]!;
  }

  return {
    ...review,
    worker,
    threshold: runner.threshold,

    /** Queues a match job in the caller's transaction (reports and remains hooks). */
    async enqueue(t: Queryable, type: JobSubject, id: string): Promise<void> {
      await enqueueJob(t, type, id);
    },

    /** Job counts by status. */
    async jobs(): Promise<Record<string, number>> {
      return jobCounts(db);
    },

    /** Ranked candidates of a report (audited). */
    async listForReport(actor: Actor, reportId: string, query: ListCandidatesQuery) {
      return db.transaction(async (t) => {
        const report = await loadReport(t, actor, 'read', reportId);
        return list(t, actor, 'report', report, query);
      });
    },

    /** Ranked candidates of remains (audited). */
    async listForRemains(actor: Actor, remainsId: string, query: ListCandidatesQuery) {
      return db.transaction(async (t) => {
        const remains = await loadRemains(t, actor, 'read', remainsId);
        return list(t, actor, 'remains', remains, query);
      });
    },

    /** One candidate with its explanation and evidence (audited). */
    async get(actor: Actor, id: string): Promise<CandidateView> {
      return db.transaction(async (t) => {
        const row = await loadCandidate(t, actor, 'read', id);
        const [view] = await present(t, actor, [row]);
        await recordAudit(t, actor, {
          action: 'read',
          subjectType: MATCH_CANDIDATE,
          subjectId: row.id,
          subjectCountry: row.country,
          fields: Object.keys(view!),
          purpose: 'identification',
        });
        return view!;
      });
    },

    /** Matches one report or remains now and returns its ranked candidates (forensic users). */
    async search(actor: Actor, input: SearchInput) {
      authorizeType(actor, 'search', MATCH_CANDIDATE, { country: actor.country });
      return db.transaction(async (t) => {
        const side = input.reportId ? 'report' : 'remains';
        const subject = input.reportId
          ? await loadReport(t, actor, 'search', input.reportId)
          : await loadRemains(t, actor, 'search', input.remainsId!);
        const result =
          side === 'report'
            ? await runner.matchReport(t, subject.id)
            : await runner.matchRemains(t, subject.id);
        await recordAudit(t, actor, {
          action: 'match',
          subjectType: side === 'report' ? 'Report' : 'Remains',
          subjectId: subject.id,
          subjectCountry: subject.country,
          fields: ['matchCandidates'],
          purpose: 'identification',
          details: { stored: result.stored.length, pruned: result.pruned },
        });
        return list(t, actor, side, subject, { includeExcluded: 'false', limit: 50, offset: 0 });
      });
    },

    /** Records a laboratory or expert result; it enters the pair's score at once. */
    async recordLabResult(actor: Actor, input: LabResultInput) {
      return db.transaction(async (t) => {
        const pair = await loadPair(t, actor, 'recordLab', input.reportId, input.remainsId);
        const id = await insertLabResult(t, input, actor.id);
        return rescore(t, actor, pair, {
          action: 'recordLabResult',
          fields: ['labResults'],
          details: { labResult: id, kind: input.kind },
        });
      });
    },

    /** Overrides one hard exclusion of a pair, with a reason; the pair is rescored at once. */
    async overrideExclusion(actor: Actor, input: OverrideInput) {
      return db.transaction(async (t) => {
        const pair = await loadPair(t, actor, 'override', input.reportId, input.remainsId);
        await upsertOverride(t, input, actor.id);
        return rescore(t, actor, pair, {
          action: 'overrideExclusion',
          fields: ['exclusions'],
          details: { rule: input.rule },
        });
      });
    },
  };
}

/** The matching service. */
export type MatchingService = ReturnType<typeof createMatchingService>;
