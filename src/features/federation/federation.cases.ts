// Case notices across borders (ADR 0083). A caseworker routes a report to a contact point of
// the jurisdiction where the family lives (the person went missing off Italy, the family is in
// Tunisia). The notice, encrypted to the recipient node, carries the minimum that contact point
// needs to reach the family: case number, the missing person's names, when and where they were
// last seen, the relatives who may be contacted and their language. Every status change of the
// report then flows to the same contact point, so the family follows the search in one timeline.
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../platform/db/index.js';
import { authorize, authorizeType, type Actor } from '../../platform/authz/index.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { routeReport, routingCandidates } from '../contact-points/index.js';
import { assertConsent, type Report } from '../reports/index.js';
import type { Channel, ReceivedMessage } from './federation.channel.js';
import { MessageRejected } from './federation.envelope.js';
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

interface NoticeRow {
  id: string;
  noticeId: string;
  direction: 'outgoing' | 'incoming';
  jurisdiction: string;
  foreignNode: string;
  foreignJurisdiction: string;
  reportId: string | null;
  caseNumber: string;
  reason: string;
  notice: Record<string, unknown> | null;
  status: string;
  /** Incoming: the contact point the notice was routed to (null: every one of the jurisdiction). */
  contactPointId: string | null;
  contactPointOrganisationId: string | null;
  routingReason: string | null;
  createdAt: Date;
}

const COLUMNS = `id, notice_id AS "noticeId", direction, trim(jurisdiction) AS jurisdiction,
  foreign_node AS "foreignNode", trim(foreign_jurisdiction) AS "foreignJurisdiction",
  report_id AS "reportId", case_number AS "caseNumber", reason, notice, status,
  contact_point_id AS "contactPointId",
  contact_point_organisation_id AS "contactPointOrganisationId",
  routing_reason AS "routingReason", created_at AS "createdAt"`;

/** The minimum a contact point abroad needs to reach the family (no medical or DNA data). */
function noticeOf(r: Report) {
  const d = r.disappearance as {
    lastSeenDate?: string;
    lastSeenPlace?: string;
    lastSeenCountry?: string;
  };
  return {
    caseNumber: r.caseNumber,
    status: r.status,
    person: {
      names: r.person.names.map((n) => ({ kind: n.kind, value: n.value, script: n.script })),
      sex: r.person.sex ?? null,
      // What the receiving side routes on: the nationality's designated contact point.
      nationalities: (r.person as { nationalities?: string[] }).nationalities ?? [],
    },
    lastSeen: {
      date: d.lastSeenDate ?? null,
      place: d.lastSeenPlace ?? null,
      country: d.lastSeenCountry ?? null,
    },
    relatives: r.relatives
      .filter((x) => x.mayContact && !x.contactWithdrawnAt)
      .map((x) => ({
        name: x.name,
        relationship: x.relationship,
        contact: x.contact,
        preferredLanguage: x.preferredLanguage,
      })),
  };
}

/** What the receiving side reads of a notice to route it. */
interface ReceivedNotice {
  person?: { nationalities?: unknown };
  relatives?: { preferredLanguage?: unknown }[];
}

/**
 * The contact point of `jurisdiction` designated for a received notice (contact-points routing:
 * the missing person's nationality first, the family living here, their language); undefined
 * when none is designated, and then every contact point of the jurisdiction sees the notice.
 */
async function routeNotice(q: Queryable, jurisdiction: string, n: ReceivedNotice) {
  const nationalities = Array.isArray(n.person?.nationalities)
    ? n.person.nationalities.filter((x): x is string => typeof x === 'string')
    : [];
  const language = n.relatives?.find((r) => typeof r.preferredLanguage === 'string')
    ?.preferredLanguage as string | undefined;
  return routeReport(await routingCandidates(q, jurisdiction), {
    nationalities,
    residence: jurisdiction,
    language,
  });
}

