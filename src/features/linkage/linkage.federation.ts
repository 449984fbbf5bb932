// Record linkage over the transnational channel (ADR 0131). Every linkage message is a channel
// message: signed by the sending node, encrypted to the receiving node where it carries encodings,
// pairs or a secret package, checked against an exchange agreement in force that lists its kind,
// replay-checked by jti and audited on both sides. Jurisdictions on one node loop back through
// the same protocol. Secret packages stay JWEs for one member (sealed to the receiving node's
// encryption key) and are opened after the receiving transaction.
import type { Database, Queryable } from '../../platform/db/index.js';
import {
  MessageRejected,
  peerForJurisdiction,
  type Channel,
  type FederationService,
  type ReceivedMessage,
} from '../federation/index.js';
import {
  openSecret,
  peekSecret,
  type LinkageTransport,
  type PairsMessage,
  type RecipientKey,
  type SubmitMessage,
  type UnitMessage,
  type WithdrawMessage,
} from './linkage.messages.js';
import type { SecretScope } from './linkage.keys.js';
import { findMemberAgreement } from './linkage.member.repository.js';
import type { LinkageMemberService } from './linkage.member.service.js';
import type { LinkageReview } from './linkage.review.js';
import type { LinkageUnitService } from './linkage.unit.service.js';
import { findUnitAgreement } from './linkage.unit.repository.js';
import { receiveBilateral, withdrawBilateral } from './linkage.bilateral.js';

/** Subject key of an agreement's stream between two jurisdictions (kept in order by the outbox). */
const streamOf = (agreementId: string, from: string, to: string) =>
  `pprl:${agreementId}:${from}>${to}`;

/** The linkage transport of the transnational channel. */
export class FederationLinkageTransport implements LinkageTransport {
  constructor(
    private readonly db: Database,
    private readonly federation: () => FederationService,
  ) {}

  private get channel(): Channel {
    return this.federation().channel;
  }

  async toUnit(message: UnitMessage, to: string[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const j of to) {
        await this.channel.send(tx, {
          kind: message.type,
          from: message.member,
          to: j,
          subjectKey: streamOf(message.agreementId, message.member, j),
          body: message,
        });
      }
    });
  }

  async toMember(message: PairsMessage): Promise<void> {
    const from =
      message.sender ?? (await findUnitAgreement(this.db, message.agreementId))?.operatorCountry;
    if (!from) {
      return;
    }
    await this.db.transaction((tx) =>
      this.channel.send(tx, {
        kind: 'pprl.pairs',
        from,
        to: message.member,
        subjectKey: streamOf(message.agreementId, from, message.member),
        body: message,
      }),
    );
  }

  async memberKey(country: string): Promise<RecipientKey> {
    const f = this.federation();
    const peer = f.jurisdictions.includes(country)
      ? ('self' as const)
      : await peerForJurisdiction(this.db, country);
    const key = peer ? await f.trust.encryptionKey(peer) : undefined;
    if (!key) {
      throw new Error(`no encryption key of a node hosting ${country}`);
    }
    return key;
  }

  async sendSecret(from: string, to: string, scope: SecretScope, jwe: string): Promise<void> {
    await this.db.transaction((tx) =>
      this.channel.send(tx, {
        kind: 'pprl.secret',
        from,
        to,
        subjectKey: streamOf(scope.agreementId, from, to),
        body: { agreementId: scope.agreementId, secretVersion: scope.secretVersion, jwe },
      }),
    );
  }

  async openSecret(country: string, jwe: string) {
    const { kid } = peekSecret(jwe);
    const own = kid ? await this.federation().keys.privateByKid(kid) : undefined;
    if (!own || !this.federation().jurisdictions.includes(country)) {
      throw new Error('the secret package is not sealed to this node');
    }
    return openSecret(jwe, own.key);
  }
}

