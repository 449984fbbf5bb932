// The federation service: the node's description and keys, peers and agreements (national
// administrators), the channel's receiving end, and the cross-border candidates practitioners
// and contact points read. The protocol itself lives in federation.channel.ts.
import type { AppConfig } from '../../config/index.js';
import type { Database, Queryable } from '../../platform/db/index.js';
import {
  accessibleWhere,
  asSubject,
  authorize,
  authorizeType,
  type Actor,
} from '../../platform/authz/index.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import { createRunner, type ContactPointNotifier } from '../matching/index.js';
import type { CustodyService } from '../custody/index.js';
import {
  createChannel,
  httpTransport,
  type ChannelOptions,
  type Transport,
} from './federation.channel.js';
import { NodeKeys, type KeyUse } from './federation.keys.js';
import { outboxCounts } from './federation.outbox.repository.js';
import {
  CROSS_BORDER_CANDIDATE,
  FEDERATION_AGREEMENT,
  FEDERATION_NODE,
  FEDERATION_PEER,
} from './federation.policy.js';
import { presentAgreement, presentCandidate, presentPeer } from './federation.presenter.js';
import { createProfileExchange } from './federation.profiles.js';
import { createDisclosures } from './federation.disclosures.js';
import { createIdentification, type ReportMover } from './federation.identification.js';
import { createRepatriation } from './federation.repatriation.js';
import { createCaseNotices, type ReportLoader } from './federation.cases.js';
import { findCrossCandidate, listCrossCandidates } from './federation.candidates.repository.js';
import {
  findAgreement,
  insertAgreement,
  insertPeer,
  listAgreements,
  listPeers,
  messageKinds,
  revokeAgreement,
} from './federation.repository.js';
import type {
  ProposeCrossInput,
  CreateAgreementInput,
  CreatePeerInput,
  ListCrossCandidatesQuery,
} from './federation.schemas.js';
import { createTrust, httpJwksFetcher, type JwksFetcher } from './federation.trust.js';
import { createWitness } from './federation.witness.js';

/** What the federation service needs. */
export interface FederationDeps {
  db: Database;
  config: AppConfig;
  /** How messages reach peers (HTTP by default). */
  transport?: Transport;
  /** How peers' keys are fetched (HTTP by default). */
  fetchJwks?: JwksFetcher;
  /** Dispatcher settings (back-off, batch size). */
  channel?: Partial<Omit<ChannelOptions, 'nodeId' | 'jurisdictions' | 'transport'>>;
  /** Matching threshold (log10 LR) for received profiles. */
  threshold?: number;
  /** Opens the death notice and tells a report's contact point (identification notices). */
  notifyContactPoint?: ContactPointNotifier;
  /** The reports service's identification step (identification notices). */
  moveReport?: ReportMover;
  /** Loads a report as an actor may reach it (routing a case abroad). */
  loadReport?: ReportLoader;
  /** The custody service (repatriation records the 'repatriated' event through it). */
  custody?: () => CustodyService;
  /** The audit checkpoint file (peers' countersignatures are kept beside it; ADR 0160). */
  checkpointFile?: () => string;
}

/** The jurisdictions a node hosts. */
export function hostedJurisdictions(config: AppConfig): string[] {
  return config.node.jurisdictions ?? [config.node.country];
}

const AGREEMENT_COLUMNS = { country: 'local_jurisdiction' };
const CANDIDATE_COLUMNS = { country: 'c.jurisdiction' };

