// Signed checkpoints of the audit chain head and of the custody chains' heads, kept outside the
// database (issue 15 item 6, ADRs 0103 and 0104). A database writer can truncate a chain, delete
// the last custody event and rewind `custody_heads`, or recompute every hash after an edit, and
// the chains still verify on their own; it cannot rewrite a file it does not reach, nor sign
// with the node key. Each checkpoint is a JWS (EdDSA, node key) of {position, hash, at, custody},
// one per line in `<DATA_DIR>/checkpoints/audit.jsonl` (or AUDIT_CHECKPOINT_FILE); `custody`
// lists the custody heads that moved since the file's previous checkpoint. Verification re-walks
// the audit chain (`verifyChain`) and reports every checkpoint a chain no longer reaches.
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import type { Database } from '../../platform/db/index.js';
import { TOKEN_ALG, type SigningKeys } from '../../platform/crypto/index.js';
import { verifyChain, type ChainVerification } from './audit.service.js';
import { chainStart } from './audit.prune.js';
import {
  compareWitnessed,
  type WitnessEvidence,
  type WitnessedCheckpoint,
} from './audit.witnessed.js';

/** The head of one remains' custody chain at a checkpoint. */
export interface CustodyHeadMark {
  remainsId: string;
  position: number;
  hash: string;
}

/** What one checkpoint asserts. */
export interface Checkpoint {
  /** Position of the audit chain head when the checkpoint was taken. */
  position: number;
  /** Hash of that event. */
  hash: string;
  /** When it was taken (ISO 8601). */
  at: string;
  /** Custody heads that moved since the previous checkpoint in the file. */
  custody?: CustodyHeadMark[];
}

/** A checkpoint that a chain no longer reaches, or whose signature fails. */
export interface CheckpointProblem {
  /** Line in the local file (absent for a checkpoint known only from a witness). */
  line?: number;
  /** The peer whose countersignature or witness record shows the problem. */
  witness?: string;
  /** Which chain: the audit trail, or one remains' custody chain. */
  chain: 'audit' | 'custody';
  /** The remains whose custody chain no longer reaches the checkpoint. */
  remainsId?: string;
  position?: number;
  reason: string;
}

/** The chain's own verification plus the checkpoints it was compared with. */
export interface CheckpointVerification extends ChainVerification {
  checkpoints: number;
  checkpointProblems: CheckpointProblem[];
  /** Per checkpoint line, the peers that countersigned it (ADR 0160). */
  checkpointWitnesses: WitnessedCheckpoint[];
  /** Peers that could not be asked for their witness record. */
  witnessesUnreachable: string[];
}

/** A checkpoint just signed into the file, with what peers need to witness it. */
export interface SignedCheckpoint {
  checkpoint: Checkpoint;
  /** The line written (JWS by the token-signing key). */
  jws: string;
  /** SHA-256 (base64url) of that line: how countersignatures name it. */
  digest: string;
  /** The file's previous checkpoint and the hash the chain has at its position now. */
  previous?: { position: number; hash: string };
}

/** SHA-256 (base64url) of a checkpoint line. */
export function lineDigest(jws: string): string {
  return createHash('sha256').update(jws).digest('base64url');
}

const TYP = 'ariadne-audit-checkpoint';

async function auditHead(db: Database): Promise<{ position: number; hash: string } | undefined> {
  const [row] = await db.query<{ position: number; hash: string }>(
    `SELECT position, hash FROM audit_events WHERE position IS NOT NULL
     ORDER BY position DESC LIMIT 1`,
  );
  return row ? { position: Number(row.position), hash: row.hash } : undefined;
}

async function custodyHeads(db: Database): Promise<CustodyHeadMark[]> {
  const rows = await db.query<CustodyHeadMark>(
    `SELECT remains_id AS "remainsId", position, hash FROM custody_heads ORDER BY remains_id`,
  );
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}

async function readLines(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') {
      return '';
    }
    throw err;
  });
  return text.split('\n').filter((l) => l.trim() !== '');
}

