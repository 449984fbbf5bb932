import type { Policy } from '../../platform/authz/index.js';

/** Subject type of an in-app notification. */
export const NOTIFICATION = 'Notification';

/** Every user reads and marks read their own notifications, and nobody else's. */
export const notificationsPolicy: Policy = (actor, { can }) => {
  can(['read', 'update'], NOTIFICATION, { recipientId: actor.id });
};
