// The services the console's pages call (the same ones the JSON API calls).
import type { AuditService } from '../audit/index.js';
import type { AuthService } from '../auth/index.js';
import type { ContactPointsService } from '../contact-points/index.js';
import type { CustodyService } from '../custody/index.js';
import type { DocumentsService } from '../documents/index.js';
import type { DataProtectionService } from '../data-protection/index.js';
import type { FederationService } from '../federation/index.js';
import type { MatchingService } from '../matching/index.js';
import type { FamilyChannelService, NotificationsService } from '../notifications/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { RemainsService } from '../remains/index.js';
import type { MediaService } from '../media/index.js';
import type { ReportDrafts, ReportsService } from '../reports/index.js';
import type { UsersService } from '../users/index.js';

/** Every service a console page may call, taken from the container. */
export interface StaffServices {
  auth: AuthService;
  reports: ReportsService;
  remains: RemainsService;
  custody: CustodyService;
  matching: MatchingService;
  contactPoints: ContactPointsService;
  notifications: NotificationsService;
  familyChannel: FamilyChannelService;
  audit: AuditService;
  users: UsersService;
  organisations: OrganisationsService;
  /** The caseworker's intake draft (one per account, as the portal's). */
  reportDrafts: ReportDrafts;
  media: MediaService;
  documents: DocumentsService;
  federation: FederationService;
  dataProtection: DataProtectionService;
}
