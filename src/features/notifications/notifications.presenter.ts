import type { DeliveryRow, Notification } from './notifications.repository.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** An in-app notification as its recipient sees it. */
export function presentNotification(n: Notification) {
  return {
    id: n.id,
    reportId: n.reportId,
    kind: n.kind,
    language: n.language,
    title: n.title,
    body: n.body,
    readAt: iso(n.readAt),
    createdAt: iso(n.createdAt),
  };
}

/** A notification's delivery state as the contact point sees it. */
export function presentDelivery(d: DeliveryRow) {
  return {
    id: d.id,
    recipientId: d.recipientId,
    kind: d.kind,
    language: d.language,
    title: d.title,
    /** held: waiting for the in-person death notice; otherwise visible in the family's account. */
    inApp: d.held ? 'held' : d.readAt ? 'read' : 'unread',
    readAt: iso(d.readAt),
    email: d.emailStatus
      ? {
          status: d.emailStatus,
          attempts: Number(d.emailAttempts ?? 0),
          nextAttemptAt: d.emailStatus === 'pending' ? iso(d.emailNextAttemptAt) : null,
          sentAt: iso(d.emailSentAt),
          lastError: d.emailLastError,
        }
      : null,
    createdAt: iso(d.createdAt),
  };
}
