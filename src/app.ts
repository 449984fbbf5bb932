import express, { Router } from 'express';
import helmet from 'helmet';
import type { Services } from './container.js';
import {
  authenticate,
  createIdempotencyStore,
  createOpenApiRegistry,
  errorHandler,
  generateOpenApi,
  mountRoutes,
  notFoundHandler,
  requestId,
} from './platform/http/index.js';
import { auditRoutes } from './features/audit/index.js';
import {
  DATA_PROTECTION_PAGE_LOCALES,
  dataProtectionPages,
  dataProtectionRoutes,
} from './features/data-protection/index.js';
import { authPages, authRoutes, AUTH_PAGE_LOCALES } from './features/auth/index.js';
import { organisationsRoutes } from './features/organisations/index.js';
import { usersRoutes } from './features/users/index.js';
import { mediaRoutes } from './features/media/index.js';
import { reportsRoutes } from './features/reports/index.js';
import { incidentsRoutes } from './features/incidents/index.js';
import { remainsRoutes } from './features/remains/index.js';
import { custodyRoutes } from './features/custody/index.js';
import { contactPointsRoutes } from './features/contact-points/index.js';
import { notificationsRoutes } from './features/notifications/index.js';
import { matchingRoutes } from './features/matching/index.js';
import { documentsRoutes } from './features/documents/index.js';
import { federationRoutes } from './features/federation/index.js';
import { createWeb } from './platform/web/index.js';
import {
  reportCasePages,
  reportDetailsPages,
  reportJourneyPages,
  reportsPages,
  REPORTS_PAGE_LOCALES,
} from './features/reports/index.js';
import { parseUpload } from './features/media/index.js';
import { statisticsPages, statisticsRoutes } from './features/statistics/index.js';
import { linkageRoutes } from './features/linkage/index.js';
import { ALIVE_LOCALES, alivePages, aliveRoutes } from './features/alive-messages/index.js';
import { staffPages, STAFF_PAGE_LOCALES, STAFF_TASK_LOCALES } from './features/staff/index.js';

/** Builds the Express app from the node's services (no listen: tests mount it directly). */
export function buildApp(services: Services): express.Express {
  const { config } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestId);
  app.use(helmet());

  app.get('/health', async (_req, res) => {
    // The audit backlog doubles as the database probe: committed events not yet sealed (ADR 0120).
    const audit = await services.audit.backlog();
    res.json({ status: 'ok', database: services.db.kind, node: config.node.name, audit });
  });

  const limits = {
    login: config.env.LOGIN_RATE_LIMIT,
    refresh: config.env.REFRESH_RATE_LIMIT,
    account: config.env.ACCOUNT_RATE_LIMIT,
  };
  const registry = createOpenApiRegistry();
  const router = Router();
  mountRoutes(
    router,
    registry,
    authenticate((token, id) => services.auth.resolveActor(token, id)),
    [
      ...authRoutes(services.auth, services.users, services.keys, limits),
      ...organisationsRoutes(services.organisations),
      ...usersRoutes(services.users),
      ...auditRoutes(services.audit),
      ...reportsRoutes(services.reports),
      ...mediaRoutes(services.media),
      ...incidentsRoutes(services.incidents),
      ...remainsRoutes(services.remains),
      ...custodyRoutes(services.custody),
      ...contactPointsRoutes(services.contactPoints),
      ...notificationsRoutes(services.notifications, services.familyChannel),
      ...matchingRoutes(services.matching),
      ...documentsRoutes(services.documents),
      ...federationRoutes(services.federation),
      ...statisticsRoutes(services.statistics),
      ...dataProtectionRoutes(services.dataProtection),
      ...aliveRoutes(services.alive),
      ...linkageRoutes(services.linkageMember, services.linkageUnit, (actor, id, pairId, input) =>
        services.linkageReview.review(actor, id, pairId, input),
      ),
    ],
    { idempotency: createIdempotencyStore(services.db) },
  );
  app.use(router);

  // Generated on first request, not at start-up (it is the largest part of building the app).
  let openapi: object | undefined;
  app.get('/openapi.json', (_req, res) => {
    openapi ??= generateOpenApi(registry, config.env.PUBLIC_URL);
    res.json(openapi);
  });

  // Server-rendered pages (family portal, statistics, staff console) on the same services; API
  // paths pass through.
  const web = createWeb({
    secret: config.env.ARIADNE_SECRET,
    publicUrl: config.env.PUBLIC_URL,
    localeFolders: [
      AUTH_PAGE_LOCALES,
      REPORTS_PAGE_LOCALES,
      DATA_PROTECTION_PAGE_LOCALES,
      ALIVE_LOCALES,
      STAFF_PAGE_LOCALES,
      STAFF_TASK_LOCALES,
    ],
    sessions: {
      resolve: (token, id) => services.auth.resolveWebSession(token, id),
      saveLanguage: async (actor, lang) => {
        await services.users.update(actor, actor.id, { preferredLanguage: lang });
      },
    },
  });
  app.use(
    web.pages([
      authPages(web, services.auth, services.users, limits),
      reportsPages(web, services.reports),
      reportJourneyPages(web, services.reports, services.reportDrafts),
      reportCasePages(web, {
        reports: services.reports,
        family: services.familyChannel,
        contactPoints: services.contactPoints,
        documents: services.documents,
        media: services.media,
        parseUpload,
      }),
      reportDetailsPages(web, { reports: services.reports, family: services.familyChannel }),
      statisticsPages(web, services.statistics),
      dataProtectionPages(web, services.dataProtection),
      alivePages(web, services.alive, limits.account),
      staffPages(web, services, limits),
    ]),
  );

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
