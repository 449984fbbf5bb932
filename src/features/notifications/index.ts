// Keeping families informed (GCM Objective 8(d)): the feature's only public surface.
export {
  createNotificationsService,
  deathNoticePending,
  type NotificationsService,
} from './notifications.service.js';
export {
  createFamilyChannelService,
  type FamilyChannelService,
} from './notifications.family.service.js';
export { notificationsRoutes } from './notifications.routes.js';
export { notificationsPolicy, NOTIFICATION } from './notifications.policy.js';
export {
  createDispatcher,
  backoffMs,
  DEFAULT_DISPATCHER_OPTIONS,
  type Dispatcher,
  type DispatcherOptions,
} from './notifications.dispatcher.js';
export { createSmtpMailer, type Mailer, type OutgoingMail } from './notifications.mailer.js';
export { render, templateKeys, TEMPLATE_LANGUAGES } from './notifications.templates.js';
export { queueAccountMail } from './notifications.repository.js';
export { listNotificationsQuery, messageBody, deathNoticeBody } from './notifications.schemas.js';
