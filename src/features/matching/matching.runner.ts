// Matching one changed record against the other side of its country and storing the pairs
// above the threshold. Used by the background worker, by the on-demand search, and to rescore
// one pair when a laboratory result or an override is recorded (always in the caller's
// transaction). Across borders (ADR 0081): a local record is also scored against the
// pseudonymous profiles other jurisdictions sent (held by the federation feature), and a
// received profile against the local records whose families consented to cross-border matching.
import type { Queryable } from '../../platform/db/index.js';
import { findIncident } from '../incidents/index.js';
import { findRemains, type Remains } from '../remains/index.js';
import { findReport, type Report } from '../reports/index.js';
import { permits } from '../data-protection/purposes.js';
import { remainsToPm, reportToAm } from './matching.adapters.js';
import { compile, rankSubject } from './matching.batch.js';
import { createSideCache, type SideKey } from './matching.cache.js';
import { createContext } from './matching.context.js';
import { labResultsOf, overridesOf } from './matching.evidence.repository.js';
import { prepareAm, preparePm, type PreparedAm, type PreparedPm } from './matching.profile.js';
import { partIds, pinnedIds, pruneCandidates, upsertScore } from './matching.repository.js';
import { explainPrepared } from './matching.scorer.js';
import { loadOpenRemains, loadOpenReports } from './matching.loader.js';
import type { AmProfile, PairScore, PmProfile } from './matching.types.js';

/** A profile received from another jurisdiction, under its pseudonymous key. */
export type ForeignProfile =
  { key: string; side: 'am'; profile: AmProfile } | { key: string; side: 'pm'; profile: PmProfile };

/** A cross-border pair: the other record's key (foreign key or local id) and the explained score. */
export interface ForeignPair {
  key: string;
  score: PairScore;
}

/** Where profiles of other jurisdictions are held (the federation feature implements it). */
export interface ForeignProfiles {
  /** Profiles of one side held for a local jurisdiction. */
  load(q: Queryable, side: 'am' | 'pm', country: string): Promise<ForeignProfile[]>;
  /** Replaces the unreviewed cross-border candidates of a local record with `pairs`. */
  store(
    q: Queryable,
    local: { side: 'am' | 'pm'; id: string; country: string },
    pairs: ForeignPair[],
  ): Promise<void>;
}

/** Default listing threshold: log10 LR +2 (docs/matching.md: for review, not identification). */
export const DEFAULT_THRESHOLD = 2;

const OPEN_REPORT = ['received', 'under_search', 'possible_match'];
const OPEN_REMAINS = ['unidentified', 'provisionally_identified'];

/** What one run stored. */
export interface RunResult {
  /** Pairs written (candidates above the threshold and pinned pairs). */
  stored: PairScore[];
  /** Unreviewed candidates removed (below the threshold now, or consent withdrawn). */
  pruned: number;
  /** Why nothing was matched, when so. */
  skipped?: 'missing' | 'no_consent' | 'closed';
}

/** True when a record may be matched (open, and for reports with forensic consent). */
export function isOpenReport(report: Report): boolean {
  return OPEN_REPORT.includes(report.status);
}

