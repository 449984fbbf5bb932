// From a pair to a cross-border candidate (ADR 0131). The unit's pairs carry pseudonyms only. A
// contact point or caseworker reviews a pair; pursuing it sends this side's pseudonymous
// reference of its report (the transnational channel's subject reference, never an id or a name)
// to the other member as `pprl.match`. The other member accepts it only for a pair the unit
// returned to it too, answers with its own reference, and both hold a cross-border candidate from
// which the existing disclosure request starts. Excluded or unreviewed pairs send nothing.
import type { Database, Queryable } from '../../platform/db/index.js';
import { authorize, type Actor } from '../../platform/authz/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import {
  MessageRejected,
  deleteNotified,
  ensureSubject,
  upsertCandidate,
  type ReceivedMessage,
} from '../federation/index.js';
import type { Report } from '../reports/index.js';
import { encodableFields } from './linkage.consent.js';
import { findMemberAgreement } from './linkage.member.repository.js';
import type { LinkageChannel } from './linkage.member.service.js';

/** CASL subject type of a member's linkage agreement (as in linkage.member.service.ts). */
const AGREEMENT = 'LinkageAgreement';

/** Body of pprl.match: the sender's reference for a pair the unit returned to both members. */
export interface MatchBody {
  agreementId: string;
  /** The sender's pseudonym and the recipient's, as the unit paired them. */
  pseudonym: string;
  otherPseudonym: string;
  /** The sender's pseudonymous reference of its report (federation subject). */
  ref: string;
  /** True for the answer to a match (no further answer). */
  reply: boolean;
}

/** Body of pprl.unmatch: the recipient's reference and the sender's, of a pair that is gone. */
export interface UnmatchBody {
  ref: string;
  counterpartRef: string;
}

interface PairRow {
  id: string;
  agreementId: string;
  country: string;
  reportId: string;
  pseudonym: string;
  otherMember: string;
  otherPseudonym: string;
  score: number;
  status: string;
  localRef: string | null;
  otherRef: string | null;
  otherNode: string | null;
}

const PAIR = `c.id, c.agreement_id AS "agreementId", trim(c.country) AS country,
  c.report_id AS "reportId", s.pseudonym, trim(c.other_member) AS "otherMember",
  c.other_pseudonym AS "otherPseudonym", c.score, c.status, c.local_ref AS "localRef",
  c.other_ref AS "otherRef", c.other_node AS "otherNode"
  FROM linkage_candidates c JOIN linkage_submissions s
    ON s.agreement_id = c.agreement_id AND s.country = c.country AND s.report_id = c.report_id`;

/** Tells the other members that matched pairs of these reports are gone, and drops them here. */
export async function unmatchPairs(
  t: Queryable,
  channel: LinkageChannel,
  agreementId: string,
  country: string,
  reportIds: string[],
): Promise<void> {
  const rows = await t.query<PairRow>(
    `SELECT ${PAIR} WHERE c.agreement_id = $1 AND c.country = $2 AND c.report_id = ANY($3::uuid[])
       AND c.status = 'matched'`,
    [agreementId, country, reportIds],
  );
  for (const p of rows) {
    await deleteNotified(t, p.localRef!, p.otherNode!, p.otherRef!);
    await channel.send(t, {
      kind: 'pprl.unmatch',
      from: country,
      to: p.otherMember,
      subjectKey: `pprl:${agreementId}:${p.otherRef}`,
      body: { ref: p.otherRef!, counterpartRef: p.localRef! } satisfies UnmatchBody,
    });
  }
}

