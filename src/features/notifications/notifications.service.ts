import type { PageRequest } from '../../platform/http/index.js';
import type { Database, Queryable } from '../../platform/db/index.js';
import { authorize, type Actor } from '../../platform/authz/index.js';
import { AppError } from '../../platform/errors.js';
import type { Page } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import {
  findChannel,
  loadChannel,
  REPORT_CHANNEL,
  type ContactPointsService,
} from '../contact-points/index.js';
import { statusLabel, type ReportStatus } from '../reports/index.js';
import { createDispatcher, type DispatcherOptions } from './notifications.dispatcher.js';
import type { Mailer } from './notifications.mailer.js';
import { createNotifier, type Composer } from './notifications.notifier.js';
import { NOTIFICATION } from './notifications.policy.js';
import { presentDelivery, presentNotification } from './notifications.presenter.js';
import {
  emailWanted,
  findDeathNotice,
  findNotification,
  listDeliveries,
  listForRecipient,
  markRead,
  openDeathNotice,
  recordInformed,
  releaseHeld,
  savePreferences,
} from './notifications.repository.js';
import type {
  DeathNoticeInput,
  ListNotificationsQuery,
  PreferencesInput,
} from './notifications.schemas.js';
import { render } from './notifications.templates.js';

/** What the notifications service needs. */
export interface NotificationsDeps {
  db: Database;
  contactPoints: ContactPointsService;
  /** E-mail delivery; absent when SMTP_URL is not configured (notifications stay in-app). */
  mailer?: Mailer | undefined;
  publicUrl: string;
}

/** True while a report's family must still be told of a death in person or by phone. */
export async function deathNoticePending(q: Queryable, reportId: string): Promise<boolean> {
  const notice = await findDeathNotice(q, reportId);
  return Boolean(notice && !notice.informedAt);
}

