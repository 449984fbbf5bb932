// The review workflow of a candidate pair: candidate → under review → excluded (with a reason)
// or confirmed. Confirming needs two different forensic practitioners (one proposes with the
// basis, a second confirms) and updates both records' status, notifies the report's contact
// point and audits, all in one transaction.
import { transactionWithRetry, type Database, type Queryable } from '../../platform/db/index.js';
import type { Actor } from '../../platform/authz/index.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { findRemains, setRemainsStatus, type Remains } from '../remains/index.js';
import {
  assertConsent,
  findReport,
  REPORT,
  type Report,
  type ReportStatus,
} from '../reports/index.js';
import { loadCandidate } from './matching.access.js';
import { labResultsOf } from './matching.evidence.repository.js';
import { linkedReportIds } from './matching.links.js';
import { MATCH_CANDIDATE } from './matching.policy.js';
import {
  findCandidate,
  setReview,
  type CandidateRow,
  type ReviewChange,
} from './matching.repository.js';
import { PRIMARY_BASIS, type ProposeInput } from './matching.schemas.js';

/** What the contact point of a report is told when an identification is confirmed. */
export interface IdentificationNotice {
  reportId: string;
  caseNumber: string;
  remainsCode: string;
  identification: 'identified' | 'provisional';
}

/** Notifies the report's contact point inside the confirmation's transaction (count written). */
export type ContactPointNotifier = (tx: Queryable, notice: IdentificationNotice) => Promise<number>;

/** Steps of a confirmation a probe can observe (tests force a failure there). */
export type ConfirmStage = 'report_status' | 'remains_status';

/** Moves a report through the reports service (its rules and hooks), inside the caller's transaction. */
export type ReportMover = (
  tx: Queryable,
  actor: Actor,
  reportId: string,
  to: ReportStatus,
  reason: string,
) => Promise<void>;

/** True when the report's rules allow a domestic search (consent or another legal basis). */
function searchAllowed(r: Report): boolean {
  try {
    assertConsent(r, 'domesticSearch');
    return true;
  } catch {
    return false;
  }
}

/** What the review workflow needs. */
export interface ReviewDeps {
  db: Database;
  /** The reports service's status change for identifications (wired in the container). */
  moveReport: ReportMover;
  notifyContactPoint?: ContactPointNotifier;
  present(t: Queryable, actor: Actor, row: CandidateRow): Promise<Record<string, unknown>[]>;
}

const conflict = (from: string, to: string) =>
  new AppError('INVALID_TRANSITION', `A candidate that is ${from} cannot become ${to}`, {
    from,
    to,
  });

/**
 * Report steps to an identification (a received report is first opened for search). Even a
 * confirmed identification stops at "possible match under review": the family must hear of a
 * death from their contact point in person or by phone first (a death notice is opened), and
 * only then is the report set to "identified deceased" through the reports feature.
 */
function reportSteps(from: ReportStatus): ReportStatus[] {
  const target: ReportStatus = 'possible_match';
  const open = from === 'received' ? (['under_search'] as ReportStatus[]) : [];
  if (from === target) {
    return [];
  }
  if (!['received', 'under_search', 'possible_match'].includes(from)) {
    throw new AppError('INVALID_TRANSITION', `The report is ${from}; it cannot become ${target}`, {
      from,
      to: target,
    });
  }
  return [...open, target];
}

/** Statuses of a linked report that an identification moves (others are left as they are). */
const OPEN: ReportStatus[] = ['received', 'under_search', 'possible_match'];

/** Remains status after an identification (a provisional one never downgrades). */
function remainsTarget(r: Remains, identified: boolean): Remains['status'] | undefined {
  if (!['unidentified', 'provisionally_identified'].includes(r.status)) {
    throw new AppError('INVALID_TRANSITION', `The remains are ${r.status} already`, {
      from: r.status,
    });
  }
  const target = identified ? 'identified' : 'provisionally_identified';
  return r.status === target ? undefined : target;
}