/** Builds the federation service of a node. */
export function createFederationService(deps: FederationDeps) {
  const { db, config } = deps;
  const nodeId = config.node.issuer;
  const jurisdictions = hostedJurisdictions(config);
  const keys = new NodeKeys(db, config.env.ARIADNE_SECRET);
  const trust = createTrust(db, keys, deps.fetchJwks ?? httpJwksFetcher);
  const channel = createChannel(db, keys, trust, {
    nodeId,
    jurisdictions,
    transport: deps.transport ?? httpTransport,
    ...deps.channel,
  });
  const runner = createRunner(deps.threshold);
  const profiles = createProfileExchange(channel, runner);
  const disclosures = createDisclosures(db, channel, config.env.ARIADNE_SECRET, {
    retentionDays: config.node.retention.disclosuresReceivedDays,
  });
  const identification = createIdentification({
    db,
    channel,
    profiles,
    notifyContactPoint: deps.notifyContactPoint,
    moveReport: deps.moveReport,
  });
  const repatriation = createRepatriation({
    db,
    channel,
    keys,
    custody: () => {
      if (!deps.custody) {
        throw new AppError('INTERNAL', 'The custody service is not wired');
      }
      return deps.custody();
    },
    statusChanged: identification.statusChanged,
  });
  const cases = createCaseNotices(db, channel, () => {
    if (!deps.loadReport) {
      throw new AppError('INTERNAL', 'The reports service is not wired');
    }
    return deps.loadReport;
  });
  // A status flows back about a routed case or about a confirmed candidate.
  channel.on('case.status', (tx, msg) =>
    typeof (msg.body as { notice?: unknown } | null)?.notice === 'string'
      ? cases.receiveStatus(tx, msg)
      : identification.receiveStatus(tx, msg),
  );
  // A signed no-op: proves a channel and an agreement work end to end.
  channel.on('ping', async () => {});
  // Peers witness each other's audit checkpoints (ADR 0160).
  const witness = createWitness(db, channel, keys, trust, {
    nodeId,
    jurisdictions,
    checkpointFile: deps.checkpointFile ?? (() => config.env.AUDIT_CHECKPOINT_FILE),
  });
  const base = config.env.PUBLIC_URL.replace(/\/$/, '');

  const auditActor = (actor: Actor) => ({
    id: actor.id,
    role: actor.role,
    country: actor.country,
    requestId: actor.requestId,
  });

  return {
    keys,
    trust,
    channel,
    profiles,
    disclosures,
    identification,
    repatriation,
    cases,
    witness,
    nodeId,
    jurisdictions,

    /** The node's public description (GET /.well-known/ariadne-node). */
    async describe() {
      return {
        nodeId,
        name: config.node.name,
        jurisdictions,
        jwksUri: `${base}/.well-known/ariadne-node/jwks.json`,
        federationEndpoint: `${base}/federation/v1/messages`,
        signingKeyThumbprint: await keys.pinThumbprint(),
        batchEndpoint: `${base}/federation/v1/batches`,
        messageTyp: 'ariadne-message+jwt',
        batchTyp: 'ariadne-batch+jwt',
      };
    },

    /** Receives one message from a node (the public endpoint). */
    async receive(jws: string) {
      return channel.receive(jws);
    },

    /** Receives a batch envelope from a node: one result per message in it (ADR 0085). */
    async receiveBatch(jws: string) {
      return channel.receiveBatch(jws);
    },

    /** Registers a partner node and trusts the key matching its pinned thumbprint. */
    async createPeer(actor: Actor, input: CreatePeerInput) {
      authorizeType(actor, 'create', FEDERATION_PEER);
      if (input.nodeId === nodeId) {
        throw validationFailed([{ field: 'body.nodeId', message: 'is this node itself' }]);
      }
      const peer = await db.transaction(async (tx) => {
        const row = await insertPeer(tx, input, actor.id);
        await recordAudit(tx, auditActor(actor), {
          action: 'create',
          subjectType: FEDERATION_PEER,
          subjectId: row.id,
          details: { nodeId: row.nodeId, jurisdictions: row.jurisdictions },
        });
        return row;
      });
      // The peer may be down now: its keys are then fetched on its first message.
      const trusted = await trust.refresh(peer).catch(() => 0);
      return { ...presentPeer(peer), trustedKeys: trusted };
    },

    /** Every peer. */
    async listPeers(actor: Actor) {
      authorizeType(actor, 'read', FEDERATION_PEER);
      return { items: (await listPeers(db)).map(presentPeer) };
    },

    /** Records an agreement of the administrator's own jurisdiction and shares what it allows. */
    async createAgreement(actor: Actor, input: CreateAgreementInput) {
      authorizeType(actor, 'create', FEDERATION_AGREEMENT, { country: actor.country });
      if (!jurisdictions.includes(actor.country)) {
        throw new AppError('FORBIDDEN', `${actor.country} is not hosted on this node`);
      }
      if (input.partnerJurisdiction === actor.country) {
        throw validationFailed([
          { field: 'body.partnerJurisdiction', message: 'is your own jurisdiction' },
        ]);
      }
      const known = new Set((await messageKinds(db)).map((k) => k.kind));
      const unknown = input.messageKinds.filter((k) => !known.has(k));
      if (unknown.length > 0) {
        throw validationFailed([
          { field: 'body.messageKinds', message: `unknown: ${unknown.join(', ')}` },
        ]);
      }
      return db.transaction(async (tx) => {
        const row = await insertAgreement(
          tx,
          { ...input, localJurisdiction: actor.country },
          actor.id,
        );
        await recordAudit(tx, auditActor(actor), {
          action: 'create',
          subjectType: FEDERATION_AGREEMENT,
          subjectId: row.id,
          subjectCountry: actor.country,
          details: { ref: row.ref, partner: row.partnerJurisdiction, kinds: row.messageKinds },
        });
        await shareAll(tx, actor.country);
        return presentAgreement(row);
      });
    },

    /** Agreements the actor may read. */
    async listAgreements(actor: Actor) {
      const where = accessibleWhere(actor.ability, 'read', FEDERATION_AGREEMENT, AGREEMENT_COLUMNS);
      return { items: (await listAgreements(db, where)).map(presentAgreement) };
    },

    /** Revokes an agreement: nothing more flows under it, and what was shared is withdrawn. */
    async revokeAgreement(actor: Actor, id: string) {
      return db.transaction(async (tx) => {
        const row = await findAgreement(tx, id);
        const subject = row ? { ...row, country: row.localJurisdiction.trim() } : undefined;
        authorize(actor, 'read', FEDERATION_AGREEMENT, subject);
        if (!actor.ability.can('revoke', asSubject(FEDERATION_AGREEMENT, subject!))) {
          throw new AppError('FORBIDDEN', 'Not allowed to revoke this agreement');
        }
        await revokeAgreement(tx, id);
        await recordAudit(tx, auditActor(actor), {
          action: 'revoke',
          subjectType: FEDERATION_AGREEMENT,
          subjectId: id,
          subjectCountry: subject!.country,
          details: { ref: row!.ref },
        });
        await shareAll(tx, subject!.country);
        return presentAgreement((await findAgreement(tx, id))!);
      });
    },

    /** The registered message kinds with their data categories (administrators drafting an agreement). */
    async listMessageKinds(actor: Actor) {
      authorizeType(actor, 'create', FEDERATION_AGREEMENT, { country: actor.country });
      return { items: await messageKinds(db) };
    },

    /** Rotates the node's signing (and encryption) or encryption key. */
    async rotateKey(actor: Actor, use: KeyUse) {
      authorizeType(actor, 'rotate', FEDERATION_NODE);
      return db.transaction(async (tx) => {
        const kid = await keys.rotate(use, tx);
        await recordAudit(tx, auditActor(actor), {
          action: 'rotate_key',
          subjectType: FEDERATION_NODE,
          subjectId: kid,
          details: { use },
        });
        return { kid, use };
      });
    },

    /** Outbox counts by status (operators). */
    async outbox(actor: Actor) {
      authorizeType(actor, 'read', FEDERATION_NODE);
      return { counts: await outboxCounts(db) };
    },

    /** Cross-border candidates of the actor's jurisdiction (pseudonymous on the other side). */
    async listCandidates(actor: Actor, query: ListCrossCandidatesQuery): Promise<Page<unknown>> {
      const where = accessibleWhere(
        actor.ability,
        'read',
        CROSS_BORDER_CANDIDATE,
        CANDIDATE_COLUMNS,
      );
      const { rows, total } = await listCrossCandidates(db, where, query);
      return { items: rows.map(presentCandidate), total, limit: query.limit, offset: query.offset };
    },

    /** One cross-border candidate. */
    async getCandidate(actor: Actor, id: string) {
      const row = await findCrossCandidate(db, id);
      const subject = row ? { ...row, country: row.jurisdiction } : undefined;
      authorize(actor, 'read', CROSS_BORDER_CANDIDATE, subject);
      await db.transaction((tx) =>
        recordAudit(tx, auditActor(actor), {
          action: 'read',
          subjectType: CROSS_BORDER_CANDIDATE,
          subjectId: id,
          subjectCountry: row!.jurisdiction,
          purpose: 'identification',
        }),
      );
      return {
        ...presentCandidate(row!),
        counterpartStatuses: await identification.counterpartStatuses(db, id),
      };
    },

    /** First forensic practitioner proposes a cross-border identification (where the remains are). */
    async proposeIdentification(actor: Actor, id: string, input: ProposeCrossInput) {
      return presentCandidate(await identification.propose(actor, id, input));
    },

    /** A second forensic practitioner confirms it; the family's jurisdiction is notified. */
    async confirmIdentification(actor: Actor, id: string) {
      return presentCandidate(await identification.confirm(actor, id));
    },
  };

  /** Shares (or withdraws) every open record of a jurisdiction after its agreements changed. */
  async function shareAll(tx: Queryable, jurisdiction: string): Promise<void> {
    for (const { id } of await tx.query<{ id: string }>(
      `SELECT id FROM reports WHERE country = $1 AND consent_cross_border ORDER BY id`,
      [jurisdiction],
    )) {
      await profiles.reportChanged(tx, id);
    }
    for (const { id } of await tx.query<{ id: string }>(
      `SELECT id FROM remains WHERE country = $1 AND associated_with_id IS NULL ORDER BY id`,
      [jurisdiction],
    )) {
      await profiles.remainsChanged(tx, id);
    }
  }
}

/** The federation service. */
export type FederationService = ReturnType<typeof createFederationService>;
