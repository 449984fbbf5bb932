// Receiving cross-border matching profiles in sets (ADR 0085). Each profile is checked on its
// own before anything is written (shape, and for a report the family's consent); the profiles of
// a batch are then stored in one statement and scored in one pass against the local side,
// loaded and compiled once, with the matching feature's batch scorer (the same ranking as the
// reference engine). Candidates are kept per profile as before, and the origin told of each.
import { performance } from 'node:perf_hooks';
import type { Queryable } from '../../platform/db/index.js';
import { permits } from '../data-protection/purposes.js';
import {
  compile,
  createContext,
  loadOpenRemains,
  loadOpenReports,
  prepareAm,
  preparePm,
  rankSubject,
  type AmProfile,
  type ForeignPair,
  type PmProfile,
} from '../matching/index.js';
import type { ReceivedMessage } from './federation.channel.js';
import { MessageRejected } from './federation.envelope.js';
import { upsertProfiles, type Side } from './federation.profiles.repository.js';
import { scoredForForeign, type CrossCandidateRow } from './federation.candidates.repository.js';

/** Body of profile.am / profile.pm. */
export interface ProfileBody {
  ref: string;
  side: Side;
  profile: AmProfile | PmProfile;
  /** Consent that travels with the data (reports only). */
  consent?: { forensicSharing: string; crossBorderMatching: string };
  /** Legal basis that travels with the data (remains: the order or law they are processed under). */
  legalBasis?: { kind: string; reference: string };
}

/** Counters of what a node received and scored (the federation bench prints them). */
export interface ReceiveStats {
  profiles: number;
  /** Local records the profiles were scored against, summed over batches. */
  pairs: number;
  /** Time spent loading, compiling and scoring, ms. */
  scoringMs: number;
}

/** The node that first sent a message's subject (this node for a loop back). */
export const originOf = (msg: ReceivedMessage, nodeId: string) =>
  msg.peer === 'self' ? nodeId : msg.peer.nodeId;

/** Refuses a profile message that is malformed or, for a report, lacks cross-border consent. */
export function checkProfile(msg: ReceivedMessage): void {
  const body = msg.body as ProfileBody;
  const side: Side = msg.claims.knd === 'profile.am' ? 'am' : 'pm';
  if (!body || typeof body.ref !== 'string' || body.side !== side || !body.profile) {
    throw new MessageRejected('MALFORMED', 'A profile message carries ref, side and profile');
  }
  if (
    side === 'am' &&
    !permits(
      {
        legalBasis: 'consent',
        consent: {
          forensicSharing: { status: String(body.consent?.forensicSharing) },
          crossBorderMatching: { status: String(body.consent?.crossBorderMatching) },
        },
      },
      'crossBorderTransfer',
    )
  ) {
    throw new MessageRejected(
      'NO_CONSENT',
      'The family has not consented to cross-border matching',
    );
  }
}

/** One received profile as stored and scored here. */
export interface Incoming {
  msg: ReceivedMessage;
  ref: string;
  side: Side;
  profile: AmProfile | PmProfile;
  /** The pairs kept against local records, best first, keyed by local id. */
  pairs: ForeignPair[];
  /** Unreviewed candidates scored here for this profile before. */
  old: CrossCandidateRow[];
}

/**
 * Stores checked profiles (one statement per origin, holder and side) and scores each against
 * the open local records of its holder in one pass; returns them with their pairs and the
 * candidates they had, for the caller to replace.
 */
export async function storeAndScore(
  tx: Queryable,
  msgs: ReceivedMessage[],
  nodeId: string,
  threshold: number,
  stats: ReceiveStats,
): Promise<Incoming[]> {
  // A later message of the same profile replaces an earlier one (the effect of both, in order).
  const latest = new Map<string, ReceivedMessage>();
  for (const m of msgs) {
    const b = m.body as ProfileBody;
    latest.set(`${originOf(m, nodeId)} ${b.ref} ${m.claims.to} ${m.claims.knd}`, m);
  }
  const groups = new Map<string, Incoming[]>();
  for (const msg of latest.values()) {
    const body = msg.body as ProfileBody;
    const side = body.side;
    // The legal basis travels with a remains profile and is kept with it.
    const profile = {
      ...body.profile,
      id: body.ref,
      ...(side === 'pm' && body.legalBasis ? { legalBasis: body.legalBasis } : {}),
    } as AmProfile | PmProfile;
    const key = `${originOf(msg, nodeId)} ${msg.claims.to} ${side}`;
    groups.set(key, [
      ...(groups.get(key) ?? []),
      { msg, ref: body.ref, side, profile, pairs: [], old: [] },
    ]);
  }
  const out: Incoming[] = [];
  for (const group of groups.values()) {
    const { msg, side } = group[0]!;
    const holder = msg.claims.to;
    const foreignNode = originOf(msg, nodeId);
    await upsertProfiles(
      tx,
      group.map((g) => ({
        originNode: foreignNode,
        originJurisdiction: g.msg.claims.frm,
        holder,
        ref: g.ref,
        side,
        profile: g.profile as unknown as Record<string, unknown>,
        agreementRef: g.msg.agreement.ref,
      })),
    );
    const t0 = performance.now();
    // The local side, loaded as a set and compiled once for the whole group.
    const local =
      side === 'am'
        ? await loadOpenRemains(tx, [holder])
        : await loadOpenReports(tx, [holder], { crossBorder: true });
    if (local.length > 0) {
      const compiled = compile(side === 'am' ? 'pm' : 'am', local);
      const ctx = createContext({});
      for (const g of group) {
        const subject = side === 'am' ? prepareAm(g.profile) : preparePm(g.profile);
        g.pairs = rankSubject(subject, compiled, ctx, { threshold }).pairs.map((p) => ({
          key: p.id,
          score: p.explained!,
        }));
      }
    }
    stats.profiles += group.length;
    stats.pairs += group.length * local.length;
    stats.scoringMs += performance.now() - t0;
    const old = await scoredForForeign(
      tx,
      foreignNode,
      holder,
      group.map((g) => g.ref),
    );
    for (const g of group) {
      g.old = old.filter((c) => c.foreignRef === g.ref);
    }
    out.push(...group);
  }
  return out;
}
