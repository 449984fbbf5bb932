// What peers witnessed of this node's audit chain (ADR 0160): countersignatures of checkpoints
// (kept beside the checkpoint file and held by the witnesses themselves) and the witnesses'
// refusals. A database writer who rewrote history and also removed the checkpoint lines that
// showed it cannot remove what a peer countersigned: each countersigned position must still
// carry the countersigned hash, and each countersigned line must still be in the local file.
import type { Queryable } from '../../platform/db/index.js';
import type { CheckpointProblem } from './audit.checkpoints.js';

/** A checkpoint a peer countersigned (its signature already verified by the caller). */
export interface Countersigned {
  witness: string;
  position: number;
  hash: string;
  /** SHA-256 of the checkpoint line it countersigned. */
  digest: string;
}

/** A checkpoint a peer refused to countersign, with its reason. */
export interface WitnessRefusal {
  witness: string;
  position: number;
  reason: string;
}

/** Everything known from witnesses at verification time. */
export interface WitnessEvidence {
  countersigned: Countersigned[];
  refusals: WitnessRefusal[];
  /** Peers that could not be asked. */
  unreachable: string[];
}

/** The peers that countersigned one line of the checkpoint file. */
export interface WitnessedCheckpoint {
  line: number;
  witnesses: string[];
}

/** Compares witnesses' evidence with the chain and the local file's lines (by digest). */
export async function compareWitnessed(
  db: Queryable,
  digests: readonly string[],
  evidence: WitnessEvidence,
  prunedTo: number,
): Promise<{
  problems: CheckpointProblem[];
  perLine: WitnessedCheckpoint[];
  unreachable: string[];
}> {
  const problems: CheckpointProblem[] = [];
  const positions = [...new Set(evidence.countersigned.map((c) => c.position))];
  const rows = positions.length
    ? await db.query<{ position: number; hash: string }>(
        'SELECT position, hash FROM audit_events WHERE position = ANY($1::bigint[])',
        [positions],
      )
    : [];
  const chain = new Map(rows.map((r) => [Number(r.position), r.hash]));
  const seen = new Set<string>();
  for (const c of evidence.countersigned) {
    const key = `${c.witness} ${c.digest}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const hash = chain.get(c.position);
    const base = { chain: 'audit' as const, witness: c.witness, position: c.position };
    if (hash === undefined && c.position > prunedTo) {
      problems.push({
        ...base,
        reason: `countersigned by ${c.witness}; the chain no longer reaches it (truncated)`,
      });
    } else if (hash !== undefined && hash !== c.hash) {
      problems.push({
        ...base,
        reason: `countersigned by ${c.witness} with another hash (history rewritten)`,
      });
    }
    if (!digests.includes(c.digest)) {
      problems.push({
        ...base,
        reason: `countersigned by ${c.witness} but missing from the local checkpoint file (file rewritten)`,
      });
    }
  }
  for (const r of evidence.refusals) {
    problems.push({
      chain: 'audit',
      witness: r.witness,
      position: r.position,
      reason: `${r.witness} refused to countersign: ${r.reason}`,
    });
  }
  const perLine = digests.map((d, i) => ({
    line: i + 1,
    witnesses: [
      ...new Set(evidence.countersigned.filter((c) => c.digest === d).map((c) => c.witness)),
    ].sort(),
  }));
  return { problems, perLine, unreachable: evidence.unreachable };
}
