// Cross-border candidates (ADR 0081): the pairs scored on either side of a profile exchange.
// The side that scored a pair keeps it and tells the profile's origin (candidate.notice), or
// withdraws it once it fell away (candidate.withdraw); the runner finds the profiles received
// here through ForeignProfiles and stores the pairs it keeps with it.
import type { Queryable } from '../../platform/db/index.js';
import type { AmProfile, ForeignProfiles, PairScore, PmProfile } from '../matching/index.js';
import type { Channel } from './federation.channel.js';
import { MessageRejected } from './federation.envelope.js';
import {
  ensureSubject,
  findSubject,
  heldProfiles,
  type Side,
} from './federation.profiles.repository.js';
import {
  deleteCandidates,
  deleteNotified,
  scoredCandidates,
  upsertCandidate,
} from './federation.candidates.repository.js';
import { originOf, type Incoming } from './federation.profiles.receive.js';

/** Body of candidate.notice / candidate.withdraw: the receiver's view of a pair. */
interface CandidateBody {
  /** The recipient's own reference. */
  ref: string;
  /** The sender's pseudonymous reference of its record. */
  counterpartRef: string;
  score?: number;
  excluded?: boolean;
  parts?: PairScore['parts'];
  exclusions?: PairScore['exclusions'];
}

/** The runner's key of a held profile: origin node, jurisdiction, reference, agreement. */
const keyOf = (h: {
  originNode: string;
  originJurisdiction: string;
  ref: string;
  agreementRef: string;
}) => `${h.originNode} ${h.originJurisdiction} ${h.ref} ${h.agreementRef}`;

