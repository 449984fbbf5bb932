// Identification across borders (ADR 0083). The two-person sign-off happens where the remains
// are: one forensic practitioner proposes with the basis, a second confirms, once the record of
// the other side has been disclosed. Confirming sets the remains' status, withdraws their
// profile and sends a signed, encrypted identification notice to the family's jurisdiction,
// which opens the death-notice task for the report's contact point (the family hears it in
// person or by phone before any written news) and moves the report to "possible match". Status
// changes of either record then flow back as case.status messages, so both sides see one story.
import type { Database, Queryable } from '../../platform/db/index.js';
import { authorize, type Actor } from '../../platform/authz/index.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import type { ContactPointNotifier } from '../matching/index.js';
import { PRIMARY_BASIS } from '../matching/index.js';
import { findRemains, setRemainsStatus } from '../remains/index.js';
import { findReport, type ReportStatus } from '../reports/index.js';
import type { Channel, ReceivedMessage } from './federation.channel.js';
import { MessageRejected } from './federation.envelope.js';
import { CROSS_BORDER_CANDIDATE } from './federation.policy.js';
import type { ProfileExchange } from './federation.profiles.js';
import { findSubject } from './federation.profiles.repository.js';
import { findCrossCandidate, type CrossCandidateRow } from './federation.candidates.repository.js';

/** Moves a report through the reports service (its rules and hooks) in the caller's transaction. */
export type ReportMover = (
  tx: Queryable,
  actor: Actor,
  reportId: string,
  to: ReportStatus,
  reason: string,
) => Promise<void>;

/** What the identification flows need. */
export interface IdentificationDeps {
  db: Database;
  channel: Channel;
  profiles: ProfileExchange;
  /** Opens the death notice and tells the report's contact point (matching's notifier). */
  notifyContactPoint?: ContactPointNotifier;
  /** The reports service's identification step (wired in the container). */
  moveReport?: ReportMover;
}

/** Body of identification.notice. */
interface NoticeBody {
  /** The recipient's reference of its report. */
  ref: string;
  /** The sender's reference of the remains. */
  counterpartRef: string;
  remainsCode: string;
  identification: 'identified' | 'provisional';
  basis: string[];
}

/** Body of case.status. */
interface StatusBody {
  ref: string;
  counterpartRef: string;
  status: string;
  changedAt: string;
}

const OPEN_REPORT: ReportStatus[] = ['received', 'under_search', 'possible_match'];

/** The node acting on a verified message: status events record the role, and no user. */
function channelActor(country: string): Actor {
  return {
    // Status events keep actor_id NULL for a change made on a message from another node.
    id: null as unknown as string,
    role: 'forensic',
    country,
    organisationId: null,
    sessionId: 'federation',
    requestId: 'federation',
    ability: undefined as never,
  };
}

const auditActor = (actor: Actor) => ({
  id: actor.id,
  role: actor.role,
  country: actor.country,
  requestId: actor.requestId,
});

