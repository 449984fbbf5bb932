// The family's right to erasure (ADR 0143): a family asks for its report to be erased; a
// caseworker of the report's country grants it (the report, its files, timeline, names,
// candidates and notifications are deleted, its profile withdrawn from every peer, or the peers
// the channel no longer reaches recorded as still to be told) or refuses it with a reason the
// family sees. The audit trail keeps only that it happened: the request id and the case number.
import type { Database, Queryable } from '../../platform/db/index.js';
import {
  accessibleWhere,
  authorize,
  authorizeType,
  type Actor,
} from '../../platform/authz/index.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import type { Report } from '../reports/index.js';
import { ERASURE_REQUEST } from './dataprotection.policy.js';

/** An erasure request as stored. */
export interface ErasureRequest {
  id: string;
  reportId: string;
  caseNumber: string;
  country: string;
  requestedBy: string;
  reason: string;
  status: 'pending' | 'granted' | 'refused';
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  peersWithdrawn: string[];
  peersToTell: string[];
  createdAt: Date;
}

/** What erasure needs from other features (wired in the container). */
export interface ErasureDeps {
  db: Database;
  /** Loads a report as the actor may reach it for `action` (404 when unreadable). */
  loadReport(actor: Actor, action: string, id: string, tx: Queryable): Promise<Report>;
  /** Deletes the report's file records; returns the removal of their bytes after commit. */
  removeFiles(t: Queryable, reportId: string): Promise<() => Promise<void>>;
  /** Withdraws the report's copies at peers (before it is deleted). */
  withdrawAtPeers(
    t: Queryable,
    reportId: string,
  ): Promise<{ withdrawn: string[]; notSent: string[] }>;
  /** After the report is deleted (e.g. record linkage withdraws its encodings). */
  erased?(t: Queryable, reportId: string): Promise<void>;
}

const COLUMNS = `id, report_id AS "reportId", case_number AS "caseNumber", trim(country) AS country,
  requested_by AS "requestedBy", reason, status, decided_by AS "decidedBy", decided_at AS "decidedAt",
  decision_reason AS "decisionReason", peers_withdrawn AS "peersWithdrawn",
  peers_to_tell AS "peersToTell", created_at AS "createdAt"`;

/** Erasure requests: ask, list, decide. */
export function createErasure(deps: ErasureDeps) {
  const { db } = deps;
  const find = async (q: Queryable, id: string, lock = false) =>
    (
      await q.query<ErasureRequest>(
        `SELECT ${COLUMNS} FROM erasure_requests WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
        [id],
      )
    )[0];

  return {
    /** The family asks for its report to be erased (one open request per report). */
    async request(actor: Actor, reportId: string, reason: string): Promise<ErasureRequest> {
      return db.transaction(async (t) => {
        const report = await deps.loadReport(actor, 'exportData', reportId, t);
        authorizeType(actor, 'create', ERASURE_REQUEST, { requestedBy: actor.id });
        const open = await t.query(
          `SELECT 1 FROM erasure_requests WHERE report_id = $1 AND status = 'pending'`,
          [report.id],
        );
        if (open.length > 0) {
          throw new AppError('CONFLICT', 'An erasure request for this report is already open');
        }
        const [row] = await t.query<{ id: string }>(
          `INSERT INTO erasure_requests (report_id, case_number, country, requested_by, reason)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [report.id, report.caseNumber, report.country, actor.id, reason],
        );
        await recordAudit(t, actor, {
          action: 'requestErasure',
          subjectType: 'Report',
          subjectId: report.id,
          subjectCountry: report.country,
          details: { requestId: row!.id },
        });
        return (await find(t, row!.id))!;
      });
    },

    /** Requests the actor may read: a family its own, caseworkers those of their country. */
    async list(
      actor: Actor,
      page: { limit: number; offset: number; status?: string },
      reportId?: string,
    ) {
      authorizeType(actor, 'read', ERASURE_REQUEST);
      const access = accessibleWhere(actor.ability, 'read', ERASURE_REQUEST, {
        country: 'country',
        requestedBy: 'requested_by',
      });
      const params: unknown[] = [...access.params];
      const where = [access.sql];
      if (page.status) {
        params.push(page.status);
        where.push(`status = $${params.length}`);
      }
      if (reportId) {
        params.push(reportId);
        where.push(`report_id = $${params.length}`);
      }
      params.push(page.limit, page.offset);
      const items = await db.query<ErasureRequest>(
        `SELECT ${COLUMNS} FROM erasure_requests WHERE ${where.join(' AND ')}
         ORDER BY created_at DESC, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      if (reportId && items.length === 0) {
        // Nothing asked yet: the report itself must be the actor's to ask about (else 404).
        await db.transaction((t) => deps.loadReport(actor, 'exportData', reportId, t));
      }
      return { items: items.map(presentErasure), limit: page.limit, offset: page.offset };
    },

    /** A caseworker grants (erases the report everywhere) or refuses (with a reason) a request. */
    async decide(
      actor: Actor,
      id: string,
      input: { decision: 'grant' | 'refuse'; reason: string },
    ): Promise<ErasureRequest> {
      if (input.decision === 'refuse' && input.reason.trim() === '') {
        throw validationFailed([
          { field: 'body.reason', message: 'a refusal needs a reason the family will read' },
        ]);
      }
      const afterCommit: (() => Promise<void>)[] = [];
      const result = await db.transaction(async (t) => {
        const req = authorize(actor, 'decide', ERASURE_REQUEST, await find(t, id, true));
        if (req.status !== 'pending') {
          throw new AppError('CONFLICT', `This request was already ${req.status}`);
        }
        let peers = { withdrawn: [] as string[], notSent: [] as string[] };
        if (input.decision === 'grant') {
          const locked = await t.query('SELECT 1 FROM reports WHERE id = $1 FOR UPDATE', [
            req.reportId,
          ]);
          if (locked.length > 0) {
            peers = await deps.withdrawAtPeers(t, req.reportId);
            afterCommit.push(await deps.removeFiles(t, req.reportId));
            await t.query('DELETE FROM reports WHERE id = $1', [req.reportId]);
            await deps.erased?.(t, req.reportId);
          }
        }
        await t.query(
          `UPDATE erasure_requests SET status = $2, decided_by = $3, decided_at = now(),
             decision_reason = $4, peers_withdrawn = $5, peers_to_tell = $6 WHERE id = $1`,
          [
            id,
            input.decision === 'grant' ? 'granted' : 'refused',
            actor.id,
            input.reason,
            peers.withdrawn,
            peers.notSent,
          ],
        );
        // Only that it happened: the request and the case number, no content of the report.
        await recordAudit(t, actor, {
          action: input.decision === 'grant' ? 'erase' : 'refuseErasure',
          subjectType: ERASURE_REQUEST,
          subjectId: id,
          subjectCountry: req.country,
          details: {
            caseNumber: req.caseNumber,
            peersWithdrawn: peers.withdrawn.length,
            peersToTell: peers.notSent.length,
          },
        });
        return (await find(t, id))!;
      });
      for (const cleanup of afterCommit) {
        await cleanup();
      }
      return result;
    },
  };
}

/** A request as the API shows it (the family sees the decision and its reason). */
export function presentErasure(r: ErasureRequest) {
  return {
    id: r.id,
    reportId: r.reportId,
    caseNumber: r.caseNumber,
    status: r.status,
    reason: r.reason,
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
    decisionReason: r.decisionReason,
    peersWithdrawn: r.peersWithdrawn,
    peersToTell: r.peersToTell,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/** The erasure service's interface. */
export type Erasure = ReturnType<typeof createErasure>;