/** Keeping families informed: status changes, the inbox, delivery state and death notices. */
export function createNotificationsService(deps: NotificationsDeps) {
  const { db } = deps;
  let mailer = deps.mailer;
  const notifier = createNotifier({
    emailEnabled: () => mailer !== undefined,
    publicUrl: deps.publicUrl,
  });

  // Families learn which contact point follows their report (in the app).
  deps.contactPoints.onAssigned(async (tx, _actor, e) => {
    const ch = await findChannel(tx, e.reportId);
    if (!ch) {
      return;
    }
    const held = await deathNoticePending(tx, ch.id);
    const compose: Composer = (lang, v) => ({
      title: render(lang, 'assignment.title', v),
      body: render(lang, 'assignment.body', { ...v, contactPoint: e.contactPoint.name }),
    });
    await notifier.family(tx, ch, 'assignment', compose, { held });
  });

  return {
    notifier,

    /**
     * Opens the death notice of a report inside another feature's transaction (a confirmed
     * identification): the contact point's staff are told to inform the family in person, and
     * the report cannot become "identified deceased" before they have. False when the report
     * has no contact point yet or a notice already exists.
     */
    async openDeathNoticeWithin(tx: Queryable, reportId: string): Promise<boolean> {
      const ch = await findChannel(tx, reportId);
      if (!ch?.contactPointId || (await findDeathNotice(tx, ch.id))) {
        return false;
      }
      await openDeathNotice(tx, ch.id);
      await notifier.staff(tx, ch, 'death_notice', (lang, v) => ({
        title: render(lang, 'deathNotice.title', v),
        body: render(lang, 'deathNotice.body', v),
      }));
      return true;
    },

    /** Replaces the mailer (tests point it at a local SMTP server; undefined disables e-mail). */
    useMailer(next: Mailer | undefined) {
      mailer = next;
    },

    /** A dispatcher for the outbox, or undefined when e-mail is disabled. */
    dispatcher(options: Partial<DispatcherOptions> = {}) {
      return mailer ? createDispatcher(db, mailer, options) : undefined;
    },

    /**
     * Refuses to record a death before the contact point has recorded that the family was told
     * in person or by phone (reports call this before the status changes).
     */
    async assertDeathToldInPerson(tx: Queryable, e: { reportId: string; to: ReportStatus }) {
      if (e.to !== 'identified_deceased') {
        return;
      }
      const notice = await findDeathNotice(tx, e.reportId);
      if (!notice?.informedAt) {
        throw new AppError(
          'DEATH_NOTICE_REQUIRED',
          'A death is told to the family in person or by phone first: open a death notice, and the contact point records it before the status changes',
          { deathNotice: notice ? 'pending' : 'missing' },
        );
      }
    },

    /**
     * Tells the family of a status change, inside the transaction of the change. While a death
     * notice is pending, everything written to the family is held until the contact point records
     * that the family was told in person or by phone.
     */
    async statusChanged(
      tx: Queryable,
      e: {
        reportId: string;
        from: ReportStatus | null;
        to: ReportStatus;
        messageToFamily?: string | null;
      },
    ): Promise<number> {
      const ch = await findChannel(tx, e.reportId);
      if (!ch) {
        return 0;
      }
      const held = await deathNoticePending(tx, ch.id);
      const compose: Composer = (lang, v) => {
        const label = statusLabel(e.to, lang);
        const title = render(lang, 'status.title', v);
        return {
          title,
          body: render(lang, 'status.body', { label, message: e.messageToFamily ?? '' }),
          email: { subject: title, body: render(lang, 'status.email', { ...v, label }) },
        };
      };
      return notifier.family(tx, ch, 'status_change', compose, { held });
    },

    /** The actor's own notifications (held ones are invisible). */
    async inbox(
      actor: Actor,
      query: ListNotificationsQuery,
    ): Promise<Page<ReturnType<typeof presentNotification>>> {
      const { rows, total } = await listForRecipient(db, actor.id, {
        unread: query.unread === 'true',
        limit: query.limit,
        offset: query.offset,
      });
      return {
        items: rows.map(presentNotification),
        total,
        limit: query.limit,
        offset: query.offset,
      };
    },

    /** Marks one of the actor's notifications read. */
    async markRead(actor: Actor, id: string) {
      return db.transaction(async (t) => {
        const found = await findNotification(t, id);
        const n = authorize(actor, 'update', NOTIFICATION, found?.held ? undefined : found);
        await markRead(t, n.id);
        return presentNotification((await findNotification(t, n.id))!);
      });
    },

    /** The actor's channel choices. */
    async preferences(actor: Actor) {
      return { email: await emailWanted(db, actor.id), emailAvailable: mailer !== undefined };
    },

    /** Stores the actor's channel choices. */
    async savePreferences(actor: Actor, input: PreferencesInput) {
      await db.transaction(async (t) => {
        await savePreferences(t, actor.id, input);
        await recordAudit(t, actor, {
          action: 'update',
          subjectType: 'NotificationPreferences',
          subjectId: actor.id,
          subjectCountry: actor.country,
          fields: Object.keys(input),
        });
      });
      return this.preferences(actor);
    },

    /** A page of what was sent to a report's family and how far each delivery got (audited). */
    async deliveries(actor: Actor, reportId: string, page: PageRequest = { limit: 25, offset: 0 }) {
      return db.transaction(async (t) => {
        const ch = await loadChannel(t, actor, 'readDeliveries', reportId);
        const notice = await findDeathNotice(t, ch.id);
        await recordAudit(t, actor, {
          action: 'read',
          subjectType: REPORT_CHANNEL,
          subjectId: ch.id,
          subjectCountry: ch.country,
          fields: ['notifications'],
        });
        return {
          reportId: ch.id,
          deathNotice: notice
            ? {
                status: notice.informedAt ? 'informed' : 'pending',
                pendingSince: new Date(notice.pendingSince).toISOString(),
                informedAt: notice.informedAt ? new Date(notice.informedAt).toISOString() : null,
                method: notice.method,
              }
            : null,
          ...(await listDeliveries(t, ch.id, page).then(({ rows, total }) => ({
            items: rows.map(presentDelivery),
            total,
          }))),
          ...page,
        };
      });
    },

    /** A caseworker announces an identification: the contact point must tell the family in person. */
    async openDeathNotice(actor: Actor, reportId: string) {
      return db.transaction(async (t) => {
        const ch = await loadChannel(t, actor, 'openDeathNotice', reportId);
        if (!ch.contactPointId) {
          throw new AppError('CONFLICT', 'Assign a contact point first: it tells the family');
        }
        if (await findDeathNotice(t, ch.id)) {
          throw new AppError('CONFLICT', 'A death notice already exists for this report');
        }
        await openDeathNotice(t, ch.id);
        await notifier.staff(t, ch, 'death_notice', (lang, v) => ({
          title: render(lang, 'deathNotice.title', v),
          body: render(lang, 'deathNotice.body', v),
        }));
        await recordAudit(t, actor, {
          action: 'openDeathNotice',
          subjectType: REPORT_CHANNEL,
          subjectId: ch.id,
          subjectCountry: ch.country,
          fields: ['deathNotice'],
        });
        return { reportId: ch.id, status: 'pending' as const };
      });
    },

    /** Records that the family was told of the death in person or by phone; opens written notices. */
    async recordDeathNotice(actor: Actor, reportId: string, input: DeathNoticeInput) {
      return db.transaction(async (t) => {
        const ch = await loadChannel(t, actor, 'recordDeathNotice', reportId);
        const notice = await findDeathNotice(t, ch.id);
        if (!notice || notice.informedAt) {
          throw new AppError('CONFLICT', 'No death notice is waiting for this report');
        }
        const at = new Date();
        await recordInformed(t, ch.id, {
          method: input.method,
          by: actor.id,
          note: input.note ?? null,
          at,
        });
        const released = await releaseHeld(t, ch.id, at);
        await recordAudit(t, actor, {
          action: 'recordDeathNotice',
          subjectType: REPORT_CHANNEL,
          subjectId: ch.id,
          subjectCountry: ch.country,
          fields: ['deathNotice'],
          details: { method: input.method, released },
        });
        return { reportId: ch.id, informedAt: at.toISOString(), method: input.method, released };
      });
    },
  };
}

/** The notifications service. */
export type NotificationsService = ReturnType<typeof createNotificationsService>;
