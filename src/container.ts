import { join } from 'node:path';
import type { AppConfig } from './config/index.js';
import type { Database } from './platform/db/index.js';
import { authorize, type Policy } from './platform/authz/index.js';
import { SecretBox, SigningKeys } from './platform/crypto/index.js';
import { auditPolicy, createAuditService } from './features/audit/index.js';
import { createAuthService } from './features/auth/index.js';
import { createOrganisationsService, organisationsPolicy } from './features/organisations/index.js';
import { createUsersService, usersPolicy } from './features/users/index.js';
import { createMediaService, LocalDiskStore, mediaPolicy } from './features/media/index.js';
import {
  createReportDrafts,
  createReportsService,
  findReport,
  reportsPolicy,
} from './features/reports/index.js';
import { createIncidentsService, incidentsPolicy } from './features/incidents/index.js';
import { createRemainsService, findRemains, remainsPolicy } from './features/remains/index.js';
import { createCustodyService } from './features/custody/index.js';
import {
  contactPointsPolicy,
  createContactPointsService,
} from './features/contact-points/index.js';
import {
  createFamilyChannelService,
  createNotificationsService,
  createSmtpMailer,
  notificationsPolicy,
} from './features/notifications/index.js';
import {
  contactPointNotifier,
  createMatchingService,
  matchingPolicy,
} from './features/matching/index.js';
import { createDocumentsService, documentsPolicy } from './features/documents/index.js';
import { createFederationService, federationPolicy } from './features/federation/index.js';
import { createStatisticsService, statisticsPolicy } from './features/statistics/index.js';
import { assertPermitted } from './features/data-protection/purposes.js';
import {
  createDataProtectionService,
  dataProtectionPolicy,
  familyExportExtras,
} from './features/data-protection/index.js';
import {
  createLinkageMemberService,
  createLinkageUnitService,
  linkagePolicy,
  LocalLinkageTransport,
  FederationLinkageTransport,
  createLinkageReview,
  registerLinkageHandlers,
} from './features/linkage/index.js';
import { setNodeTimeZone } from './platform/vocabulary/index.js';
import { alivePolicy, createAliveService } from './features/alive-messages/index.js';

/** Every feature's policy; an actor's ability is built from all of them. */
export const POLICIES: readonly Policy[] = [
  organisationsPolicy,
  usersPolicy,
  auditPolicy,
  mediaPolicy,
  reportsPolicy,
  incidentsPolicy,
  remainsPolicy,
  contactPointsPolicy,
  notificationsPolicy,
  matchingPolicy,
  documentsPolicy,
  federationPolicy,
  statisticsPolicy,
  linkagePolicy,
  dataProtectionPolicy,
  alivePolicy,
];

