// Response schemas of the notification, death-notice, thread and co-follower routes, for the
// OpenAPI document (issue 15 item 20); they describe what notifications.presenter.ts and the
// services return.
import { z } from 'zod';
import { pageOf } from '../../platform/http/index.js';
import { threadMessage } from './notifications.schemas.js';

const isoTime = z.string().describe('ISO 8601 date and time');
const kind = z.enum([
  'status_change',
  'message',
  'co_follower_invitation',
  'assignment',
  'death_notice',
  'account',
]);

/** An in-app notification as its recipient sees it. */
export const notificationResponse = z
  .object({
    id: z.uuid(),
    reportId: z.uuid().nullable(),
    kind,
    language: z.string(),
    title: z.string(),
    body: z.string(),
    readAt: isoTime.nullable(),
    createdAt: isoTime,
  })
  .meta({ id: 'Notification' });

/** A page of the caller's inbox. */
export const notificationPage = pageOf(notificationResponse, 'NotificationPage');

/** The caller's notification preferences. */
export const preferencesResponse = z
  .object({
    email: z.boolean(),
    /** Whether this node sends e-mail at all. */
    emailAvailable: z.boolean(),
  })
  .meta({ id: 'NotificationPreferences' });

/** A notification's delivery state as the contact point sees it. */
const delivery = z.object({
  id: z.uuid(),
  recipientId: z.uuid(),
  kind,
  language: z.string(),
  title: z.string(),
  inApp: z.enum(['held', 'read', 'unread']),
  readAt: isoTime.nullable(),
  email: z
    .object({
      status: z.string(),
      attempts: z.number(),
      nextAttemptAt: isoTime.nullable(),
      sentAt: isoTime.nullable(),
      lastError: z.string().nullable(),
    })
    .nullable(),
  createdAt: isoTime,
});

/** The notifications of a report with their delivery state and the death notice's state. */
export const deliveriesResponse = z
  .object({
    reportId: z.uuid(),
    deathNotice: z
      .object({
        status: z.enum(['pending', 'informed']),
        pendingSince: isoTime,
        informedAt: isoTime.nullable(),
        method: z.enum(['in_person', 'phone']).nullable(),
      })
      .nullable(),
    items: z.array(delivery),
    total: z.number(),
    limit: z.number(),
    offset: z.number(),
  })
  .meta({ id: 'ReportDeliveries' });

/** A death notice opened: the family must be told in person before notifications go out. */
export const deathNoticeOpenedResponse = z
  .object({ reportId: z.uuid(), status: z.literal('pending') })
  .meta({ id: 'DeathNoticeOpened' });

/** A death notice given: how, when, and how many held notifications it released. */
export const deathNoticeRecordedResponse = z
  .object({
    reportId: z.uuid(),
    informedAt: isoTime,
    method: z.enum(['in_person', 'phone']),
    released: z.number(),
  })
  .meta({ id: 'DeathNoticeRecorded' });

/** A message written in a thread. */
export const postedMessageResponse = threadMessage.meta({ id: 'ThreadMessage' });

/** A co-follower of a report (invited relative). */
export const followerResponse = z
  .object({
    id: z.uuid(),
    reportId: z.uuid(),
    email: z.string(),
    relationship: z.string(),
    status: z.enum(['invited', 'active', 'declined', 'revoked']),
    createdAt: isoTime,
    decidedAt: isoTime.nullable(),
  })
  .meta({ id: 'Follower' });

/** The co-followers of a report. */
export const followersResponse = z
  .object({ reportId: z.uuid(), items: z.array(followerResponse) })
  .meta({ id: 'Followers' });

/** The invitations addressed to the caller, with the case number they concern. */
export const invitationsResponse = z
  .object({
    items: z.array(followerResponse.extend({ caseNumber: z.string().nullable() })),
  })
  .meta({ id: 'FollowerInvitations' });
