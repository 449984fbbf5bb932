// The receiving side of case notices (ADR 0083): a case.notice is stored and routed to the
// designated contact point of the jurisdiction; a case.status joins the notice's timeline.
import type { Queryable } from '../../platform/db/index.js';
import { recordAudit } from '../audit/index.js';
import type { Channel, ReceivedMessage } from './federation.channel.js';
import { findNotice, routeNotice, type ReceivedNotice } from './federation.cases.notice.js';
import { MessageRejected } from './federation.envelope.js';
import { CASE_NOTICE } from './federation.policy.js';

/** Registers the case.notice handler on the channel; returns the receiver of case.status. */
export function createCaseReceiver(channel: Channel) {
  const originOf = (peer: 'self' | { nodeId: string }) =>
    peer === 'self' ? channel.nodeId : peer.nodeId;

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

  /** Receives a case.status about a routed case (the service routes case.status). */
  async function receiveStatus(tx: Queryable, msg: ReceivedMessage): Promise<void> {
    const b = msg.body as {
      notice?: string;
      status?: string;
      changedAt?: string;
      message?: string | null;
    };
    const n =
      typeof b?.notice === 'string'
        ? await findNotice(tx, `notice_id = $1 AND direction = 'incoming' AND jurisdiction = $2`, [
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
  }

  return { receiveStatus };
}
