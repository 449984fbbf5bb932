// A received message: its types, the inbox row and audit event it leaves, and the audit of
// refusals (an event each, nothing else). Pure mappings except auditRefusals and refuse.
import type { Database, Queryable } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { getLogger } from '../../platform/logger.js';
import { recordAuditMany } from '../audit/index.js';
import type { MessageClaims, MessageRejected } from './federation.envelope.js';
import type { AgreementRow, MessageKind, PeerRow } from './federation.repository.js';

const log = getLogger('federation');

/** A verified message handed to its kind's handler. */
export interface ReceivedMessage {
  claims: MessageClaims;
  /** The payload (decrypted when it travelled encrypted). */
  body: unknown;
  /** The sending peer, or 'self' for a jurisdiction hosted on this node. */
  peer: PeerRow | 'self';
  agreement: AgreementRow;
  kind: MessageKind;
}

/** Applies a message's effect in the receiving transaction (throw MessageRejected to refuse). */
export type MessageHandler = (tx: Queryable, msg: ReceivedMessage) => Promise<void>;

/** Optional parts of a kind's handling. */
export interface HandlerOptions {
  /** Checks a message before anything is written (pure); throw MessageRejected to refuse it. */
  check?: (msg: ReceivedMessage) => void;
  /**
   * Applies consecutive messages of the kind from one batch together (each passed `check`);
   * must not refuse any (a throw rolls the whole batch back, to be sent again).
   */
  many?: (tx: Queryable, msgs: ReceivedMessage[]) => Promise<void>;
}

/** A kind's registered handling: the handler of one message and its options. */
export type RegisteredHandler = HandlerOptions & { one: MessageHandler };

/** A refusal to audit: why, and what is known of the message. */
export interface Refusal {
  err: MessageRejected;
  context: Record<string, unknown>;
}

/** The inbox row that records a message's jti (and so refuses its replay). */
export const inboxEntry = (m: ReceivedMessage) => ({
  jti: m.claims.jti,
  issuer: m.claims.iss,
  kind: m.kind.kind,
  from: m.claims.frm,
  to: m.claims.to,
  subjectKey: m.claims.sub,
  agreementRef: m.agreement.ref,
});

/** The audit event of an applied message. */
export const receivedAudit = (m: ReceivedMessage) => ({
  action: 'federation_receive',
  subjectType: 'FederationMessage',
  subjectId: m.claims.jti,
  subjectCountry: m.claims.to,
  purpose: m.kind.purpose,
  details: {
    kind: m.kind.kind,
    from: m.claims.frm,
    issuer: m.claims.iss,
    agreement: m.agreement.ref,
  },
});

/** What a refusal's audit event records of a message's claims. */
export const contextOf = (c: Partial<MessageClaims>) => ({
  iss: c.iss,
  jti: c.jti,
  kind: c.knd,
  from: c.frm,
  to: c.to,
});

/** Audits refusals in their own transaction: an event each, nothing else. */
export async function auditRefusals(db: Database, refusals: Refusal[]): Promise<void> {
  if (refusals.length === 0) {
    return;
  }
  await db.transaction((tx) =>
    recordAuditMany(
      tx,
      null,
      refusals.map(({ err, context }) => ({
        action: 'federation_reject',
        subjectType: 'FederationMessage',
        subjectId: typeof context.jti === 'string' ? context.jti : null,
        subjectCountry: typeof context.to === 'string' ? context.to : null,
        details: { reason: err.reason, ...context },
      })),
    ),
  );
  for (const { err, context } of refusals) {
    log.warn('message rejected', { reason: err.reason, issuer: context.iss, kind: context.kind });
  }
}

/** Refuses a whole message or envelope: audited, then thrown as MESSAGE_REJECTED. */
export async function refuse(
  db: Database,
  err: MessageRejected,
  context: Record<string, unknown>,
): Promise<never> {
  await auditRefusals(db, [{ err, context }]);
  throw new AppError('MESSAGE_REJECTED', err.message, { reason: err.reason });
}
