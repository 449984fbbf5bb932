// Whether an open report may be the search for the sender of a message: the names (through the
// reports search and platform/names), then birth dates and the relatives each side names.
import {
  alignNames,
  nameTokens,
  recordTokens,
  type WeightedToken,
} from '../../platform/names/index.js';
import type { OpenReportHit } from '../reports/index.js';
import type { AliveMessage } from './alive.repository.js';

/** Below this names score a report is not proposed. */
export const MIN_ALIVE_SCORE = 0.55;
/** Two relatives' names align at or above this. */
const RELATIVE_NAME_SCORE = 0.7;
/** Birth years further apart than this exclude the report (ages are often guessed). */
const BIRTH_TOLERANCE_YEARS = 5;

/** Why a report was proposed: every piece a reviewer checks, no decision. */
export interface AliveEvidence {
  nameScore: number;
  /** Which of the sender's words matched which of the report's, and how. */
  names: { query: string; record: string; similarity: number; how: string }[];
  birth: 'agrees' | 'differs' | 'unknown';
  /** Relatives the sender named that the report names too. */
  relatives: { sender: string; report: string; score: number }[];
}

const year = (iso: string) => Number(iso.slice(0, 4));

function birthAgreement(
  a: AliveMessage['birth'],
  b: OpenReportHit['birth'],
): { agreement: AliveEvidence['birth']; gap: number } {
  if (!a || !b) {
    return { agreement: 'unknown', gap: 0 };
  }
  const gap = Math.max(0, year(a.earliest) - year(b.latest), year(b.earliest) - year(a.latest));
  return { agreement: gap <= 1 ? 'agrees' : 'differs', gap };
}

function relativesInCommon(sender: readonly string[], report: readonly string[]) {
  const out: AliveEvidence['relatives'] = [];
  for (const s of sender) {
    const line: WeightedToken[] = nameTokens(s).map((t) => ({ ...t, weight: 1 }));
    let best = { report: '', score: 0 };
    for (const r of report) {
      const m = alignNames(line, recordTokens([{ kind: 'given', value: r }], nameTokens));
      if (m.score > best.score) {
        best = { report: r, score: m.score };
      }
    }
    if (best.score >= RELATIVE_NAME_SCORE) {
      out.push({ sender: s, report: best.report, score: Number(best.score.toFixed(3)) });
    }
  }
  return out;
}

/**
 * Scores one report against a message, or null when it should not be proposed: names too far
 * apart, or birth years further apart than the tolerance. Relatives named on both sides raise
 * the score; a birth year that agrees raises it a little.
 */
export function assessHit(
  message: Pick<AliveMessage, 'birth' | 'relatives'>,
  hit: OpenReportHit,
): { score: number; evidence: AliveEvidence } | null {
  const birth = birthAgreement(message.birth, hit.birth);
  if (birth.gap > BIRTH_TOLERANCE_YEARS) {
    return null;
  }
  const relatives = relativesInCommon(message.relatives, hit.relatives);
  if (hit.score < MIN_ALIVE_SCORE && relatives.length === 0) {
    return null;
  }
  const score =
    hit.score +
    0.15 * Math.min(relatives.length, 2) +
    (birth.agreement === 'agrees' ? 0.05 : birth.agreement === 'differs' ? -0.1 : 0);
  return {
    score: Number(score.toFixed(4)),
    evidence: {
      nameScore: hit.score,
      names: hit.match.words.map((w) => ({
        query: w.query,
        record: w.record,
        similarity: w.similarity,
        how: w.how,
      })),
      birth: birth.agreement,
      relatives,
    },
  };
}
