// The receiving ends of a repatriation (ADR 0083): a transfer arrives with the whole chain and
// its node-signed head, checked hash by hash before it is kept; an event the receiving side
// appended comes back to the sending side and must continue the chain it holds.
import { recordAudit } from '../audit/index.js';
import { hashCustodyEvent, verifyCustodyChain } from '../custody/index.js';
import type { Channel } from './federation.channel.js';
import { MessageRejected } from './federation.envelope.js';
import { CROSS_BORDER_CUSTODY } from './federation.policy.js';
import { findSubject } from './federation.profiles.repository.js';
import { findTransfer, verifyHead, type ChainEvent } from './federation.repatriation.chain.js';

/** Registers the custody.transfer and custody.continue handlers on a node's channel. */
export function receiveCustodyTransfers(channel: Channel): void {
  channel.on('custody.transfer', async (tx, msg) => {
    const b = msg.body as {
      transferId?: string;
      ref?: string;
      counterpartRef?: string;
      remainsCode?: string;
      events?: ChainEvent[];
      signedHead?: string;
    };
    const subject = typeof b?.ref === 'string' ? await findSubject(tx, b.ref) : undefined;
    if (
      !subject ||
      subject.side !== 'am' ||
      subject.jurisdiction !== msg.claims.to ||
      typeof b.transferId !== 'string' ||
      typeof b.signedHead !== 'string' ||
      typeof b.remainsCode !== 'string' ||
      !Array.isArray(b.events) ||
      b.events.length === 0
    ) {
      throw new MessageRejected('MALFORMED', 'A transfer names a report here, its chain and head');
    }
    const signer = msg.peer === 'self' ? channel.nodeId : msg.peer.nodeId;
    const head = await verifyHead(tx, channel.nodeId, b.signedHead, signer);
    const last = b.events.at(-1)!;
    if (!head || head.transfer !== b.transferId || head.hash !== last.hash) {
      throw new MessageRejected('TAMPERED', 'The signed head does not match the chain');
    }
    const check = verifyCustodyChain(b.events, { position: head.position, hash: head.hash });
    if (!check.ok || last.stateAfter !== 'repatriated') {
      throw new MessageRejected('TAMPERED', 'The custody chain does not verify');
    }
    const candidate = await tx.query<{ id: string }>(
      `SELECT id FROM federation_candidates WHERE local_ref = $1 AND foreign_node = $2
         AND foreign_ref = $3 AND status = 'confirmed'`,
      [b.ref, signer, String(b.counterpartRef)],
    );
    if (!candidate[0]) {
      throw new MessageRejected('MALFORMED', 'No confirmed identification here for this transfer');
    }
    await tx.query(
      `INSERT INTO federation_custody_transfers (transfer_id, direction, jurisdiction, foreign_node,
         foreign_jurisdiction, candidate_id, remains_id, remains_code, sent_events, signed_head,
         head_position, head_hash)
       VALUES ($1, 'incoming', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        b.transferId,
        msg.claims.to,
        signer,
        msg.claims.frm,
        candidate[0].id,
        last.remainsId,
        b.remainsCode,
        JSON.stringify(b.events),
        b.signedHead,
        head.position,
        head.hash,
      ],
    );
    await recordAudit(tx, null, {
      action: 'custody_received',
      subjectType: CROSS_BORDER_CUSTODY,
      subjectId: b.transferId,
      subjectCountry: msg.claims.to,
      purpose: 'identification',
      details: { from: msg.claims.frm, agreement: msg.agreement.ref, head: head.hash },
    });
  });

  channel.on('custody.continue', async (tx, msg) => {
    const b = msg.body as { transferId?: string; event?: ChainEvent };
    const t =
      typeof b?.transferId === 'string'
        ? await findTransfer(
            tx,
            `transfer_id = $1 AND direction = 'outgoing' AND jurisdiction = $2`,
            [b.transferId, msg.claims.to],
          )
        : undefined;
    const e = b?.event;
    if (!t || t.foreignJurisdiction !== msg.claims.frm || !e || typeof e.hash !== 'string') {
      throw new MessageRejected('MALFORMED', 'The event answers no transfer of this jurisdiction');
    }
    const prev = t.continuation.at(-1) ?? { position: t.headPosition, hash: t.headHash };
    const { hash, ...content } = e;
    if (
      e.position !== prev.position + 1 ||
      e.prevHash !== prev.hash ||
      hashCustodyEvent(content) !== hash ||
      e.remainsId !== t.remainsId
    ) {
      throw new MessageRejected('TAMPERED', 'The event does not continue the chain');
    }
    await tx.query(
      `UPDATE federation_custody_transfers SET continuation = continuation || $2::jsonb,
         updated_at = now() WHERE id = $1`,
      [t.id, JSON.stringify([e])],
    );
  });
}
