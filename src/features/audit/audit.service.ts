import type { Database, Queryable } from '../../platform/db/index.js';
import { accessibleWhere, authorizeType, type Actor } from '../../platform/authz/index.js';
import type { Page } from '../../platform/http/index.js';
import { hashEvent } from './audit.chain.js';
import { chainStart } from './audit.prune.js';
import {
  eventsAfter,
  insertEvent,
  insertEvents,
  listEvents,
  type AuditFilter,
  type AuditRow,
  type ListedAuditEvent,
} from './audit.repository.js';
import { createAuditSealer, notifySealer, sealerBacklog, sealPending } from './audit.sealer.js';
import type { SigningKeys } from '../../platform/crypto/index.js';
import { getLogger } from '../../platform/logger.js';
import {
  signCheckpoint,
  verifyWithCheckpoints,
  type Checkpoint,
  listCheckpoints,
  type CheckpointVerification,
  type SignedCheckpoint,
} from './audit.checkpoints.js';
import type { WitnessEvidence } from './audit.witnessed.js';

/** Who did something: a user, or null for the system itself. */
export interface AuditActor {
  id: string;
  role: string;
  country: string;
  requestId?: string;
}

/** What happened, to what, and why. */
export interface AuditEntry {
  /** Verb: create, read, update, list, login, … */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** Country the subject belongs to (scopes auditors' reads). */
  subjectCountry?: string | null;
  /** Fields read or changed (names only, never values). */
  fields?: string[];
  /** Purpose of the processing. */
  purpose?: string;
  /** Non-personal context: ids, counts, reasons. */
  details?: Record<string, unknown>;
}

/** Result of checking the chain. */
export interface ChainVerification {
  ok: boolean;
  /** Events checked. */
  checked: number;
  /** Hash of the last event (compare with an earlier published head to detect truncation). */
  headHash: string;
  /** First broken link, if any. */
  firstBroken?: { position: number; reason: string };
}

/**
 * Records an audit event in the caller's transaction: it commits or rolls back with the work.
 * No lock is taken; the background sealer gives the event its place in the hash chain after
 * commit (ADR 0120).
 */
export async function recordAudit(
  tx: Queryable,
  actor: AuditActor | null,
  entry: AuditEntry,
  requestId: string | null = actor?.requestId ?? null,
): Promise<void> {
  await insertEvent(tx, {
    at: new Date(),
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    actorCountry: actor?.country ?? null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    subjectCountry: entry.subjectCountry ?? null,
    fields: entry.fields ?? [],
    purpose: entry.purpose ?? null,
    requestId,
    details: entry.details ?? {},
  });
  notifySealer();
}

/** Records several events of one actor in one statement (a batch of node messages). */
export async function recordAuditMany(
  tx: Queryable,
  actor: AuditActor | null,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) {
    return;
  }
  const at = new Date();
  await insertEvents(
    tx,
    entries.map((entry) => ({
      at,
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      actorCountry: actor?.country ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      subjectCountry: entry.subjectCountry ?? null,
      fields: entry.fields ?? [],
      purpose: entry.purpose ?? null,
      requestId: actor?.requestId ?? null,
      details: entry.details ?? {},
    })),
  );
  notifySealer();
}

/**
 * Walks the whole chain and reports the first broken link (edited, deleted, inserted or reordered
 * rows). Given the database (not a transaction), it first seals every event committed so far, so
 * the verification covers everything recorded before it started.
 */
export async function verifyChain(db: Queryable, pageSize = 2000): Promise<ChainVerification> {
  if (isDatabase(db)) {
    await sealPending(db);
  }
  // After a retention prune the chain starts at the newest anchor (ADR 0141).
  const start = await chainStart(db);
  let expectedPosition = start.position + 1;
  let prevHash = start.hash;
  let checked = 0;
  for (;;) {
    const page = await eventsAfter(db, expectedPosition - 1, pageSize);
    for (const row of page) {
      const broken = checkLink(row, expectedPosition, prevHash);
      if (broken) {
        return { ok: false, checked, headHash: prevHash, firstBroken: broken };
      }
      prevHash = row.hash;
      expectedPosition += 1;
      checked += 1;
    }
    if (page.length < pageSize) {
      return { ok: true, checked, headHash: prevHash };
    }
  }
}

function isDatabase(q: Queryable): q is Database {
  return typeof (q as Partial<Database>).transaction === 'function';
}

function checkLink(row: AuditRow, position: number, prevHash: string) {
  if (row.position !== position) {
    return { position, reason: `event ${position} is missing` };
  }
  if (row.prevHash !== prevHash) {
    return { position, reason: 'does not link to the event before it' };
  }
  const { hash, ...content } = row;
  if (hashEvent(content) !== hash) {
    return { position, reason: 'content does not match its hash' };
  }
  return undefined;
}