/** The runner of a node (threshold in log10 LR); `foreign` adds cross-border matching. */
export function createRunner(threshold = DEFAULT_THRESHOLD, foreign?: ForeignProfiles) {
  // The other side of each job, compiled once and kept up to date from the change log.
  const cache = createSideCache();

  /** The PM profile of principal remains, with their parts and the incident's route. */
  async function pmProfile(q: Queryable, remains: Remains): Promise<PmProfile> {
    const parts: Remains[] = [];
    for (const id of await partIds(q, remains.id)) {
      const part = await findRemains(q, id);
      if (part) {
        parts.push(part);
      }
    }
    const incidentId = remains.recovery.incidentId;
    const incident = incidentId ? await findIncident(q, incidentId) : undefined;
    return remainsToPm(remains, { parts, incidentRoute: incident?.route ?? null });
  }

  /** The prepared PM profile of principal remains. */
  async function pmOf(q: Queryable, remains: Remains): Promise<PreparedPm> {
    return preparePm(await pmProfile(q, remains));
  }

  /**
   * Ranks one record against the other side with the batch scorer (compiled once per run, pairs
   * pruned by their upper bound, exactly as the reference scorer ranks them), stores the pairs
   * kept and the pinned ones, and prunes the rest.
   */
  async function run(
    q: Queryable,
    subject: PreparedAm | PreparedPm,
    country: string,
    othersKey: SideKey,
  ): Promise<RunResult> {
    const side = subject.side === 'am' ? 'report' : 'remains';
    const labs = await labResultsOf(q, side, subject.id);
    const overrides = await overridesOf(q, side, subject.id);
    const pinned = await pinnedIds(q, side, subject.id);
    const ctx = createContext({
      labResults: labs,
      overrides: overrides.map((o) => ({ rule: o.rule, amId: o.reportId, pmId: o.remainsId })),
    });
    // Ranked right after the lookup: the cached side changes at the next one.
    const compiled = await cache.side(q, othersKey);
    const ranking = rankSubject(subject, compiled, ctx, { threshold });
    const stored = ranking.pairs.map((p) => p.explained!);
    const listed = new Set(ranking.pairs.map((p) => p.id));
    // Pinned pairs (under review) are rescored and stored whatever their score.
    for (const id of pinned) {
      const j = compiled.index.get(id);
      if (j === undefined || listed.has(id)) {
        continue;
      }
      const other = compiled.records[j]!;
      stored.push(
        subject.side === 'am'
          ? explainPrepared(subject, other as PreparedPm, ctx)
          : explainPrepared(other as PreparedAm, subject, ctx),
      );
    }
    for (const explained of stored) {
      await upsertScore(q, country, explained);
    }
    stored.sort((a, b) => b.score - a.score);
    const keep = stored.map((s) => (side === 'report' ? s.pmId : s.amId));
    return { stored, pruned: await pruneCandidates(q, side, subject.id, keep) };
  }

  /** The pairs of a subject against profiles (local or foreign) at or above the threshold. */
  function rankKeyed(
    subject: PreparedAm | PreparedPm,
    others: { key: string; prepared: PreparedAm | PreparedPm }[],
  ): ForeignPair[] {
    const compiled = compile(
      subject.side === 'am' ? 'pm' : 'am',
      others.map((o) => o.prepared),
    );
    return rankSubject(subject, compiled, createContext({}), { threshold }).pairs.map((p) => ({
      key: others[p.index]!.key,
      score: p.explained!,
    }));
  }

  /** Scores a local record against the foreign profiles held for its country and stores the kept. */
  async function crossBorder(
    q: Queryable,
    local: { side: 'am' | 'pm'; id: string; country: string },
    prepared: PreparedAm | PreparedPm | null,
  ): Promise<void> {
    if (!foreign) {
      return;
    }
    let kept: ForeignPair[] = [];
    if (prepared) {
      const received = await foreign.load(q, local.side === 'am' ? 'pm' : 'am', local.country);
      kept = rankKeyed(
        prepared,
        received.map((f) => ({
          key: f.key,
          prepared: f.side === 'am' ? prepareAm(f.profile) : preparePm(f.profile),
        })),
      );
    }
    await foreign.store(q, local, kept);
  }

  return {
    threshold,

    /** The cache of compiled sides (its counters; `clear` forces a rebuild). */
    cache,

    /**
     * Scores a profile received from another jurisdiction against the open local records of
     * `country` (reports only with forensic and cross-border consent); returns the pairs kept,
     * keyed by local id. Nothing is stored: the federation feature keeps them.
     */
    async scoreForeign(q: Queryable, f: ForeignProfile, country: string): Promise<ForeignPair[]> {
      // The local side loaded as a set (one query, plus one for re-associated parts).
      const local =
        f.side === 'am'
          ? await loadOpenRemains(q, [country])
          : await loadOpenReports(q, [country], { crossBorder: true });
      const subject = f.side === 'am' ? prepareAm(f.profile) : preparePm(f.profile);
      return rankKeyed(
        subject,
        local.map((p) => ({ key: p.id, prepared: p })),
      );
    },

    /** The PM profile of principal remains as the engine sees it (for the federation feature). */
    pmProfile,

    /** Matches a report against the open remains of its country (only with forensic consent). */
    async matchReport(q: Queryable, reportId: string): Promise<RunResult> {
      const report = await findReport(q, reportId);
      if (!report) {
        return { stored: [], pruned: 0, skipped: 'missing' };
      }
      const skipped = !permits(report, 'forensicComparison')
        ? ('no_consent' as const)
        : !OPEN_REPORT.includes(report.status)
          ? ('closed' as const)
          : undefined;
      const local = { side: 'am' as const, id: report.id, country: report.country };
      if (skipped) {
        await crossBorder(q, local, null);
        return { stored: [], pruned: await pruneCandidates(q, 'report', report.id, []), skipped };
      }
      const am = prepareAm(reportToAm(report));
      await crossBorder(q, local, permits(report, 'crossBorderTransfer') ? am : null);
      // The open remains of the country, from the cache (loaded as a set when it is built).
      return run(q, am, report.country, { side: 'pm', countries: [report.country] });
    },

    /** Matches remains (or the remains a part belongs to) against the open reports of the country. */
    async matchRemains(q: Queryable, remainsId: string): Promise<RunResult> {
      let remains = await findRemains(q, remainsId);
      if (remains?.associatedWithId) {
        remains = await findRemains(q, remains.associatedWithId);
      }
      if (!remains) {
        return { stored: [], pruned: 0, skipped: 'missing' };
      }
      const local = { side: 'pm' as const, id: remains.id, country: remains.country };
      if (!OPEN_REMAINS.includes(remains.status)) {
        await crossBorder(q, local, null);
        const pruned = await pruneCandidates(q, 'remains', remains.id, []);
        return { stored: [], pruned, skipped: 'closed' };
      }
      const pm = await pmOf(q, remains);
      await crossBorder(q, local, pm);
      // Open reports with forensic-sharing consent, from the cache.
      return run(q, pm, remains.country, { side: 'am', countries: [remains.country] });
    },

    /** Rescores one pair and stores it whatever its score (a reviewer added evidence). */
    async rescorePair(q: Queryable, report: Report, remains: Remains): Promise<PairScore> {
      const labs = await labResultsOf(q, 'report', report.id);
      const overrides = await overridesOf(q, 'report', report.id);
      const ctx = createContext({
        labResults: labs.filter((l) => l.pmId === remains.id),
        overrides: overrides
          .filter((o) => o.remainsId === remains.id)
          .map((o) => ({ rule: o.rule, amId: o.reportId, pmId: o.remainsId })),
      });
      const explained = explainPrepared(prepareAm(reportToAm(report)), await pmOf(q, remains), ctx);
      await upsertScore(q, report.country, explained);
      return explained;
    },
  };
}

/** A node's runner. */
export type Runner = ReturnType<typeof createRunner>;
