// Signed checkpoints of the audit chain head, kept outside the database (issue 15 item 6, ADR 0103).
// A database writer can truncate the chain or recompute every hash after an edit, and the chain
// still verifies on its own; it cannot rewrite a file it does not reach, nor sign with the node
// key. Each checkpoint is a JWS (EdDSA, node key) of {position, hash, at}, one per line in
// `<DATA_DIR>/checkpoints/audit.jsonl` (or AUDIT_CHECKPOINT_FILE). Verification re-walks the chain
// (`verifyChain`) and reports every checkpoint the chain no longer reaches.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import type { Database } from '../../platform/db/index.js';
import { TOKEN_ALG, type SigningKeys } from '../../platform/crypto/index.js';
import { verifyChain, type ChainVerification } from './audit.service.js';
import { chainStart } from './audit.prune.js';

/** What one checkpoint asserts. */
export interface Checkpoint {
  /** Position of the chain head when the checkpoint was taken. */
  position: number;
  /** Hash of that event. */
  hash: string;
  /** When it was taken (ISO 8601). */
  at: string;
}

/** A checkpoint that the chain no longer reaches, or whose signature fails. */
export interface CheckpointProblem {
  line: number;
  position?: number;
  reason: string;
}

/** The chain's own verification plus the checkpoints it was compared with. */
export interface CheckpointVerification extends ChainVerification {
  checkpoints: number;
  checkpointProblems: CheckpointProblem[];
}

async function head(db: Database): Promise<{ position: number; hash: string } | undefined> {
  const [row] = await db.query<{ position: number; hash: string }>(
    `SELECT position, hash FROM audit_events WHERE position IS NOT NULL
     ORDER BY position DESC LIMIT 1`,
  );
  return row ? { position: Number(row.position), hash: row.hash } : undefined;
}

/** Takes a signed checkpoint of the (verified) chain head and appends it to the file. */
export async function writeCheckpoint(
  db: Database,
  keys: SigningKeys,
  file: string,
): Promise<Checkpoint | undefined> {
  const verified = await verifyChain(db);
  if (!verified.ok) {
    throw new Error(`audit chain does not verify: ${JSON.stringify(verified.firstBroken)}`);
  }
  const top = await head(db);
  if (!top) {
    return undefined;
  }
  const checkpoint: Checkpoint = { ...top, at: new Date().toISOString() };
  const { kid, key } = await keys.activeSigner();
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(checkpoint)))
    .setProtectedHeader({ alg: TOKEN_ALG, kid, typ: 'ariadne-audit-checkpoint' })
    .sign(key);
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, `${jws}\n`, { mode: 0o600 });
  return checkpoint;
}

/** Verifies the chain and every checkpoint in the file against it. */
export async function verifyWithCheckpoints(
  db: Database,
  keys: SigningKeys,
  file: string,
): Promise<CheckpointVerification> {
  const chain = await verifyChain(db);
  const text = await readFile(file, 'utf8').catch(() => '');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const problems: CheckpointProblem[] = [];
  const pruned = await chainStart(db);
  for (const [i, jws] of lines.entries()) {
    const line = i + 1;
    let cp: Checkpoint;
    try {
      const { kid } = decodeProtectedHeader(jws);
      const key = typeof kid === 'string' ? await keys.verificationKey(kid) : undefined;
      if (!key) {
        problems.push({ line, reason: 'signed with a key this node does not know' });
        continue;
      }
      const { payload } = await compactVerify(jws, key, { algorithms: [TOKEN_ALG] });
      cp = JSON.parse(new TextDecoder().decode(payload)) as Checkpoint;
    } catch {
      problems.push({ line, reason: 'signature does not verify' });
      continue;
    }
    const [row] = await db.query<{ hash: string }>(
      'SELECT hash FROM audit_events WHERE position = $1',
      [cp.position],
    );
    if (!row && cp.position <= pruned.position) {
      // Behind the retention anchor: pruned on purpose, and the chain verifies from the anchor.
      continue;
    }
    if (!row) {
      problems.push({
        line,
        position: cp.position,
        reason: 'the chain no longer reaches this checkpoint (truncated)',
      });
    } else if (row.hash !== cp.hash) {
      problems.push({
        line,
        position: cp.position,
        reason: 'the event at this checkpoint has another hash (history rewritten)',
      });
    }
  }
  return {
    ...chain,
    ok: chain.ok && problems.length === 0,
    checkpoints: lines.length,
    checkpointProblems: problems,
  };
}