/** The node's services, wired once and shared by the HTTP app, the CLI and tests. */
export function createServices(db: Database, config: AppConfig) {
  // The node's calendar (case-number years, "not in the future") follows its own time zone.
  setNodeTimeZone(config.node.timeZone);
  const keys = new SigningKeys(
    db,
    config.env.ARIADNE_SECRET,
    config.node.security.retiredKeyGraceSeconds,
  );
  const organisations = createOrganisationsService(db);
  const users = createUsersService(db);
  const audit = createAuditService(db, {
    keys,
    file: config.env.AUDIT_CHECKPOINT_FILE,
    everyMinutes: config.env.AUDIT_CHECKPOINT_MINUTES,
    // Peers countersign checkpoints over the transnational channel (ADR 0160).
    witness: () => federation.witness,
  });
  const auth = createAuthService({ db, config, keys, users, policies: POLICIES });
  const media = createMediaService({
    db,
    store: new LocalDiskStore(join(config.env.DATA_DIR, 'files')),
    owners: {},
  });
  const contactPoints = createContactPointsService(db);
  const notifications = createNotificationsService({
    db,
    contactPoints,
    mailer: config.env.SMTP_URL
      ? createSmtpMailer(config.env.SMTP_URL, config.env.SMTP_FROM)
      : undefined,
    publicUrl: config.env.PUBLIC_URL,
  });
  const familyChannel = createFamilyChannelService(db, notifications.notifier);
  // Filing routes a report to a contact point; a status change notifies the family (same transaction).
  // New or changed reports and remains queue a match job in their own transaction.
  // The transnational channel: profiles of consented reports and open remains go to agreed
  // jurisdictions in the change's transaction; received profiles are matched too.
  const federation = createFederationService({
    db,
    config,
    // Identification notices from another jurisdiction reuse the death-notice machinery and
    // the reports service's identification step; repatriation records custody through it.
    notifyContactPoint: contactPointNotifier(notifications),
    moveReport: (t, actor, id, to, reason) =>
      reports.moveForIdentification(t, actor, id, to, reason),
    custody: () => custody,
    loadReport: (actor, action, id, tx) => reports.loadAs(actor, action, id, tx),
    checkpointFile: () => audit.settings.file,
  });
  const matching = createMatchingService({
    db,
    notifyContactPoint: contactPointNotifier(notifications),
    crossBorder: federation.profiles.foreignProfiles,
    // Identifications move reports through the reports service (its rules and status hooks).
    moveReport: (t, actor, id, to, reason) =>
      reports.moveForIdentification(t, actor, id, to, reason),
  });
  // Linkage: the member side of this node's jurisdictions and, when it serves as one, the
  // linkage unit; per agreement, in-process on one node (ADR 0130) or over the transnational
  // channel (ADR 0131).
  const linkageTransports = {
    local: new LocalLinkageTransport(
      () => linkageUnit,
      () => linkageMember,
    ),
    channel: new FederationLinkageTransport(db, () => federation),
  };
  const linkageUnit = createLinkageUnitService(db, (via) => linkageTransports[via]);
  const linkageMember = createLinkageMemberService({
    db,
    loadReport: (actor, id, tx) => reports.loadAs(actor, 'read', id, tx),
    findReport: (t, id) => findReport(t, id),
    box: new SecretBox(config.env.ARIADNE_SECRET, 'linkage-secrets'),
    transport: (via) => linkageTransports[via],
    channel: () => federation.channel,
  });
  const linkageReview = createLinkageReview({
    db,
    channel: () => federation.channel,
    findReport: (t, id) => findReport(t, id),
  });
  registerLinkageHandlers(federation.channel, {
    member: () => linkageMember,
    unit: () => linkageUnit,
    review: () => linkageReview,
  });
  const reports = createReportsService(db, config, {
    changed: async (t, _actor, id) => {
      await matching.enqueue(t, 'report', id);
      await federation.profiles.reportChanged(t, id);
      await linkageMember.reportChanged(t, id);
      // A new or changed report may be the search an "I am alive" message answers.
      await alive.reportChanged(t, id);
    },
    filed: async (t, actor, report) => {
      await contactPoints.routeNew(t, actor, report);
    },
    beforeStatusChange: async (t, _actor, e) => {
      await notifications.assertDeathToldInPerson(t, e);
    },
    statusChanged: async (t, _actor, e) => {
      await notifications.statusChanged(t, e);
      await federation.profiles.reportChanged(t, e.reportId);
      await federation.identification.statusChanged(t, 'am', e.reportId, e.to);
      await federation.cases.statusChanged(t, e.reportId, e.to, e.messageToFamily ?? null);
      await linkageMember.reportChanged(t, e.reportId);
    },
    purged: (t, id) => media.removeOwnerFiles(t, 'report', id),
    exported: familyExportExtras,
  });
  const reportDrafts = createReportDrafts(db);
  // "I am alive" messages pass confirmed news on through the reports service (its lifecycle and hooks).
  const alive = createAliveService(db, reports);
  const incidents = createIncidentsService(db);
  const remains = createRemainsService(db, {
    changed: async (t, _actor, id) => {
      await matching.enqueue(t, 'remains', id);
      await federation.profiles.remainsChanged(t, id);
    },
  });
  const custody = createCustodyService(db);
  const documents = createDocumentsService({
    db,
    reports,
    remains,
    matching,
    publicUrl: config.env.PUBLIC_URL,
  });
  const statistics = createStatisticsService(db, config);
  // Data protection: retention with legal holds, erasure requests, access logs (ADRs 0140–0144).
  const dataProtection = createDataProtectionService(db, config, {
    removeOwnerFiles: (t, type, id) => media.removeOwnerFiles(t, type, id),
    eraseReceivedDisclosures: (t, ids, now) => federation.disclosures.eraseReceived(t, ids, now),
    loadReport: (actor, action, id, tx) => reports.loadAs(actor, action, id, tx),
    withdrawAtPeers: (t, id) => federation.profiles.reportErased(t, id),
    erased: (t, id) => linkageMember.reportChanged(t, id),
  });
  // Files of reports and remains are checked with the owning record's own rules.
  media.registerOwner('report', async (actor, id, action, tx) => {
    const report = await reports.loadAs(actor, action, id, tx);
    // Contact points serve families across the network: a report's photos reach them only
    // with the family's consent to publish them (purpose rules, ADR 0140).
    if (actor.role === 'contact_point') {
      assertPermitted(report, 'photoPublication');
    }
    return report;
  });
  media.registerOwner('remains', async (actor, id, action, tx) =>
    authorize(actor, action, 'Remains', await findRemains(tx ?? db, id)),
  );
  return {
    db,
    config,
    keys,
    organisations,
    users,
    audit,
    auth,
    media,
    reports,
    reportDrafts,
    incidents,
    remains,
    custody,
    contactPoints,
    notifications,
    familyChannel,
    matching,
    documents,
    federation,
    statistics,
    linkageMember,
    linkageUnit,
    dataProtection,
    alive,
    linkageReview,
  };
}

/** The wired services. */
export type Services = ReturnType<typeof createServices>;
