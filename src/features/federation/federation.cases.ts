// Case notices across borders (ADR 0083). A caseworker routes a report to a contact point of
// the jurisdiction where the family lives (the person went missing off Italy, the family is in
// Tunisia). The notice, encrypted to the recipient node, carries the minimum that contact point
// needs to reach the family: case number, the missing person's names, when and where they were
// last seen, the relatives who may be contacted and their language. Every status change of the
// report then flows to the same contact point, so the family follows the search in one timeline.
// The notice itself is in federation.cases.notice.ts, the receiving side in federation.cases.receive.ts.
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../platform/db/index.js';
import { authorize, authorizeType, type Actor } from '../../platform/authz/index.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { assertConsent, type Report } from '../reports/index.js';
import type { Channel } from './federation.channel.js';
import {
  COLUMNS,
  findNotice,
  noticeOf,
  noticeSubject,
  noticeTimeline,
  presentNotice,
  type NoticeRow,
} from './federation.cases.notice.js';
import { createCaseReceiver } from './federation.cases.receive.js';
import { CASE_NOTICE } from './federation.policy.js';
import { peerForJurisdiction } from './federation.repository.js';
import type { RouteCaseInput } from './federation.schemas.js';

/** Loads a report as the actor may reach it (the reports service's rules). */
export type ReportLoader = (
  actor: Actor,
  action: string,
  id: string,
  tx?: Queryable,
) => Promise<Report>;

/** The case-notice flows of a node. */
export function createCaseNotices(db: Database, channel: Channel, loadReport: () => ReportLoader) {
  const auditActor = (actor: Actor) => ({
    id: actor.id,
    role: actor.role,
    country: actor.country,
    requestId: actor.requestId,
  });
  const { receiveStatus } = createCaseReceiver(channel);

  return {
    /** Receives a case.status about a routed case (the service routes case.status). */
    receiveStatus,

    /** A report's status changed: every jurisdiction it was routed to hears of it. */
    async statusChanged(
      tx: Queryable,
      reportId: string,
      status: string,
      message: string | null,
    ): Promise<number> {
      const rows = await tx.query<NoticeRow>(
        `SELECT ${COLUMNS} FROM federation_case_notices
         WHERE report_id = $1 AND direction = 'outgoing' AND withdrawn_at IS NULL`,
        [reportId],
      );
      for (const n of rows) {
        await tx.query(`UPDATE federation_case_notices SET status = $2 WHERE id = $1`, [
          n.id,
          status,
        ]);
        await channel.send(tx, {
          kind: 'case.status',
          from: n.jurisdiction,
          to: n.foreignJurisdiction,
          subjectKey: `case:${n.noticeId}`,
          body: {
            notice: n.noticeId,
            status,
            changedAt: new Date().toISOString(),
            message,
          },
        });
      }
      return rows.length;
    },

    /** Routes a report to a contact point of another jurisdiction (caseworkers). */
    async route(actor: Actor, input: RouteCaseInput) {
      return db.transaction(async (tx) => {
        const report = await loadReport()(actor, 'read', input.reportId, tx);
        authorize(actor, 'create', CASE_NOTICE, { country: report.country, role: 'caseworker' });
        if (input.jurisdiction === report.country) {
          throw validationFailed([
            { field: 'body.jurisdiction', message: 'is the report’s own jurisdiction' },
          ]);
        }
        if (!(await channel.allows(tx, 'case.notice', report.country, input.jurisdiction))) {
          throw new AppError(
            'FORBIDDEN',
            `No agreement lets case notices flow from ${report.country} to ${input.jurisdiction}`,
          );
        }
        // The family consented to their case crossing borders.
        assertConsent(report, 'crossBorderMatching');
        const existing = await findNotice(
          tx,
          `report_id = $1 AND foreign_jurisdiction = $2 AND direction = 'outgoing'`,
          [report.id, input.jurisdiction],
        );
        if (existing) {
          throw new AppError('CONFLICT', `This report is already routed to ${input.jurisdiction}`);
        }
        const noticeId = randomUUID();
        const peer = await peerForJurisdiction(tx, input.jurisdiction);
        const rows = await tx.query<{ id: string }>(
          `INSERT INTO federation_case_notices (notice_id, direction, jurisdiction, foreign_node,
             foreign_jurisdiction, report_id, case_number, reason, status, created_by)
           VALUES ($1, 'outgoing', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [
            noticeId,
            report.country,
            peer?.nodeId ?? channel.nodeId,
            input.jurisdiction,
            report.id,
            report.caseNumber,
            input.reason,
            report.status,
            actor.id,
          ],
        );
        await channel.send(tx, {
          kind: 'case.notice',
          from: report.country,
          to: input.jurisdiction,
          subjectKey: `case:${noticeId}`,
          body: { noticeId, reason: input.reason, notice: noticeOf(report) },
        });
        await recordAudit(tx, auditActor(actor), {
          action: 'route_abroad',
          subjectType: CASE_NOTICE,
          subjectId: rows[0]!.id,
          subjectCountry: report.country,
          purpose: 'family_information',
          details: { report: report.id, to: input.jurisdiction },
        });
        return presentNotice((await findNotice(tx, 'id = $1', [rows[0]!.id]))!, false);
      });
    },

    /** Case notices the actor's role handles in its jurisdiction (sent or received). */
    async list(actor: Actor) {
      const direction = actor.role === 'contact_point' ? 'incoming' : 'outgoing';
      authorizeType(actor, 'read', CASE_NOTICE);
      // A contact point sees the notices routed to it, and those routed to none (none designated).
      const mine =
        direction === 'incoming'
          ? ` AND (contact_point_organisation_id IS NULL OR contact_point_organisation_id = $3)`
          : '';
      const rows = await db.query<NoticeRow>(
        `SELECT ${COLUMNS} FROM federation_case_notices WHERE jurisdiction = $1 AND direction = $2
         ${mine} ORDER BY created_at DESC LIMIT 200`,
        direction === 'incoming'
          ? [actor.country, direction, actor.organisationId ?? null]
          : [actor.country, direction],
      );
      return { items: rows.map((n) => presentNotice(n, false)) };
    },

    /** One case notice with its timeline (the family's contacts for the receiving contact point). */
    async get(actor: Actor, id: string) {
      const n = await findNotice(db, 'id = $1', [id]);
      authorize(actor, 'read', CASE_NOTICE, noticeSubject(n));
      await db.transaction((tx) =>
        recordAudit(tx, auditActor(actor), {
          action: 'read',
          subjectType: CASE_NOTICE,
          subjectId: id,
          subjectCountry: n!.jurisdiction,
          purpose: 'family_information',
        }),
      );
      return {
        ...presentNotice(n!, n!.direction === 'incoming'),
        timeline: await noticeTimeline(db, id),
      };
    },
  };
}

/** The case-notice flows. */
export type CaseNotices = ReturnType<typeof createCaseNotices>;