/** The identification flows of a node. */
export function createIdentification(deps: IdentificationDeps) {
  const { db, channel } = deps;
  const originOf = (peer: 'self' | { nodeId: string }) =>
    peer === 'self' ? channel.nodeId : peer.nodeId;

  /** Loads a candidate the actor may review, locked, and checks it is reviewed here. */
  async function reviewable(t: Queryable, actor: Actor, id: string): Promise<CrossCandidateRow> {
    await t.query(`SELECT 1 FROM federation_candidates WHERE id = $1 FOR UPDATE`, [id]);
    const c = await findCrossCandidate(t, id);
    authorize(actor, 'review', CROSS_BORDER_CANDIDATE, c ? { ...c, country: c.jurisdiction } : c);
    if (c!.localSide !== 'pm') {
      throw new AppError(
        'CONFLICT',
        'A cross-border identification is signed off where the remains are',
        { remainsJurisdiction: c!.foreignJurisdiction },
      );
    }
    return c!;
  }

  async function candidateBetween(
    q: Queryable,
    localRef: string,
    foreignNode: string,
    foreignRef: string,
  ): Promise<CrossCandidateRow | undefined> {
    const rows = await q.query<{ id: string }>(
      `SELECT id FROM federation_candidates WHERE local_ref = $1 AND foreign_node = $2
         AND foreign_ref = $3`,
      [localRef, foreignNode, foreignRef],
    );
    return rows[0] ? findCrossCandidate(q, rows[0].id) : undefined;
  }

  channel.on('identification.notice', async (tx, msg) => {
    const b = msg.body as NoticeBody;
    const subject = typeof b?.ref === 'string' ? await findSubject(tx, b.ref) : undefined;
    if (
      !subject ||
      subject.side !== 'am' ||
      subject.jurisdiction !== msg.claims.to ||
      typeof b.counterpartRef !== 'string' ||
      typeof b.remainsCode !== 'string' ||
      !['identified', 'provisional'].includes(b.identification)
    ) {
      throw new MessageRejected('MALFORMED', 'The notice names no report of this jurisdiction');
    }
    const c = await candidateBetween(tx, b.ref, originOf(msg.peer), b.counterpartRef);
    const report = await findReport(tx, subject.localId, true);
    if (!c || !report) {
      throw new MessageRejected('MALFORMED', 'The notice answers no candidate held here');
    }
    await tx.query(
      `UPDATE federation_candidates SET status = 'confirmed', basis = $2, identification = $3,
         confirmed_at = now(), updated_at = now() WHERE id = $1`,
      [c.id, Array.isArray(b.basis) ? b.basis.map(String) : [], b.identification],
    );
    // The contact point is told and the death notice opened before the status moves, so the
    // family's written news is held until they have been told in person or by phone.
    const notified =
      (await deps.notifyContactPoint?.(tx, {
        reportId: report.id,
        caseNumber: report.caseNumber,
        remainsCode: b.remainsCode,
        identification: b.identification,
      })) ?? 0;
    const from = report.status;
    if (OPEN_REPORT.includes(from) && deps.moveReport) {
      const reason = `${b.identification === 'identified' ? 'Identification' : 'Provisional identification'} confirmed in ${msg.claims.frm} by two forensic practitioners (remains ${b.remainsCode})`;
      const steps: ReportStatus[] =
        from === 'received'
          ? ['under_search', 'possible_match']
          : from === 'under_search'
            ? ['possible_match']
            : [];
      for (const to of steps) {
        await deps.moveReport(tx, channelActor(report.country), report.id, to, reason);
      }
    }
    await recordAudit(tx, null, {
      action: 'confirmIdentification',
      subjectType: CROSS_BORDER_CANDIDATE,
      subjectId: c.id,
      subjectCountry: c.jurisdiction,
      purpose: 'identification',
      details: {
        from: msg.claims.frm,
        agreement: msg.agreement.ref,
        identification: b.identification,
        notified,
        report: report.id,
      },
    });
  });

  /** Receives a case.status about a confirmed candidate (the service routes case.status). */
  async function receiveStatus(tx: Queryable, msg: ReceivedMessage): Promise<void> {
    const b = msg.body as StatusBody;
    if (
      typeof b?.ref !== 'string' ||
      typeof b.counterpartRef !== 'string' ||
      typeof b.status !== 'string' ||
      Number.isNaN(Date.parse(String(b.changedAt)))
    ) {
      throw new MessageRejected('MALFORMED', 'A status names both references, status and time');
    }
    const c = await candidateBetween(tx, b.ref, originOf(msg.peer), b.counterpartRef);
    if (!c || c.jurisdiction !== msg.claims.to || c.status !== 'confirmed') {
      throw new MessageRejected('MALFORMED', 'The status answers no confirmed candidate here');
    }
    await tx.query(
      `INSERT INTO federation_case_statuses (candidate_id, status, changed_at, jti)
       VALUES ($1, $2, $3, $4)`,
      [c.id, b.status.slice(0, 60), new Date(b.changedAt), msg.claims.jti],
    );
  }

  /** Tells the other side of every confirmed candidate of a record that its status changed. */
  async function statusChanged(
    tx: Queryable,
    side: 'am' | 'pm',
    localId: string,
    status: string,
  ): Promise<number> {
    const rows = await tx.query<{
      localRef: string;
      foreignRef: string;
      jurisdiction: string;
      foreignJurisdiction: string;
    }>(
      `SELECT local_ref AS "localRef", foreign_ref AS "foreignRef",
         trim(jurisdiction) AS jurisdiction, trim(foreign_jurisdiction) AS "foreignJurisdiction"
       FROM federation_candidates WHERE local_side = $1 AND local_id = $2 AND status = 'confirmed'`,
      [side, localId],
    );
    let sent = 0;
    for (const r of rows) {
      if (await channel.allows(tx, 'case.status', r.jurisdiction, r.foreignJurisdiction)) {
        await channel.send(tx, {
          kind: 'case.status',
          from: r.jurisdiction,
          to: r.foreignJurisdiction,
          subjectKey: r.localRef,
          body: {
            ref: r.foreignRef,
            counterpartRef: r.localRef,
            status,
            changedAt: new Date().toISOString(),
          } satisfies StatusBody,
        });
        sent += 1;
      }
    }
    return sent;
  }

  /** The statuses of the other side's record that flowed back, oldest first. */
  async function counterpartStatuses(q: Queryable, candidateId: string) {
    return q.query<{ status: string; changedAt: Date }>(
      `SELECT status, changed_at AS "changedAt" FROM federation_case_statuses
       WHERE candidate_id = $1 ORDER BY changed_at, id`,
      [candidateId],
    );
  }

  return {
    statusChanged,
    counterpartStatuses,
    receiveStatus,

    /** First practitioner: proposes the identification with its basis (the record disclosed). */
    async propose(actor: Actor, id: string, input: { basis: string[]; note?: string }) {
      return db.transaction(async (t) => {
        const c = await reviewable(t, actor, id);
        if (!['candidate', 'under_review'].includes(c.status)) {
          throw new AppError('INVALID_TRANSITION', `A ${c.status} candidate cannot be proposed`, {
            from: c.status,
          });
        }
        if (c.excluded) {
          throw new AppError('CONFLICT', 'A hard exclusion applies to this pair');
        }
        const disclosed = await t.query(
          `SELECT 1 FROM federation_disclosures WHERE direction = 'outgoing' AND status = 'approved'
             AND local_side = $1 AND local_id = $2 AND foreign_node = $3 AND foreign_ref = $4`,
          [c.localSide, c.localId, c.foreignNode, c.foreignRef],
        );
        if (disclosed.length === 0) {
          throw new AppError(
            'CONFLICT',
            'The other side’s record must be disclosed before an identification is proposed',
            { disclosure: 'missing' },
          );
        }
        await t.query(
          `UPDATE federation_candidates SET status = 'under_review', proposed_by = $2, basis = $3,
             review_note = $4, updated_at = now() WHERE id = $1`,
          [id, actor.id, input.basis, input.note ?? null],
        );
        await recordAudit(t, auditActor(actor), {
          action: 'review',
          subjectType: CROSS_BORDER_CANDIDATE,
          subjectId: id,
          subjectCountry: c.jurisdiction,
          fields: ['status'],
          purpose: 'identification',
          details: { from: c.status, to: 'under_review', basis: input.basis },
        });
        return (await findCrossCandidate(t, id))!;
      });
    },

    /**
     * Second practitioner: confirms. The remains' status changes here, their profile is
     * withdrawn, and the family's jurisdiction receives the notice, in one transaction.
     */
    async confirm(actor: Actor, id: string) {
      return db.transaction(async (t) => {
        const c = await reviewable(t, actor, id);
        if (c.status !== 'under_review' || !c.proposedBy || !c.basis) {
          throw new AppError('INVALID_TRANSITION', `A ${c.status} candidate cannot be confirmed`, {
            from: c.status,
          });
        }
        if (c.proposedBy === actor.id) {
          throw new AppError(
            'SECOND_REVIEWER_REQUIRED',
            'An identification is confirmed by a second forensic practitioner, not by the one who proposed it',
            { proposedBy: c.proposedBy },
          );
        }
        const remains = await findRemains(t, c.localId, true);
        if (!remains || !['unidentified', 'provisionally_identified'].includes(remains.status)) {
          throw new AppError('INVALID_TRANSITION', `The remains are ${remains?.status} already`, {
            from: remains?.status,
          });
        }
        const identified = c.basis.some((b) => (PRIMARY_BASIS as readonly string[]).includes(b));
        const identification = identified ? 'identified' : 'provisional';
        const basisText = `${identified ? 'Identification' : 'Provisional identification'} confirmed by two forensic practitioners with ${c.foreignJurisdiction}; basis: ${c.basis.join(', ')}`;
        // The notice goes first in the outbox; the profile withdrawal follows it in order.
        await channel.send(t, {
          kind: 'identification.notice',
          from: c.jurisdiction,
          to: c.foreignJurisdiction,
          subjectKey: c.localRef,
          body: {
            ref: c.foreignRef,
            counterpartRef: c.localRef,
            remainsCode: remains.code,
            identification,
            basis: c.basis,
          } satisfies NoticeBody,
        });
        await t.query(
          `UPDATE federation_candidates SET status = 'confirmed', confirmed_by = $2,
             identification = $3, confirmed_at = now(), updated_at = now() WHERE id = $1`,
          [id, actor.id, identification],
        );
        const target = identified ? 'identified' : 'provisionally_identified';
        if (remains.status !== target) {
          await setRemainsStatus(t, remains.id, target, basisText);
        }
        await deps.profiles.remainsChanged(t, remains.id);
        await recordAudit(t, auditActor(actor), {
          action: 'confirmIdentification',
          subjectType: CROSS_BORDER_CANDIDATE,
          subjectId: id,
          subjectCountry: c.jurisdiction,
          fields: ['status'],
          purpose: 'identification',
          details: {
            proposedBy: c.proposedBy,
            basis: c.basis,
            to: c.foreignJurisdiction,
            agreement: c.agreementRef,
          },
        });
        await recordAudit(t, auditActor(actor), {
          action: 'confirmIdentification',
          subjectType: 'Remains',
          subjectId: remains.id,
          subjectCountry: c.jurisdiction,
          fields: ['status', 'statusBasis'],
          purpose: 'identification',
          details: { candidate: id, from: remains.status, to: target },
        });
        return (await findCrossCandidate(t, id))!;
      });
    },
  };
}

/** The identification flows. */
export type Identification = ReturnType<typeof createIdentification>;