/** Creates the review workflow. */
export function createReview(deps: ReviewDeps) {
  const { db } = deps;
  let probe: ((stage: ConfirmStage, tx: Queryable) => Promise<void>) | undefined;

  async function step(
    actor: Actor,
    id: string,
    from: CandidateRow['status'][],
    change: Omit<ReviewChange, 'by'>,
    check?: (t: Queryable, row: CandidateRow) => Promise<void>,
  ) {
    return db.transaction(async (t) => {
      const row = await loadCandidate(t, actor, 'review', id, true);
      if (!from.includes(row.status)) {
        throw conflict(row.status, change.status);
      }
      await check?.(t, row);
      await setReview(t, row.id, { ...change, by: actor.id });
      await recordAudit(t, actor, {
        action: 'review',
        subjectType: MATCH_CANDIDATE,
        subjectId: row.id,
        subjectCountry: row.country,
        fields: ['status'],
        purpose: 'identification',
        details: { from: row.status, to: change.status, basis: change.basis },
      });
      return (await deps.present(t, actor, (await findCandidate(t, row.id))!))[0]!;
    });
  }

  /** Steps a report to "possible match", one status event per step; returns the status reached. */
  async function moveReport(
    t: Queryable,
    actor: Actor,
    report: Report,
    steps: ReportStatus[],
    basisText: string,
  ): Promise<ReportStatus> {
    let from = report.status;
    for (const to of steps) {
      const reason = to === 'under_search' ? 'Opened for search by an identification' : basisText;
      await deps.moveReport(t, actor, report.id, to, reason);
      from = to;
    }
    return from;
  }

  /** A primary basis must be backed by a recorded laboratory or expert result for the pair. */
  async function checkBasis(t: Queryable, row: CandidateRow, basis: string[]) {
    if (row.excluded) {
      throw new AppError('CONFLICT', 'A hard exclusion applies: override it with a reason first');
    }
    const labs = (await labResultsOf(t, 'report', row.reportId)).filter(
      (l) => l.pmId === row.remainsId,
    );
    const backed = {
      dna: labs.some((l) => l.kind === 'dna' && l.likelihoodRatio > 1),
      dental: labs.some((l) => l.kind === 'dental' && l.outcome === 'match'),
      fingerprints: labs.some((l) => l.kind === 'fingerprint' && l.outcome === 'match'),
    };
    const missing = PRIMARY_BASIS.filter((b) => basis.includes(b) && !backed[b]);
    if (missing.length > 0) {
      throw validationFailed([
        {
          field: 'body.basis',
          message: `no supporting laboratory result recorded for: ${missing.join(', ')}`,
        },
      ]);
    }
  }

  return {
    /** Test seam: runs after each status update inside a confirmation (undefined removes it). */
    onConfirmStage(fn: ((stage: ConfirmStage, tx: Queryable) => Promise<void>) | undefined) {
      probe = fn;
    },

    /** Takes a candidate under review. */
    async startReview(actor: Actor, id: string) {
      return step(actor, id, ['candidate'], { status: 'under_review' });
    },

    /** Excludes a pair, with the reason. */
    async exclude(actor: Actor, id: string, reason: string) {
      return step(actor, id, ['candidate', 'under_review'], { status: 'excluded', reason });
    },

    /** Proposes an identification with its basis; a second practitioner must confirm it. */
    async propose(actor: Actor, id: string, input: ProposeInput) {
      return step(
        actor,
        id,
        ['candidate', 'under_review'],
        { status: 'under_review', basis: input.basis, note: input.note ?? null },
        (t, row) => checkBasis(t, row, input.basis),
      );
    },

    /**
     * Confirms a proposed identification (a second, different forensic practitioner). Every report
     * of the case is locked in one order (by id) before the remains, so two confirmations on
     * linked reports cannot deadlock each other; a deadlock or serialisation failure from
     * elsewhere runs the whole confirmation again.
     */
    async confirm(actor: Actor, id: string) {
      return transactionWithRetry(db, async (t) => {
        const row = await loadCandidate(t, actor, 'review', id, true);
        if (row.status !== 'under_review' || !row.proposedBy || !row.basis) {
          throw conflict(row.status, 'confirmed');
        }
        if (row.proposedBy === actor.id) {
          throw new AppError(
            'SECOND_REVIEWER_REQUIRED',
            'An identification is confirmed by a second forensic practitioner, not by the one who proposed it',
            { proposedBy: row.proposedBy },
          );
        }
        await checkBasis(t, row, row.basis);
        const identified = row.basis.some((b) => (PRIMARY_BASIS as readonly string[]).includes(b));
        const linkedIds = await linkedReportIds(t, row.reportId);
        const locked = new Map<string, Report>();
        for (const reportId of [row.reportId, ...linkedIds].sort()) {
          locked.set(reportId, (await findReport(t, reportId, true)) as Report);
        }
        const report = locked.get(row.reportId)!;
        const remains = (await findRemains(t, row.remainsId, true)) as Remains;
        const steps = reportSteps(report.status);
        const remainsStatus = remainsTarget(remains, identified);
        const basisText = `${identified ? 'Identification' : 'Provisional identification'} confirmed by two forensic practitioners; basis: ${row.basis.join(', ')}`;
        // Linked reports of the same person get the same identification (same transaction), when
        // still open and searchable under their own consent; the others are left as they are.
        const others = linkedIds.flatMap((l) => locked.get(l) ?? []);
        const moving = others.filter((o) => OPEN.includes(o.status) && searchAllowed(o));
        const identification = identified ? 'identified' : 'provisional';
        // The contact points are told (and a death notice opened) before any status moves, so
        // the family's status notifications are held until they have been told in person.
        let notified = 0;
        for (const r of [report, ...moving]) {
          notified +=
            (await deps.notifyContactPoint?.(t, {
              reportId: r.id,
              caseNumber: r.caseNumber,
              remainsCode: remains.code,
              identification,
            })) ?? 0;
        }
        const from = await moveReport(t, actor, report, steps, basisText);
        const linked: { report: Report; to: ReportStatus }[] = [];
        for (const other of moving) {
          const text = `${basisText} (linked report ${report.caseNumber} of the same person)`;
          const to = await moveReport(t, actor, other, reportSteps(other.status), text);
          linked.push({ report: other, to });
        }
        await probe?.('report_status', t);
        if (remainsStatus) {
          await setRemainsStatus(t, remains.id, remainsStatus, basisText);
        }
        await probe?.('remains_status', t);
        await setReview(t, row.id, {
          status: 'confirmed',
          by: actor.id,
          identification: identified ? 'identified' : 'provisional',
        });
        const audit = (subjectType: string, subjectId: string, fields: string[], details = {}) =>
          recordAudit(t, actor, {
            action: 'confirmIdentification',
            subjectType,
            subjectId,
            subjectCountry: row.country,
            fields,
            purpose: 'identification',
            details: { candidate: row.id, basis: row.basis, ...details },
          });
        await audit(MATCH_CANDIDATE, row.id, ['status'], {
          proposedBy: row.proposedBy,
          notified,
          linkedReports: linked.map((l) => l.report.id),
          linkedNotMoved: others.filter((o) => !moving.includes(o)).map((o) => o.id),
        });
        await audit(REPORT, report.id, ['status'], { from: report.status, to: from });
        for (const l of linked) {
          await audit(REPORT, l.report.id, ['status'], {
            from: l.report.status,
            to: l.to,
            linkedTo: report.id,
          });
        }
        await audit('Remains', remains.id, ['status', 'statusBasis'], {
          from: remains.status,
          to: remainsStatus ?? remains.status,
        });
        return (await deps.present(t, actor, (await findCandidate(t, row.id))!))[0]!;
      });
    },
  };
}
