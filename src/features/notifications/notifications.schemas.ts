import { z } from 'zod';
import { pagination } from '../../platform/http/index.js';

/** Path parameter :id. */
export const idParams = z.object({ id: z.uuid() });
/** Path parameters of one co-follower of a report. */
export const followerParams = z.object({ id: z.uuid(), followerId: z.uuid() });

/** Query of GET /api/v1/notifications. */
export const listNotificationsQuery = pagination.extend({
  /** Only notifications not read yet. */
  unread: z.enum(['true', 'false']).optional(),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

/** Body of PUT /api/v1/notifications/preferences. */
export const preferencesBody = z.strictObject({
  /** Also receive notifications by e-mail (in-app notifications are always kept). */
  email: z.boolean(),
});
export type PreferencesInput = z.infer<typeof preferencesBody>;

/** Body of POST /api/v1/reports/:id/messages. */
export const messageBody = z.strictObject({
  /** The message, as written. */
  body: z.string().trim().min(1).max(5000),
});
export type MessageInput = z.infer<typeof messageBody>;

/** Body of POST /api/v1/reports/:id/death-notice. */
export const deathNoticeBody = z.strictObject({
  /** How the family was told: in person or by phone (never by writing alone). */
  method: z.enum(['in_person', 'phone']),
  /** Who was told, where, with whom (internal note). */
  note: z.string().trim().max(2000).optional(),
});
export type DeathNoticeInput = z.infer<typeof deathNoticeBody>;

/** Body of POST /api/v1/reports/:id/followers. */
export const inviteBody = z.strictObject({
  /** E-mail of the relative's family account (or the address they will register with). */
  email: z.email().max(254),
  /** The invited relative's relationship to the missing person. */
  relationship: z.string().trim().min(1).max(50),
});
export type InviteInput = z.infer<typeof inviteBody>;

/** One message of a thread as GET /api/v1/reports/:id/messages answers it. */
export const threadMessage = z.object({
  id: z.uuid(),
  authorSide: z.enum(['family', 'contact_point']),
  /** Whether the caller wrote it. */
  mine: z.boolean(),
  body: z.string(),
  createdAt: z.string(),
});

/** A page of a thread (offset 0 is the latest page; oldest first within it). */
export const threadPageSchema = z
  .object({
    reportId: z.uuid(),
    items: z.array(threadMessage),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'ThreadPage' });
