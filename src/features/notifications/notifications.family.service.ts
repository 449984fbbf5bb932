import type { PageRequest } from '../../platform/http/index.js';
// Message threads between a family and its contact point, and co-followers of a report.
import type { Database } from '../../platform/db/index.js';
import type { Actor } from '../../platform/authz/index.js';
import { AppError, notFound, validationFailed } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { findChannel, loadChannel, REPORT_CHANNEL } from '../contact-points/index.js';
import { findUser, findUserByEmail } from '../users/index.js';
import {
  decideFollower,
  findFollower,
  insertFollower,
  insertMessage,
  listFollowers,
  listInvitationsFor,
  listMessages,
  type Follower,
  type Message,
} from './notifications.family.repository.js';
import type { Notifier } from './notifications.notifier.js';
import type { InviteInput, MessageInput } from './notifications.schemas.js';
import { deathNoticePending } from './notifications.service.js';
import { render } from './notifications.templates.js';

const FOLLOWER = 'ReportFollower';

function presentMessage(actor: Actor, m: Message) {
  return {
    id: m.id,
    authorSide: m.authorSide,
    mine: m.authorId === actor.id,
    body: m.body,
    createdAt: new Date(m.createdAt).toISOString(),
  };
}

function presentFollower(f: Follower) {
  return {
    id: f.id,
    reportId: f.reportId,
    email: f.inviteeEmail,
    relationship: f.relationship,
    status: f.status,
    createdAt: new Date(f.createdAt).toISOString(),
    decidedAt: f.decidedAt ? new Date(f.decidedAt).toISOString() : null,
  };
}

/** Threads and co-followers. */
export function createFamilyChannelService(db: Database, notifier: Notifier) {
  return {
    /**
     * A page of the thread of a report (the family and the assigned contact point; audited):
     * offset 0 is the latest page, messages oldest first within it.
     */
    async messages(actor: Actor, reportId: string, page: PageRequest = { limit: 25, offset: 0 }) {
      return db.transaction(async (t) => {
        const ch = await loadChannel(t, actor, 'readThread', reportId);
        const { rows: items, total } = await listMessages(t, ch.id, page);
        await recordAudit(t, actor, {
          action: 'read',
          subjectType: REPORT_CHANNEL,
          subjectId: ch.id,
          subjectCountry: ch.country,
          fields: ['messages'],
        });
        return {
          reportId: ch.id,
          items: items.map((m) => presentMessage(actor, m)),
          total,
          ...page,
        };
      });
    },

    /** Writes to the thread; the other side is notified (the family also by e-mail, without the text). */
    async post(actor: Actor, reportId: string, input: MessageInput) {
      return db.transaction(async (t) => {
        const ch = await loadChannel(t, actor, 'postMessage', reportId);
        const side = actor.role === 'family' ? 'family' : 'contact_point';
        const m = await insertMessage(t, {
          reportId: ch.id,
          authorId: actor.id,
          authorSide: side,
          body: input.body,
        });
        await recordAudit(t, actor, {
          action: 'create',
          subjectType: REPORT_CHANNEL,
          subjectId: ch.id,
          subjectCountry: ch.country,
          fields: ['message'],
        });
        if (side === 'contact_point') {
          const held = await deathNoticePending(t, ch.id);
          await notifier.family(
            t,
            ch,
            'message',
            (lang, v) => ({
              title: render(lang, 'message.title', v),
              body: render(lang, 'message.body', { body: input.body }),
              email: {
                subject: render(lang, 'message.title', v),
                body: render(lang, 'message.email', v),
              },
            }),
            { held },
          );
        } else {
          await notifier.staff(t, ch, 'message', (lang, v) => ({
            title: render(lang, 'familyMessage.title', v),
            body: render(lang, 'familyMessage.body', { body: input.body }),
          }));
        }
        return presentMessage(actor, m);
      });
    },

    /** The reporting relative invites another relative to follow the report. */
    async invite(actor: Actor, reportId: string, input: InviteInput) {
      return db.transaction(async (t) => {
        const ch = await loadChannel(t, actor, 'inviteFollower', reportId);
        const self = await findUser(t, actor.id);
        if (self?.email.toLowerCase() === input.email.toLowerCase()) {
          throw validationFailed([
            { field: 'body.email', message: 'you already follow this report' },
          ]);
        }
        const f = await insertFollower(t, { reportId: ch.id, ...input, invitedBy: actor.id });
        await recordAudit(t, actor, {
          action: 'create',
          subjectType: FOLLOWER,
          subjectId: f.id,
          subjectCountry: ch.country,
          fields: Object.keys(input),
        });
        const invitee = await findUserByEmail(t, input.email);
        if (invitee?.role === 'family') {
          await notifier.user(t, invitee.id, ch, 'co_follower_invitation', (lang, v) => ({
            title: render(lang, 'invitation.title', v),
            body: render(lang, 'invitation.body', { ...v, relationship: input.relationship }),
          }));
        }
        return presentFollower(f);
      });
    },

    /** Invitations and co-followers of a report (its reporting relative). */
    async followers(actor: Actor, reportId: string) {
      const ch = await loadChannel(db, actor, 'inviteFollower', reportId);
      return { reportId: ch.id, items: (await listFollowers(db, ch.id)).map(presentFollower) };
    },

    /** The reporting relative withdraws an invitation or a co-follower. */
    async revoke(actor: Actor, reportId: string, followerId: string) {
      return db.transaction(async (t) => {
        const ch = await loadChannel(t, actor, 'inviteFollower', reportId);
        const f = await findFollower(t, followerId);
        if (f?.reportId !== ch.id || !['invited', 'active'].includes(f.status)) {
          throw notFound(FOLLOWER);
        }
        await decideFollower(t, f.id, 'revoked', null);
        await recordAudit(t, actor, {
          action: 'revoke',
          subjectType: FOLLOWER,
          subjectId: f.id,
          subjectCountry: ch.country,
          fields: ['status'],
        });
        return presentFollower((await findFollower(t, f.id))!);
      });
    },

    /** Open invitations addressed to the actor's account. */
    async myInvitations(actor: Actor) {
      const me = await findUser(db, actor.id);
      if (actor.role !== 'family' || !me) {
        return { items: [] };
      }
      const items = [];
      for (const f of await listInvitationsFor(db, me.email)) {
        const ch = await findChannel(db, f.reportId);
        items.push({ ...presentFollower(f), caseNumber: ch?.caseNumber ?? null });
      }
      return { items };
    },

    /** The invited relative accepts or declines (only invitations addressed to them: 404 otherwise). */
    async respond(actor: Actor, invitationId: string, accept: boolean) {
      return db.transaction(async (t) => {
        const me = await findUser(t, actor.id);
        const f = await findFollower(t, invitationId);
        if (actor.role !== 'family' || !me || f?.inviteeEmail !== me.email.toLowerCase()) {
          throw notFound(FOLLOWER);
        }
        if (f.status !== 'invited') {
          throw new AppError('CONFLICT', `This invitation is ${f.status}`);
        }
        await decideFollower(t, f.id, accept ? 'active' : 'declined', actor.id);
        await recordAudit(t, actor, {
          action: accept ? 'accept' : 'decline',
          subjectType: FOLLOWER,
          subjectId: f.id,
          subjectCountry: actor.country,
          fields: ['status'],
        });
        return presentFollower((await findFollower(t, f.id))!);
      });
    },
  };
}

/** The threads and co-followers service. */
export type FamilyChannelService = ReturnType<typeof createFamilyChannelService>;
