import { expect } from 'chai';
import {
  backoffMs,
  createSmtpMailer,
  DEFAULT_DISPATCHER_OPTIONS,
} from '../../src/features/notifications/index.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { changeStatus, familyCase, startSmtp } from '../notifications.factories.js';

const HOUR = 3_600_000;

describe('notifications: outbox and e-mail delivery', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  afterEach(async () => {
    testNode().services.notifications.useMailer(undefined);
    await smtp?.close();
    smtp = undefined;
  });

  function useSmtp(url: string) {
    testNode().services.notifications.useMailer(
      createSmtpMailer(url, 'Ariadne <no-reply@test.example>'),
    );
  }

  it('a status change produces exactly one e-mail in the family’s language, despite two SMTP failures', async () => {
    smtp = await startSmtp(2);
    useSmtp(smtp.url);
    const c = await familyCase('fr');
    await changeStatus(c, 'under_search', 'Nous avons contacté le CICR.');
    const dispatcher = testNode().services.notifications.dispatcher({
      baseDelayMs: HOUR,
      maxDelayMs: 100 * HOUR,
    })!;
    const t0 = new Date(Date.now() + 1000);

    expect(await dispatcher.runOnce(t0)).to.deep.equal({ sent: 0, retried: 1, failed: 0 });
    // Not due again before the back-off delay: nothing is claimed.
    expect(await dispatcher.runOnce(t0)).to.deep.equal({ sent: 0, retried: 0, failed: 0 });
    let state = (await api.get(`/api/v1/reports/${c.reportId}/notifications`, c.cp.staff.token))
      .body;
    const statusItem = () => state.items.find((i: { kind: string }) => i.kind === 'status_change');
    expect(statusItem().email).to.include({
      status: 'pending',
      attempts: 1,
      lastError: 'EMESSAGE SMTP 451',
    });

    expect((await dispatcher.runOnce(new Date(t0.getTime() + HOUR))).retried).to.equal(1);
    // The second delay is twice the first.
    expect((await dispatcher.runOnce(new Date(t0.getTime() + 2 * HOUR))).sent).to.equal(0);
    expect((await dispatcher.runOnce(new Date(t0.getTime() + 3 * HOUR))).sent).to.equal(1);
    expect(await dispatcher.runOnce(new Date(t0.getTime() + 100 * HOUR))).to.deep.equal({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    await dispatcher.stop();

    expect(smtp.attempts()).to.equal(3);
    expect(smtp.received).to.have.length(1);
    const mail = smtp.received[0]!;
    expect(mail.to).to.deep.equal([c.family.email]);
    expect(mail.subject).to.equal(`Nouvelles de votre recherche (${c.caseNumber})`);
    expect(mail.text).to.include('La recherche de votre proche est en cours.');
    // Free text written for the family stays in the app.
    expect(mail.text).not.to.include('CICR');

    state = (await api.get(`/api/v1/reports/${c.reportId}/notifications`, c.cp.staff.token)).body;
    expect(statusItem().email).to.include({ status: 'sent', attempts: 3, lastError: null });
    expect(statusItem().inApp).to.equal('unread');
  });

  it('the family reads the notification in the app, in its language, with the message', async () => {
    const c = await familyCase('es');
    await changeStatus(c, 'under_search', 'Hemos contactado a la Cruz Roja.');
    const inbox = await api.get('/api/v1/notifications', c.family.token);
    expect(inbox.status).to.equal(200);
    const item = inbox.body.items.find((i: { kind: string }) => i.kind === 'status_change');
    expect(item.language).to.equal('es');
    expect(item.body).to.include('La búsqueda de su familiar está en curso.');
    expect(item.body).to.include('Hemos contactado a la Cruz Roja.');
    const read = await api.post(`/api/v1/notifications/${item.id}/read`, {}, c.family.token);
    expect(read.status).to.equal(200);
    expect(read.body.readAt).to.be.a('string');
    // Another user cannot mark it read, nor learn it exists.
    expect(
      (await api.post(`/api/v1/notifications/${item.id}/read`, {}, c.caseworker.token)).status,
    ).to.equal(404);
    const state = await api.get(`/api/v1/reports/${c.reportId}/notifications`, c.cp.staff.token);
    const delivered = state.body.items.find((i: { id: string }) => i.id === item.id);
    expect(delivered.inApp).to.equal('read');
    // No SMTP configured: no e-mail row at all.
    expect(delivered.email).to.equal(null);
  });

  it('a family that opted out of e-mail is notified in the app only', async () => {
    smtp = await startSmtp();
    useSmtp(smtp.url);
    const c = await familyCase('en');
    const prefs = await api.put(
      '/api/v1/notifications/preferences',
      { email: false },
      c.family.token,
    );
    expect(prefs.body).to.deep.equal({ email: false, emailAvailable: true });
    await changeStatus(c, 'under_search');
    await testNode()
      .services.notifications.dispatcher()!
      .runOnce(new Date(Date.now() + 1000));
    expect(smtp.received).to.have.length(0);
    const inbox = await api.get('/api/v1/notifications', c.family.token);
    expect(inbox.body.items.map((i: { kind: string }) => i.kind)).to.include('status_change');
  });

  it('gives up after the maximum attempts and shows the failure', async () => {
    smtp = await startSmtp(99);
    useSmtp(smtp.url);
    const c = await familyCase('ar');
    await changeStatus(c, 'under_search');
    const d = testNode().services.notifications.dispatcher({ maxAttempts: 2, baseDelayMs: 1 })!;
    const later = new Date(Date.now() + HOUR);
    expect((await d.runOnce(later)).retried).to.equal(1);
    expect((await d.runOnce(new Date(later.getTime() + HOUR))).failed).to.equal(1);
    expect((await d.runOnce(new Date(later.getTime() + 10 * HOUR))).failed).to.equal(0);
    const state = await api.get(`/api/v1/reports/${c.reportId}/notifications`, c.caseworker.token);
    const item = state.body.items.find((i: { kind: string }) => i.kind === 'status_change');
    expect(item.email.status).to.equal('failed');
    expect(item.language).to.equal('ar');
    expect(JSON.stringify(state.body)).not.to.include(c.family.email);
  });

  it('two dispatchers running at once never send the same e-mail twice', async () => {
    smtp = await startSmtp();
    useSmtp(smtp.url);
    const c = await familyCase('en');
    await changeStatus(c, 'under_search');
    await changeStatus(c, 'possible_match');
    const { services } = testNode();
    const a = services.notifications.dispatcher()!;
    const b = services.notifications.dispatcher()!;
    const now = new Date(Date.now() + 1000);
    const [ra, rb] = await Promise.all([a.runOnce(now), b.runOnce(now)]);
    expect(ra.sent + rb.sent).to.equal(2);
    expect(smtp.received).to.have.length(2);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).to.equal(2);
  });

  it('a claim lost mid-send becomes uncertain and is never resent automatically', async () => {
    smtp = await startSmtp();
    useSmtp(smtp.url);
    const c = await familyCase('en');
    await changeStatus(c, 'under_search');
    const { db, services } = testNode();
    // A dispatcher claimed the row two hours ago and died before recording the outcome.
    await db.query(
      `UPDATE notification_outbox SET status = 'sending', attempts = 1, claimed_at = $1`,
      [new Date(Date.now() - 2 * HOUR)],
    );
    const d = services.notifications.dispatcher({ leaseMs: HOUR })!;
    expect(await d.runOnce(new Date(Date.now() + HOUR))).to.deep.equal({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(smtp.received).to.have.length(0);
    const state = await api.get(`/api/v1/reports/${c.reportId}/notifications`, c.cp.staff.token);
    const item = state.body.items.find((i: { kind: string }) => i.kind === 'status_change');
    expect(item.email).to.include({ status: 'uncertain', lastError: 'claim lost during sending' });
  });

  it('back-off doubles from the base delay up to the cap', () => {
    const o = { ...DEFAULT_DISPATCHER_OPTIONS, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, o))).to.deep.equal([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });

  it('start() and stop() run the dispatcher in the background', async () => {
    smtp = await startSmtp();
    useSmtp(smtp.url);
    const c = await familyCase('en');
    await changeStatus(c, 'under_search');
    const d = testNode().services.notifications.dispatcher()!;
    d.start(10);
    for (let i = 0; i < 200 && smtp.received.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    await d.stop();
    expect(smtp.received).to.have.length(1);
  });
});
