import { expect } from 'chai';
import { createSmtpMailer } from '../../src/features/notifications/index.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { designate } from '../contact-points.factories.js';
import { familyCase, startSmtp } from '../notifications.factories.js';

describe('notifications: message threads', () => {
  afterEach(() => testNode().services.notifications.useMailer(undefined));

  it('the family and its contact point write to each other; each side is notified', async () => {
    const smtp = await startSmtp();
    try {
      testNode().services.notifications.useMailer(createSmtpMailer(smtp.url, 'a@test.example'));
      const c = await familyCase('ar');
      const path = `/api/v1/reports/${c.reportId}/messages`;
      const q = await api.post(path, { body: 'هل من أخبار؟' }, c.family.token);
      expect(q.status).to.equal(201);
      expect(q.body).to.include({ authorSide: 'family', mine: true });
      const a = await api.post(
        path,
        { body: 'We are checking a lead in Lampedusa.' },
        c.cp.staff.token,
      );
      expect(a.status).to.equal(201);

      const thread = await api.get(path, c.family.token);
      expect(
        thread.body.items.map((m: { body: string; mine: boolean }) => [m.body, m.mine]),
      ).to.deep.equal([
        ['هل من أخبار؟', true],
        ['We are checking a lead in Lampedusa.', false],
      ]);
      // Staff get the family's message in the app.
      const staffInbox = await api.get('/api/v1/notifications', c.cp.staff.token);
      expect(staffInbox.body.items[0].body).to.equal('هل من أخبار؟');
      // The family: in the app with the text, by e-mail without it, in Arabic.
      const inbox = await api.get('/api/v1/notifications?unread=true', c.family.token);
      const note = inbox.body.items.find((i: { kind: string }) => i.kind === 'message');
      expect(note.body).to.equal('We are checking a lead in Lampedusa.');
      expect(note.title).to.equal(`رسالة جديدة بشأن الملف ${c.caseNumber}`);
      await testNode()
        .services.notifications.dispatcher()!
        .runOnce(new Date(Date.now() + 1000));
      expect(smtp.received).to.have.length(1);
      expect(smtp.received[0]!.subject).to.equal(`رسالة جديدة بشأن الملف ${c.caseNumber}`);
      expect(smtp.received[0]!.text).not.to.include('Lampedusa');
    } finally {
      await smtp.close();
    }
  });

  it('nobody else reads or writes the thread', async () => {
    const c = await familyCase('en');
    const path = `/api/v1/reports/${c.reportId}/messages`;
    const otherFamily = await buildUser({ role: 'family', country: 'IT' });
    const otherCp = await designate({ nationalities: ['ER'] });
    const frCp = await designate({ country: 'FR' });
    for (const token of [otherFamily.token, otherCp.staff.token, frCp.staff.token]) {
      expect((await api.get(path, token)).status).to.equal(404);
      expect((await api.post(path, { body: 'hi' }, token)).status).to.equal(404);
    }
    // The caseworker follows the assignment but the thread is the family's and the contact point's.
    expect((await api.get(path, c.caseworker.token)).status).to.equal(403);
    expect((await api.post(path, { body: '' }, c.family.token)).status).to.equal(400);
  });
});

describe('notifications: co-followers', () => {
  it('the reporting relative invites a relative, who accepts and is then kept informed', async () => {
    const c = await familyCase('en');
    const brother = await buildUser({ role: 'family', country: 'DE', preferredLanguage: 'fr' });
    const invite = await api.post(
      `/api/v1/reports/${c.reportId}/followers`,
      { email: brother.email.toUpperCase(), relationship: 'brother' },
      c.family.token,
    );
    expect(invite.status).to.equal(201);
    expect(invite.body.status).to.equal('invited');
    // Before accepting, the invited relative sees the invitation, not the thread.
    const path = `/api/v1/reports/${c.reportId}/messages`;
    expect((await api.get(path, brother.token)).status).to.equal(404);
    const mine = await api.get('/api/v1/follower-invitations', brother.token);
    expect(mine.body.items.map((i: { caseNumber: string }) => i.caseNumber)).to.deep.equal([
      c.caseNumber,
    ]);
    const inbox = await api.get('/api/v1/notifications', brother.token);
    expect(inbox.body.items[0].title).to.equal(
      `Vous êtes invité(e) à suivre le dossier ${c.caseNumber}`,
    );
    // Someone else cannot accept it.
    const stranger = await buildUser({ role: 'family', country: 'IT' });
    expect(
      (await api.post(`/api/v1/follower-invitations/${invite.body.id}/accept`, {}, stranger.token))
        .status,
    ).to.equal(404);
    const ok = await api.post(
      `/api/v1/follower-invitations/${invite.body.id}/accept`,
      {},
      brother.token,
    );
    expect(ok.status).to.equal(200);
    expect(ok.body.status).to.equal('active');

    await api.post(path, { body: 'News soon.' }, c.cp.staff.token);
    expect((await api.get(path, brother.token)).body.items).to.have.length(1);
    const note = (await api.get('/api/v1/notifications', brother.token)).body.items.find(
      (i: { kind: string }) => i.kind === 'message',
    );
    expect(note.language).to.equal('fr');
    // Only the reporting relative invites and revokes.
    expect(
      (
        await api.post(
          `/api/v1/reports/${c.reportId}/followers`,
          { email: 'x@test.example', relationship: 'aunt' },
          brother.token,
        )
      ).status,
    ).to.equal(403);
    const revoke = await api.delete(
      `/api/v1/reports/${c.reportId}/followers/${invite.body.id}`,
      c.family.token,
    );
    expect(revoke.status).to.equal(200);
    expect((await api.get(path, brother.token)).status).to.equal(404);
  });

  it('an invitation can be declined, and the same address cannot be invited twice at once', async () => {
    const c = await familyCase('en');
    const aunt = await buildUser({ role: 'family', country: 'IT' });
    const body = { email: aunt.email, relationship: 'aunt' };
    const inv = await api.post(`/api/v1/reports/${c.reportId}/followers`, body, c.family.token);
    expect(
      (await api.post(`/api/v1/reports/${c.reportId}/followers`, body, c.family.token)).status,
    ).to.equal(409);
    const no = await api.post(
      `/api/v1/follower-invitations/${inv.body.id}/decline`,
      {},
      aunt.token,
    );
    expect(no.body.status).to.equal('declined');
    expect(
      (await api.post(`/api/v1/follower-invitations/${inv.body.id}/accept`, {}, aunt.token)).status,
    ).to.equal(409);
    const list = await api.get(`/api/v1/reports/${c.reportId}/followers`, c.family.token);
    expect(list.body.items.map((f: { status: string }) => f.status)).to.deep.equal(['declined']);
  });
});