/** The candidate flows of a node (registers the candidate.* handlers on its channel). */
export function createCandidateExchange(channel: Channel) {
  const nodeId = channel.nodeId;

  /** Tells the profile's origin about pairs kept here and withdraws those that fell away. */
  async function notify(
    tx: Queryable,
    from: string,
    to: string,
    removed: { foreignRef: string; localRef: string }[],
    kept: { foreignRef: string; localRef: string; score: PairScore }[],
  ): Promise<void> {
    for (const r of removed) {
      if (await channel.allows(tx, 'candidate.withdraw', from, to)) {
        await channel.send(tx, {
          kind: 'candidate.withdraw',
          from,
          to,
          subjectKey: r.foreignRef,
          body: { ref: r.foreignRef, counterpartRef: r.localRef } satisfies CandidateBody,
        });
      }
    }
    for (const k of kept) {
      if (await channel.allows(tx, 'candidate.notice', from, to)) {
        const { score, excluded, parts, exclusions } = k.score;
        const body: CandidateBody = {
          ref: k.foreignRef,
          counterpartRef: k.localRef,
          score,
          excluded,
          parts,
          exclusions,
        };
        await channel.send(tx, {
          kind: 'candidate.notice',
          from,
          to,
          subjectKey: k.foreignRef,
          body,
        });
      }
    }
  }

  /** Replaces the unreviewed candidates scored here for one received profile. */
  async function storeForForeign(tx: Queryable, r: Incoming): Promise<void> {
    const { msg, ref, pairs, old } = r;
    const foreignNode = originOf(msg, nodeId);
    const holder = msg.claims.to;
    const keptIds = new Set(pairs.map((p) => p.key));
    const gone = old.filter((c) => !keptIds.has(c.localId));
    await deleteCandidates(
      tx,
      gone.map((c) => c.id),
    );
    const kept = [];
    const localSide: Side = r.side === 'am' ? 'pm' : 'am';
    for (const p of pairs) {
      const localRef = await ensureSubject(tx, localSide, p.key, holder);
      await upsertCandidate(tx, {
        jurisdiction: holder,
        localSide,
        localId: p.key,
        localRef,
        foreignNode,
        foreignJurisdiction: msg.claims.frm,
        foreignRef: ref,
        scoredHere: true,
        score: p.score.score,
        excluded: p.score.excluded,
        parts: p.score.parts,
        exclusions: p.score.exclusions,
        agreementRef: msg.agreement.ref,
      });
      kept.push({ foreignRef: ref, localRef, score: p.score });
    }
    const removed = gone.map((c) => ({ foreignRef: ref, localRef: c.localRef }));
    await notify(tx, holder, msg.claims.frm, removed, kept);
  }

  channel.on('candidate.notice', async (tx, msg) => {
    const b = msg.body as CandidateBody;
    const subject = typeof b?.ref === 'string' ? await findSubject(tx, b.ref) : undefined;
    if (
      !subject ||
      subject.jurisdiction !== msg.claims.to ||
      typeof b.counterpartRef !== 'string'
    ) {
      throw new MessageRejected('MALFORMED', 'The candidate names no record of this jurisdiction');
    }
    await upsertCandidate(tx, {
      jurisdiction: subject.jurisdiction,
      localSide: subject.side,
      localId: subject.localId,
      localRef: b.ref,
      foreignNode: originOf(msg, nodeId),
      foreignJurisdiction: msg.claims.frm,
      foreignRef: b.counterpartRef,
      scoredHere: false,
      score: Number(b.score),
      excluded: Boolean(b.excluded),
      parts: Array.isArray(b.parts) ? b.parts : [],
      exclusions: Array.isArray(b.exclusions) ? b.exclusions : [],
      agreementRef: msg.agreement.ref,
    });
  });

  channel.on('candidate.withdraw', async (tx, msg) => {
    const b = msg.body as CandidateBody;
    if (typeof b?.ref !== 'string' || typeof b.counterpartRef !== 'string') {
      throw new MessageRejected('MALFORMED', 'A withdrawal names both references');
    }
    await deleteNotified(tx, b.ref, originOf(msg, nodeId), b.counterpartRef);
  });

  /** Where the runner finds the profiles received here, and stores the pairs it keeps. */
  const foreignProfiles: ForeignProfiles = {
    async load(q, side, country) {
      return (await heldProfiles(q, side, country)).map((h) =>
        h.side === 'am'
          ? { key: keyOf(h), side: 'am' as const, profile: h.profile as unknown as AmProfile }
          : { key: keyOf(h), side: 'pm' as const, profile: h.profile as unknown as PmProfile },
      );
    },
    async store(q, local, pairs) {
      const localRef = await ensureSubject(q, local.side, local.id, local.country);
      const old = await scoredCandidates(q, { localSide: local.side, localId: local.id });
      const keys = new Set(pairs.map((p) => p.key));
      const gone = old.filter(
        (c) =>
          !keys.has(
            keyOf({
              ...c,
              originNode: c.foreignNode,
              originJurisdiction: c.foreignJurisdiction,
              ref: c.foreignRef,
            }),
          ),
      );
      await deleteCandidates(
        q,
        gone.map((c) => c.id),
      );
      for (const c of gone) {
        await notify(
          q,
          local.country,
          c.foreignJurisdiction,
          [{ foreignRef: c.foreignRef, localRef }],
          [],
        );
      }
      for (const p of pairs) {
        const [foreignNode, foreignJurisdiction, foreignRef, agreementRef] = p.key.split(' ') as [
          string,
          string,
          string,
          string,
        ];
        await upsertCandidate(q, {
          jurisdiction: local.country,
          localSide: local.side,
          localId: local.id,
          localRef,
          foreignNode,
          foreignJurisdiction,
          foreignRef,
          scoredHere: true,
          score: p.score.score,
          excluded: p.score.excluded,
          parts: p.score.parts,
          exclusions: p.score.exclusions,
          agreementRef,
        });
        await notify(
          q,
          local.country,
          foreignJurisdiction,
          [],
          [{ foreignRef, localRef, score: p.score }],
        );
      }
    },
  };

  return { storeForForeign, foreignProfiles };
}
