// Cross-border matching profiles (ADR 0081). A report whose family consented to forensic
// sharing and cross-border matching, and open remains, travel as pseudonymous profiles (no
// names, no contacts, no local ids) to every jurisdiction an agreement allows. The receiver
// scores them with the same engine against its own records and tells the sender about each
// pair above the threshold; both sides then see the candidate under pseudonymous references
// with its explanation (federation.profiles.candidates.ts). Withdrawing consent or closing the
// record withdraws it everywhere.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.js';
import { findRemains } from '../remains/index.js';
import { findReport, type Report } from '../reports/index.js';
import { permits } from '../data-protection/purposes.js';
import {
  isOpenReport,
  reportToAm,
  type AmProfile,
  type PmProfile,
  type Runner,
} from '../matching/index.js';
import type { Channel, ReceivedMessage } from './federation.channel.js';
import { MessageRejected } from './federation.envelope.js';
import { createCandidateExchange } from './federation.profiles.candidates.js';
import {
  deleteProfile,
  deleteShare,
  ensureSubject,
  findSubjectOf,
  sharesOf,
  upsertShare,
  type Side,
} from './federation.profiles.repository.js';
import { deleteLocalCandidates } from './federation.candidates.repository.js';
import {
  checkProfile,
  originOf,
  storeAndScore,
  type ProfileBody,
  type ReceiveStats,
} from './federation.profiles.receive.js';
import { agreementsFrom } from './federation.repository.js';

const OPEN_REMAINS = ['unidentified', 'provisionally_identified'];

/** A profile stripped of every local identifier: the reference replaces the id. */
function pseudonymous<T extends AmProfile | PmProfile>(p: T, ref: string): T {
  const out = { ...p, id: ref };
  delete out.incidentId;
  return out;
}

const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/** The profile flows of a node. */
export function createProfileExchange(channel: Channel, runner: Runner) {
  const nodeId = channel.nodeId;
  const { storeForForeign, foreignProfiles } = createCandidateExchange(channel);

  /** Sends (or withdraws) a local record's profile to every agreed jurisdiction. */
  async function share(
    tx: Queryable,
    side: Side,
    localId: string,
    jurisdiction: string,
    profile: AmProfile | PmProfile | null,
    meta: Pick<ProfileBody, 'consent' | 'legalBasis'> = {},
  ): Promise<void> {
    if (!channel.jurisdictions.includes(jurisdiction)) {
      return;
    }
    const kind = side === 'am' ? 'profile.am' : 'profile.pm';
    const partners = [];
    for (const a of profile ? await agreementsFrom(tx, jurisdiction, kind) : []) {
      if (await channel.routable(tx, a.partner)) {
        partners.push(a);
      }
    }
    const existing = await findSubjectOf(tx, side, localId);
    if (!existing && partners.length === 0) {
      return;
    }
    const ref = existing ?? (await ensureSubject(tx, side, localId, jurisdiction));
    const before = new Map((await sharesOf(tx, ref)).map((s) => [s.to, s.profileHash]));
    const body: ProfileBody | null = profile
      ? { ref, side, profile: pseudonymous(profile, ref), ...meta }
      : null;
    const digest = body ? hash(body) : '';
    for (const { partner, ref: agreementRef } of partners) {
      if (before.get(partner) === digest) {
        continue;
      }
      await channel.send(tx, { kind, from: jurisdiction, to: partner, subjectKey: ref, body });
      await upsertShare(tx, { ref, to: partner, agreementRef, profileHash: digest });
    }
    const still = new Set(partners.map((p) => p.partner));
    for (const to of before.keys()) {
      if (!still.has(to)) {
        if (await channel.allows(tx, 'profile.withdraw', jurisdiction, to)) {
          await channel.send(tx, {
            kind: 'profile.withdraw',
            from: jurisdiction,
            to,
            subjectKey: ref,
            body: { ref, side },
          });
        }
        await deleteShare(tx, ref, to);
      }
    }
    if (!profile) {
      await deleteLocalCandidates(tx, side, localId);
    }
  }

  /** Stores and scores received profiles as a set, then keeps each one's candidates. */
  async function receiveProfiles(tx: Queryable, msgs: ReceivedMessage[]): Promise<void> {
    for (const r of await storeAndScore(tx, msgs, nodeId, runner.threshold, stats)) {
      await storeForForeign(tx, r);
    }
  }

  const stats: ReceiveStats = { profiles: 0, pairs: 0, scoringMs: 0 };
  for (const kind of ['profile.am', 'profile.pm']) {
    channel.on(kind, (tx, msg) => receiveProfiles(tx, [msg]), {
      check: checkProfile,
      many: receiveProfiles,
    });
  }

  channel.on('profile.withdraw', async (tx, msg) => {
    const body = msg.body as { ref?: unknown };
    if (typeof body?.ref !== 'string') {
      throw new MessageRejected('MALFORMED', 'A withdrawal names the reference');
    }
    await deleteProfile(tx, originOf(msg, nodeId), body.ref, msg.claims.to);
  });

  return {
    foreignProfiles,
    /** What this node received and scored (counters for the bench). */
    stats,

    /** A report changed: share its profile, or withdraw it when consent or the search ended. */
    async reportChanged(tx: Queryable, reportId: string): Promise<void> {
      const report = await findReport(tx, reportId);
      if (!report) {
        return;
      }
      const eligible = isOpenReport(report) && permits(report, 'crossBorderTransfer');
      await share(
        tx,
        'am',
        report.id,
        report.country,
        eligible ? reportToAm(report) : null,
        eligible ? { consent: consentOf(report) } : {},
      );
    },

    /**
     * A report is being erased (the family's right, ADR 0143): its profile is withdrawn from
     * every jurisdiction that holds it. Returns the jurisdictions told, and those the channel no
     * longer allows a withdrawal to (the caseworker must tell them another way).
     */
    async reportErased(
      tx: Queryable,
      reportId: string,
    ): Promise<{ withdrawn: string[]; notSent: string[] }> {
      const report = await findReport(tx, reportId);
      const ref = await findSubjectOf(tx, 'am', reportId);
      const out = { withdrawn: [] as string[], notSent: [] as string[] };
      if (!report || !ref) {
        return out;
      }
      for (const { to } of await sharesOf(tx, ref)) {
        if (await channel.allows(tx, 'profile.withdraw', report.country, to)) {
          await channel.send(tx, {
            kind: 'profile.withdraw',
            from: report.country,
            to,
            subjectKey: ref,
            body: { ref, side: 'am' },
          });
          out.withdrawn.push(to);
        } else {
          out.notSent.push(to);
        }
        await deleteShare(tx, ref, to);
      }
      await deleteLocalCandidates(tx, 'am', reportId);
      return out;
    },

    /** Remains changed: share their profile while open, withdraw it once identified or closed. */
    async remainsChanged(tx: Queryable, remainsId: string): Promise<void> {
      let remains = await findRemains(tx, remainsId);
      if (remains?.associatedWithId) {
        remains = await findRemains(tx, remains.associatedWithId);
      }
      if (!remains) {
        return;
      }
      const open = OPEN_REMAINS.includes(remains.status);
      await share(
        tx,
        'pm',
        remains.id,
        remains.country,
        open ? await runner.pmProfile(tx, remains) : null,
        { legalBasis: remains.legalBasis },
      );
    },
  };
}

function consentOf(report: Report): ProfileBody['consent'] {
  return {
    forensicSharing: report.consent.forensicSharing.status,
    crossBorderMatching: report.consent.crossBorderMatching.status,
  };
}

/** The profile flows. */
export type ProfileExchange = ReturnType<typeof createProfileExchange>;