/** Rejects a message whose body does not name its sending jurisdiction. */
function fromSender<T extends { member?: unknown }>(msg: ReceivedMessage): T {
  const b = msg.body as T | undefined;
  if (!b || typeof b !== 'object' || b.member !== msg.claims.frm) {
    throw new MessageRejected('MALFORMED', 'A linkage message is sent by the member it names');
  }
  return b;
}

/** Turns "no such agreement here" into a refusal the sender sees. */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof MessageRejected) {
      throw e;
    }
    const code = (e as { code?: string }).code;
    if (code === 'NOT_FOUND' || code === 'CONFLICT') {
      throw new MessageRejected('MALFORMED', (e as Error).message);
    }
    throw e;
  }
}

/** Registers the linkage message kinds' handlers on a node's channel. */
export function registerLinkageHandlers(
  channel: Channel,
  deps: {
    member: () => LinkageMemberService;
    unit: () => LinkageUnitService;
    review: () => LinkageReview;
  },
): void {
  // Encodings (and their withdrawal) reach a unit, or a member of a bilateral agreement.
  const toComparer = async (tx: Queryable, msg: ReceivedMessage) => {
    const m = fromSender<SubmitMessage | WithdrawMessage>(msg);
    const unit = await findUnitAgreement(tx, m.agreementId, false);
    if (unit && unit.operatorCountry === msg.claims.to && unit.transport === 'channel') {
      await refusing(() => deps.unit().receiveIn(tx, m));
      return;
    }
    const own = await findMemberAgreement(tx, m.agreementId, msg.claims.to, true);
    if (own && own.mode === 'bilateral' && own.members.includes(m.member)) {
      await refusing(() =>
        m.type === 'pprl.submit' ? receiveBilateral(tx, own, m) : withdrawBilateral(tx, own, m),
      );
      return;
    }
    throw new MessageRejected('MALFORMED', 'No linkage unit or bilateral agreement here');
  };
  channel.on('pprl.submit', toComparer);
  channel.on('pprl.withdraw', toComparer);

  channel.on('pprl.pairs', async (tx, msg) => {
    const m = msg.body as PairsMessage | undefined;
    if (!m || m.member !== msg.claims.to || !Array.isArray(m.pairs)) {
      throw new MessageRejected('MALFORMED', 'Pairs are addressed to the member they name');
    }
    const own = await findMemberAgreement(tx, m.agreementId, msg.claims.to);
    const sender =
      own?.mode === 'bilateral'
        ? own.members.includes(msg.claims.frm)
        : own?.unitJurisdiction === msg.claims.frm;
    if (!own || !sender) {
      throw new MessageRejected('MALFORMED', 'Pairs come from the agreement’s comparer only');
    }
    await refusing(() => deps.member().receivePairsIn(tx, m));
  });

  channel.on('pprl.secret', async (tx, msg) => {
    const b = msg.body as { agreementId?: unknown; jwe?: unknown } | undefined;
    if (typeof b?.jwe !== 'string') {
      throw new MessageRejected('MALFORMED', 'A secret package is a JWE');
    }
    let scope: SecretScope;
    try {
      scope = peekSecret(b.jwe).scope;
    } catch {
      throw new MessageRejected('MALFORMED', 'A secret package is a JWE');
    }
    const own = await findMemberAgreement(tx, scope.agreementId, msg.claims.to);
    if (!own || !own.members.includes(msg.claims.frm) || own.transport !== 'channel') {
      throw new MessageRejected('MALFORMED', 'No linkage agreement with the sender here');
    }
    // Opened with the node's key after this transaction (member.flush).
    await tx.query(
      `INSERT INTO linkage_secret_packages (country, from_member, jwe) VALUES ($1, $2, $3)`,
      [msg.claims.to, msg.claims.frm, b.jwe],
    );
  });

  channel.on('pprl.match', (tx, msg) => deps.review().onMatch(tx, msg));
  channel.on('pprl.unmatch', (tx, msg) => deps.review().onUnmatch(tx, msg));
}