/** The case-notice flows of a node. */
export function createCaseNotices(db: Database, channel: Channel, loadReport: () => ReportLoader) {
  const originOf = (peer: 'self' | { nodeId: string }) =>
    peer === 'self' ? channel.nodeId : peer.nodeId;
  const auditActor = (actor: Actor) => ({
    id: actor.id,
    role: actor.role,
    country: actor.country,
    requestId: actor.requestId,
  });

  async function find(q: Queryable, where: string, params: unknown[]) {
    return (
      await q.query<NoticeRow>(
        `SELECT ${COLUMNS} FROM federation_case_notices WHERE ${where}`,
        params,
      )
    )[0];
  }

  async function timeline(q: Queryable, id: string) {
    return q.query<{ status: string; changedAt: Date; message: string | null }>(
      `SELECT status, changed_at AS "changedAt", reason AS message FROM federation_case_statuses
       WHERE case_notice_id = $1 ORDER BY changed_at, id`,
      [id],
    );
  }

  /** Presents a notice; the family's contacts only to the contact point that received it. */
  function present(n: NoticeRow, withNotice: boolean) {
    return {
      id: n.id,
      direction: n.direction,
      jurisdiction: n.jurisdiction,
      counterpart: { jurisdiction: n.foreignJurisdiction, node: n.foreignNode },
      caseNumber: n.caseNumber,
      reportId: n.reportId,
      reason: n.reason,
      status: n.status,
      ...(n.direction === 'incoming'
        ? { contactPointId: n.contactPointId, routingReason: n.routingReason }
        : {}),
      createdAt: n.createdAt,
      ...(withNotice && n.notice ? { notice: n.notice } : {}),
    };
  }

  const subjectOf = (n: NoticeRow | undefined) =>
    n
      ? {
          ...n,
          country: n.jurisdiction,
          role: n.direction === 'incoming' ? 'contact_point' : 'caseworker',
          contactPointOrganisationId: n.contactPointOrganisationId,
        }
      : undefined;

  channel.on('case.notice', async (tx, msg) => {
    const b = msg.body as { noticeId?: string; reason?: string; notice?: { caseNumber?: string } };
    if (
      typeof b?.noticeId !== 'string' ||
      typeof b.reason !== 'string' ||
      typeof b.notice?.caseNumber !== 'string'
    ) {
      throw new MessageRejected('MALFORMED', 'A case notice carries its id, reason and notice');
    }
    const to = await routeNotice(tx, msg.claims.to, b.notice as ReceivedNotice);
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO federation_case_notices (notice_id, direction, jurisdiction, foreign_node,
         foreign_jurisdiction, case_number, reason, notice, status, contact_point_id,
         contact_point_organisation_id, routing_reason)
       VALUES ($1, 'incoming', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        b.noticeId,
        msg.claims.to,
        originOf(msg.peer),
        msg.claims.frm,
        b.notice.caseNumber,
        b.reason.slice(0, 2000),
        JSON.stringify(b.notice),
        String((b.notice as { status?: string }).status ?? 'received').slice(0, 60),
        to?.contactPoint.id ?? null,
        to?.contactPoint.organisationId ?? null,
        to ? to.reasons.join('; ') : null,
      ],
    );
    await recordAudit(tx, null, {
      action: 'case_notice_received',
      subjectType: CASE_NOTICE,
      subjectId: rows[0]!.id,
      subjectCountry: msg.claims.to,
      purpose: 'family_information',
      details: {
        from: msg.claims.frm,
        agreement: msg.agreement.ref,
        contactPoint: to?.contactPoint.id ?? 'all',
      },
    });
  });

  return {
    /** Receives a case.status about a routed case (the service routes case.status). */
    async receiveStatus(tx: Queryable, msg: ReceivedMessage): Promise<void> {
      const b = msg.body as {
        notice?: string;
        status?: string;
        changedAt?: string;
        message?: string | null;
      };
      const n =
        typeof b?.notice === 'string'
          ? await find(tx, `notice_id = $1 AND direction = 'incoming' AND jurisdiction = $2`, [
              b.notice,
              msg.claims.to,
            ])
          : undefined;
      if (
        !n ||
        n.foreignJurisdiction !== msg.claims.frm ||
        typeof b.status !== 'string' ||
        Number.isNaN(Date.parse(String(b.changedAt)))
      ) {
        throw new MessageRejected('MALFORMED', 'The status answers no case notice here');
      }
      await tx.query(
        `INSERT INTO federation_case_statuses (case_notice_id, status, changed_at, reason, jti)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          n.id,
          b.status.slice(0, 60),
          new Date(b.changedAt!),
          typeof b.message === 'string' ? b.message.slice(0, 2000) : null,
          msg.claims.jti,
        ],
      );
      await tx.query(`UPDATE federation_case_notices SET status = $2 WHERE id = $1`, [
        n.id,
        b.status.slice(0, 60),
      ]);
    },

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
        const existing = await find(
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
        return present((await find(tx, 'id = $1', [rows[0]!.id]))!, false);
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
      return { items: rows.map((n) => present(n, false)) };
    },

    /** One case notice with its timeline (the family's contacts for the receiving contact point). */
    async get(actor: Actor, id: string) {
      const n = await find(db, 'id = $1', [id]);
      authorize(actor, 'read', CASE_NOTICE, subjectOf(n));
      await db.transaction((tx) =>
        recordAudit(tx, auditActor(actor), {
          action: 'read',
          subjectType: CASE_NOTICE,
          subjectId: id,
          subjectCountry: n!.jurisdiction,
          purpose: 'family_information',
        }),
      );
      return { ...present(n!, n!.direction === 'incoming'), timeline: await timeline(db, id) };
    },
  };
}

/** The case-notice flows. */
export type CaseNotices = ReturnType<typeof createCaseNotices>;
