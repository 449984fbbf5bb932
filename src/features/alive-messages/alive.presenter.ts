// API shapes of possible matches for reviewers (never shown to families).
import type { OpenReportHit } from '../reports/index.js';
import type { AliveMatch, AliveMessage } from './alive.repository.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A list entry: enough to pick what to review, no message content. */
export function presentMatchSummary(x: AliveMatch) {
  return {
    id: x.id,
    reportId: x.reportId,
    country: x.country,
    score: x.score,
    status: x.status,
    senderUnder18: x.senderChild,
    createdAt: iso(x.createdAt),
    decidedAt: iso(x.decidedAt),
    passedOn: x.passedOn,
  };
}

/** One match: the message as the sender wrote it beside the report's names, and why. */
export function presentMatch(x: AliveMatch, m: AliveMessage, report: OpenReportHit | null) {
  return {
    ...presentMatchSummary(x),
    reason: x.reason,
    decidedBy: x.decidedBy,
    passedOnAt: iso(x.passedOnAt),
    evidence: x.evidence,
    message: {
      id: m.id,
      names: m.names,
      birth: m.birth,
      origin: m.origin,
      relatives: m.relatives,
      share: m.share,
      location: m.location,
      note: m.note,
      contact: m.contact,
      under18: m.under18,
      language: m.language,
      sentAt: iso(m.createdAt),
    },
    report: report
      ? {
          id: report.id,
          caseNumber: report.caseNumber,
          names: report.names,
          birth: report.birth,
          relatives: report.relatives,
          child: report.under18,
        }
      : { id: x.reportId, open: false },
  };
}