/** The payload of a line without checking its signature (only to know what was written). */
function unverifiedPayload(jws: string): Checkpoint | undefined {
  try {
    const payload = jws.split('.')[1] ?? '';
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Checkpoint;
  } catch {
    return undefined;
  }
}

/**
 * Takes a signed checkpoint of the (verified) audit chain head and of every custody head that
 * moved since the file's last checkpoint, and appends it to the file. Returns undefined when
 * there is nothing to checkpoint yet.
 */
export async function writeCheckpoint(
  db: Database,
  keys: SigningKeys,
  file: string,
): Promise<Checkpoint | undefined> {
  return (await signCheckpoint(db, keys, file))?.checkpoint;
}

/** Like writeCheckpoint, and returns the line and the file's previous checkpoint (for witnesses). */
export async function signCheckpoint(
  db: Database,
  keys: SigningKeys,
  file: string,
): Promise<SignedCheckpoint | undefined> {
  const verified = await verifyChain(db);
  if (!verified.ok) {
    throw new Error(`audit chain does not verify: ${JSON.stringify(verified.firstBroken)}`);
  }
  const top = await auditHead(db);
  if (!top) {
    return undefined;
  }
  const known = new Map<string, string>();
  const lines = await readLines(file);
  for (const line of lines) {
    for (const mark of unverifiedPayload(line)?.custody ?? []) {
      known.set(mark.remainsId, `${mark.position}:${mark.hash}`);
    }
  }
  const moved = (await custodyHeads(db)).filter(
    (h) => known.get(h.remainsId) !== `${h.position}:${h.hash}`,
  );
  const checkpoint: Checkpoint = {
    ...top,
    at: new Date().toISOString(),
    ...(moved.length > 0 ? { custody: moved } : {}),
  };
  const { kid, key } = await keys.activeSigner();
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(checkpoint)))
    .setProtectedHeader({ alg: TOKEN_ALG, kid, typ: TYP })
    .sign(key);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await appendFile(file, `${jws}\n`, { mode: 0o600 });
  const last = lines.length > 0 ? unverifiedPayload(lines[lines.length - 1]!) : undefined;
  const [now] = last
    ? await db.query<{ hash: string }>('SELECT hash FROM audit_events WHERE position = $1', [
        last.position,
      ])
    : [];
  return {
    checkpoint,
    jws,
    digest: lineDigest(jws),
    ...(last && now ? { previous: { position: Number(last.position), hash: now.hash } } : {}),
  };
}

async function verifyLine(keys: SigningKeys, jws: string): Promise<Checkpoint | string> {
  try {
    const { kid, typ } = decodeProtectedHeader(jws);
    const key = typeof kid === 'string' ? await keys.verificationKey(kid) : undefined;
    if (!key) {
      return 'signed with a key this node does not know';
    }
    if (typ !== TYP) {
      return 'not an audit checkpoint';
    }
    const { payload } = await compactVerify(jws, key, { algorithms: [TOKEN_ALG] });
    return JSON.parse(new TextDecoder().decode(payload)) as Checkpoint;
  } catch {
    return 'signature does not verify';
  }
}

async function auditProblem(db: Database, line: number, cp: Checkpoint, prunedTo: number) {
  const [row] = await db.query<{ hash: string }>(
    'SELECT hash FROM audit_events WHERE position = $1',
    [cp.position],
  );
  if (!row && cp.position <= prunedTo) {
    // Behind the retention anchor: pruned on purpose, and the chain verifies from the anchor.
    return undefined;
  }
  if (!row) {
    return {
      line,
      chain: 'audit' as const,
      position: cp.position,
      reason: 'the chain no longer reaches this checkpoint (truncated)',
    };
  }
  if (row.hash !== cp.hash) {
    return {
      line,
      chain: 'audit' as const,
      position: cp.position,
      reason: 'the event at this checkpoint has another hash (history rewritten)',
    };
  }
  return undefined;
}