/** Review of pairs and the match exchange. */
export function createLinkageReview(deps: {
  db: Database;
  channel: () => LinkageChannel;
  /** Loads a report for the system (no actor). */
  findReport(tx: Queryable, id: string): Promise<Report | undefined>;
}) {
  /** Creates (or renews) the cross-border candidate of a matched pair on this side. */
  async function hold(
    t: Queryable,
    p: PairRow,
    other: { ref: string; node: string; agreementRef: string },
  ): Promise<string> {
    const localRef = p.localRef ?? (await ensureSubject(t, 'am', p.reportId, p.country));
    await upsertCandidate(t, {
      jurisdiction: p.country,
      localSide: 'am',
      localId: p.reportId,
      localRef,
      foreignNode: other.node,
      foreignJurisdiction: p.otherMember,
      foreignRef: other.ref,
      scoredHere: false,
      // Dice similarity of the two encodings (not a log10 likelihood ratio).
      score: Number(p.score),
      excluded: false,
      parts: [],
      exclusions: [],
      agreementRef: other.agreementRef,
    });
    await t.query(
      `UPDATE linkage_candidates SET status = 'matched', local_ref = $2, other_ref = $3, other_node = $4
       WHERE id = $1`,
      [p.id, localRef, other.ref, other.node],
    );
    return localRef;
  }

  /** Refuses a report that may no longer be matched across borders. */
  async function assertEncodable(t: Queryable, reportId: string): Promise<void> {
    const r = await deps.findReport(t, reportId);
    try {
      if (r) {
        encodableFields(r);
        return;
      }
    } catch {
      // Falls through.
    }
    throw new MessageRejected('NO_CONSENT', 'The report is no longer matched across borders');
  }

  async function reviewIn(
    t: Queryable,
    actor: Actor,
    agreementId: string,
    pairId: string,
    input: { decision: 'pursue' | 'exclude'; note: string },
  ): Promise<{ id: string; status: string }> {
    authorize(
      actor,
      'review',
      AGREEMENT,
      await findMemberAgreement(t, agreementId, actor.country, true),
    );
    const p = (
      await t.query<PairRow>(
        `SELECT ${PAIR} WHERE c.id = $1 AND c.agreement_id = $2 AND c.country = $3 FOR UPDATE OF c`,
        [pairId, agreementId, actor.country],
      )
    )[0];
    if (!p) {
      throw notFound('Linkage pair');
    }
    if (p.status !== 'pending') {
      throw new AppError('INVALID_TRANSITION', `This pair is already ${p.status}`);
    }
    let localRef: string | null = null;
    if (input.decision === 'pursue') {
      const r = await deps.findReport(t, p.reportId);
      encodableFields(r!);
      localRef = await ensureSubject(t, 'am', p.reportId, p.country);
      await deps.channel().send(t, {
        kind: 'pprl.match',
        from: p.country,
        to: p.otherMember,
        subjectKey: `pprl:${agreementId}:${p.otherPseudonym}`,
        body: {
          agreementId,
          pseudonym: p.pseudonym,
          otherPseudonym: p.otherPseudonym,
          ref: localRef,
          reply: false,
        } satisfies MatchBody,
      });
    }
    await t.query(
      `UPDATE linkage_candidates SET status = $2, reviewed_by = $3, reviewed_at = now(), note = $4,
           local_ref = $5 WHERE id = $1`,
      [p.id, input.decision === 'pursue' ? 'pursued' : 'excluded', actor.id, input.note, localRef],
    );
    await recordAudit(t, actor, {
      action: input.decision === 'pursue' ? 'pursue_pair' : 'exclude_pair',
      subjectType: AGREEMENT,
      subjectId: agreementId,
      subjectCountry: actor.country,
      purpose: 'identification',
      details: { pair: p.id, report: p.reportId, otherMember: p.otherMember },
    });
    return { id: p.id, status: input.decision === 'pursue' ? 'pursued' : 'excluded' };
  }

  return {
    /**
     * A reviewer decides on a pair: 'exclude' ends it here (nothing is sent); 'pursue' sends this
     * side's reference to the other member (who answers with its own).
     */
    async review(
      actor: Actor,
      agreementId: string,
      pairId: string,
      input: { decision: 'pursue' | 'exclude'; note: string },
    ): Promise<{ id: string; status: string }> {
      return deps.db.transaction((t) => reviewIn(t, actor, agreementId, pairId, input));
    },

    /** pprl.match: accepted only for a pair the unit returned here too; answered with our reference. */
    async onMatch(t: Queryable, msg: ReceivedMessage): Promise<void> {
      const b = msg.body as Partial<MatchBody> | undefined;
      if (
        !b ||
        typeof b.agreementId !== 'string' ||
        typeof b.pseudonym !== 'string' ||
        typeof b.otherPseudonym !== 'string' ||
        typeof b.ref !== 'string'
      ) {
        throw new MessageRejected('MALFORMED', 'A match names the agreement, pseudonyms and ref');
      }
      const p = (
        await t.query<PairRow>(
          `SELECT ${PAIR} WHERE c.agreement_id = $1 AND c.country = $2 AND s.pseudonym::text = $3
             AND c.other_member = $4 AND c.other_pseudonym::text = $5 FOR UPDATE OF c`,
          [b.agreementId, msg.claims.to, b.otherPseudonym, msg.claims.frm, b.pseudonym],
        )
      )[0];
      if (!p) {
        throw new MessageRejected('MALFORMED', 'The linkage unit returned no such pair here');
      }
      if (p.status === 'excluded') {
        // Reviewed and excluded here: the pair stays closed, nothing is answered.
        return;
      }
      await assertEncodable(t, p.reportId);
      const node = msg.peer === 'self' ? deps.channel().nodeId : msg.peer.nodeId;
      const localRef = await hold(t, p, { ref: b.ref, node, agreementRef: msg.agreement.ref });
      if (!b.reply) {
        await deps.channel().send(t, {
          kind: 'pprl.match',
          from: p.country,
          to: p.otherMember,
          subjectKey: `pprl:${b.agreementId}:${b.pseudonym}`,
          body: {
            agreementId: b.agreementId,
            pseudonym: p.pseudonym,
            otherPseudonym: p.otherPseudonym,
            ref: localRef,
            reply: true,
          } satisfies MatchBody,
        });
      }
      await recordAudit(t, null, {
        action: 'match_pair',
        subjectType: AGREEMENT,
        subjectId: b.agreementId,
        subjectCountry: p.country,
        purpose: 'identification',
        details: { pair: p.id, report: p.reportId, from: msg.claims.frm },
      });
    },

    /** pprl.unmatch: the other side's record left the linkage; the candidate goes here too. */
    async onUnmatch(t: Queryable, msg: ReceivedMessage): Promise<void> {
      const b = msg.body as Partial<UnmatchBody> | undefined;
      if (typeof b?.ref !== 'string' || typeof b.counterpartRef !== 'string') {
        throw new MessageRejected('MALFORMED', 'An unmatch names both references');
      }
      const node = msg.peer === 'self' ? deps.channel().nodeId : msg.peer.nodeId;
      await deleteNotified(t, b.ref, node, b.counterpartRef);
      await t.query(
        `DELETE FROM linkage_candidates WHERE country = $1 AND local_ref = $2 AND other_ref = $3
           AND other_member = $4`,
        [msg.claims.to, b.ref, b.counterpartRef, msg.claims.frm],
      );
    },
  };
}

/** The review service's type. */
export type LinkageReview = ReturnType<typeof createLinkageReview>;