/** Where signed checkpoints are kept (outside the database) and the key that signs them. */
export interface CheckpointSettings {
  keys: SigningKeys;
  file: string;
  /** Minutes between the checkpoints `checkpointer` writes (0: none). */
  everyMinutes: number;
  /** Peers that witness checkpoints (the federation's; ADR 0160), when wired. */
  witness?: () => CheckpointWitness | undefined;
}

/** Sends checkpoints to peers for countersigning and collects what they witnessed. */
export interface CheckpointWitness {
  /** Queues the checkpoint to every peer whose agreement lists audit.checkpoint. */
  share(signed: SignedCheckpoint): Promise<void>;
  /** Countersignatures kept here and asked of the peers, and their refusals. */
  evidence(): Promise<WitnessEvidence>;
}

/** Signs a checkpoint into the file and hands it to the witnesses. */
async function checkpointOnce(
  db: Database,
  settings: CheckpointSettings,
): Promise<Checkpoint | undefined> {
  const signed = await signCheckpoint(db, settings.keys, settings.file);
  const witness = settings.witness?.();
  if (signed && witness) {
    await witness.share(signed);
  }
  return signed?.checkpoint;
}

/** Writes a checkpoint every few minutes (server.ts starts it); its timer never holds the process. */
function createCheckpointer(db: Database, settings: CheckpointSettings) {
  const log = getLogger('audit');
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const once = () => {
    running = checkpointOnce(db, settings).catch((err: unknown) => {
      log.error('audit checkpoint not written', { error: String(err) });
    });
    return running;
  };
  return {
    start() {
      if (settings.everyMinutes > 0 && !timer) {
        void once();
        timer = setInterval(() => void once(), settings.everyMinutes * 60_000);
        timer.unref();
      }
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

/** Audit reads for auditors: filtered in SQL by their rules. */
export function createAuditService(db: Database, checkpoints: CheckpointSettings) {
  return {
    /** Lists events the actor may read, newest first. */
    async list(actor: Actor, filter: AuditFilter): Promise<Page<ListedAuditEvent>> {
      authorizeType(actor, 'read', 'AuditEvent');
      const access = accessibleWhere(actor.ability, 'read', 'AuditEvent', {
        actorCountry: 'actor_country',
        subjectCountry: 'subject_country',
      });
      const { rows, total } = await listEvents(db, access, filter);
      return { items: rows, total, limit: filter.limit, offset: filter.offset };
    },
    /** Verifies the chain and the signed checkpoints kept outside the database (auditors only). */
    async verify(actor: Actor): Promise<CheckpointVerification> {
      authorizeType(actor, 'verify', 'AuditTrail');
      const witness = checkpoints.witness?.();
      return verifyWithCheckpoints(
        db,
        checkpoints.keys,
        checkpoints.file,
        witness ? () => witness.evidence() : undefined,
      );
    },
    /** Signs a checkpoint of the audit and custody heads, appends it, sends it to witnesses. */
    checkpoint: () => checkpointOnce(db, checkpoints),
    /** Where checkpoints go and who witnesses them (tests point a node at its own file). */
    settings: checkpoints,
    /** The signed checkpoints, newest first, each checked against the chains (auditors only). */
    async listCheckpoints(actor: Actor) {
      authorizeType(actor, 'verify', 'AuditTrail');
      return listCheckpoints(db, checkpoints.keys, checkpoints.file);
    },
    /** An auditor takes a checkpoint now (sent to witnesses like the timer's); the act is audited. */
    async takeCheckpoint(actor: Actor) {
      authorizeType(actor, 'verify', 'AuditTrail');
      const cp = await checkpointOnce(db, checkpoints);
      await db.transaction((tx) =>
        recordAudit(tx, actor, {
          action: 'checkpoint',
          subjectType: 'AuditTrail',
          purpose: 'audit',
          details: { position: cp?.position ?? null, custodyHeads: cp?.custody?.length ?? 0 },
        }),
      );
      return cp;
    },
    /** The process's periodic checkpoint writer (server.ts starts it). */
    checkpointer: createCheckpointer(db, checkpoints),
    /** How far the sealer is behind: unsealed events and the age of the oldest (for /health). */
    backlog: () => sealerBacklog(db),
    /** The process's background sealer (server.ts starts it; tests seal on demand). */
    sealer: createAuditSealer(db),
  };
}

/** The audit service's interface. */
export type AuditService = ReturnType<typeof createAuditService>;