async function custodyProblems(db: Database, line: number, marks: readonly CustodyHeadMark[]) {
  if (marks.length === 0) {
    return [];
  }
  const rows = await db.query<{ remainsId: string; position: number; hash: string }>(
    `SELECT e.remains_id AS "remainsId", e.position, e.hash
     FROM custody_events e
     JOIN unnest($1::uuid[], $2::int[]) AS m(remains_id, position)
       ON m.remains_id = e.remains_id AND m.position = e.position`,
    [marks.map((m) => m.remainsId), marks.map((m) => m.position)],
  );
  const found = new Map(rows.map((r) => [`${r.remainsId}:${Number(r.position)}`, r.hash]));
  const problems: CheckpointProblem[] = [];
  for (const m of marks) {
    const hash = found.get(`${m.remainsId}:${m.position}`);
    if (hash === m.hash) {
      continue;
    }
    problems.push({
      line,
      chain: 'custody',
      remainsId: m.remainsId,
      position: m.position,
      reason:
        hash === undefined
          ? 'the custody chain no longer reaches this checkpoint (truncated)'
          : 'the custody event at this checkpoint has another hash (history rewritten)',
    });
  }
  return problems;
}

/**
 * Verifies the audit chain, then every checkpoint in the file against the audit and custody
 * chains, then what peers witnessed (their countersignatures and refusals, ADR 0160) when
 * `witnesses` is given.
 */
export async function verifyWithCheckpoints(
  db: Database,
  keys: SigningKeys,
  file: string,
  witnesses?: () => Promise<WitnessEvidence>,
): Promise<CheckpointVerification> {
  const chain = await verifyChain(db);
  const lines = await readLines(file);
  const problems: CheckpointProblem[] = [];
  const pruned = await chainStart(db);
  for (const [i, jws] of lines.entries()) {
    const line = i + 1;
    const cp = await verifyLine(keys, jws);
    if (typeof cp === 'string') {
      problems.push({ line, chain: 'audit', reason: cp });
      continue;
    }
    const audit = await auditProblem(db, line, cp, pruned.position);
    if (audit) {
      problems.push(audit);
    }
    problems.push(...(await custodyProblems(db, line, cp.custody ?? [])));
  }
  const witnessed = witnesses
    ? await compareWitnessed(db, lines.map(lineDigest), await witnesses(), pruned.position)
    : { problems: [], perLine: [], unreachable: [] };
  problems.push(...witnessed.problems);
  return {
    ...chain,
    ok: chain.ok && problems.length === 0,
    checkpoints: lines.length,
    checkpointProblems: problems,
    checkpointWitnesses: witnessed.perLine,
    witnessesUnreachable: witnessed.unreachable,
  };
}

/** One checkpoint of the file as the auditors' page lists it, checked on its own. */
export interface ListedCheckpoint {
  line: number;
  /** The checkpoint, unless its line does not verify. */
  checkpoint?: Checkpoint;
  /** What no longer holds: bad signature, audit event rewritten or gone, custody head moved back. */
  problems: string[];
}

/**
 * The file's checkpoints, newest first, each checked against the chains without walking them:
 * its signature, the audit event at its position, and the custody events it marks. (A full
 * verification also re-walks the audit chain: `verifyWithCheckpoints`.)
 */
export async function listCheckpoints(
  db: Database,
  keys: SigningKeys,
  file: string,
  limit = 50,
): Promise<{ items: ListedCheckpoint[]; total: number }> {
  const lines = await readLines(file);
  const pruned = await chainStart(db);
  const items: ListedCheckpoint[] = [];
  for (let i = lines.length - 1; i >= 0 && items.length < limit; i -= 1) {
    const line = i + 1;
    const cp = await verifyLine(keys, lines[i]!);
    if (typeof cp === 'string') {
      items.push({ line, problems: [cp] });
      continue;
    }
    const problems = [
      await auditProblem(db, line, cp, pruned.position),
      ...(await custodyProblems(db, line, cp.custody ?? [])),
    ]
      .filter((p) => p !== undefined)
      .map((p) => p.reason);
    items.push({ line, checkpoint: cp, problems });
  }
  return { items, total: lines.length };
}
