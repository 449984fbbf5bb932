// Writing notifications inside the transaction of the change that causes them (the outbox pattern).
import type { Queryable } from '../../platform/db/index.js';
import { findContactPoint, listStaff, type ReportChannel } from '../contact-points/index.js';
import { findUser } from '../users/index.js';
import {
  emailWanted,
  insertNotification,
  type NotificationKind,
} from './notifications.repository.js';
import { render, templateLanguage, type TemplateLanguage } from './notifications.templates.js';

/** What a notification says, rendered for one language. */
export interface Rendered {
  title: string;
  body: string;
  /** The e-mail version; none for in-app only. */
  email?: { subject: string; body: string };
}

/** Builds the text of a notification in a language, given shared template variables. */
export type Composer = (lang: TemplateLanguage, vars: Record<string, string>) => Rendered;

/** Settings of the notifier. */
export interface NotifierSettings {
  /** Whether e-mail delivery is configured (SMTP_URL); when not, notifications stay in-app. */
  emailEnabled(): boolean;
  /** Base URL for links in e-mails. */
  publicUrl: string;
}

/** Writes notifications for a report's family or its contact point staff. */
export function createNotifier(settings: NotifierSettings) {
  async function vars(q: Queryable, ch: ReportChannel, lang: TemplateLanguage) {
    const cp = ch.contactPointId ? await findContactPoint(q, ch.contactPointId) : undefined;
    return {
      caseNumber: ch.caseNumber,
      url: settings.publicUrl,
      contactPoint: cp?.name ?? render(lang, 'contactPoint.none'),
    };
  }

  async function deliver(
    q: Queryable,
    recipientId: string,
    ch: ReportChannel,
    kind: NotificationKind,
    compose: Composer,
    held: boolean,
  ): Promise<string | undefined> {
    const user = await findUser(q, recipientId);
    if (!user || user.disabledAt) {
      return undefined;
    }
    const lang = templateLanguage(user.preferredLanguage);
    const text = compose(lang, await vars(q, ch, lang));
    const email =
      text.email && settings.emailEnabled() && (await emailWanted(q, recipientId))
        ? text.email
        : undefined;
    return insertNotification(
      q,
      {
        recipientId,
        reportId: ch.id,
        kind,
        language: lang,
        title: text.title,
        body: text.body,
        held,
      },
      email,
    );
  }

  return {
    /** Notifies the reporting relative and every active co-follower, each in their language. */
    async family(
      q: Queryable,
      ch: ReportChannel,
      kind: NotificationKind,
      compose: Composer,
      opts: { held?: boolean } = {},
    ): Promise<number> {
      let n = 0;
      for (const id of [ch.ownerId, ...ch.followerIds]) {
        if (id && (await deliver(q, id, ch, kind, compose, opts.held ?? false))) {
          n += 1;
        }
      }
      return n;
    },

    /** Notifies the staff of the report's contact point (in-app only). */
    async staff(q: Queryable, ch: ReportChannel, kind: NotificationKind, compose: Composer) {
      if (!ch.contactPointId) {
        return 0;
      }
      let n = 0;
      for (const s of await listStaff(q, ch.contactPointId)) {
        const inApp: Composer = (lang, v) => ({ ...compose(lang, v), email: undefined });
        if (await deliver(q, s.id, ch, kind, inApp, false)) {
          n += 1;
        }
      }
      return n;
    },

    /** Notifies one user (e.g. an invited relative), in-app only. */
    async user(
      q: Queryable,
      userId: string,
      ch: ReportChannel,
      kind: NotificationKind,
      compose: Composer,
    ) {
      const inApp: Composer = (lang, v) => ({ ...compose(lang, v), email: undefined });
      return deliver(q, userId, ch, kind, inApp, false);
    },
  };
}

/** The notifier. */
export type Notifier = ReturnType<typeof createNotifier>;
