import { expect } from 'chai';
import { createSmtpMailer } from '../../src/features/notifications/index.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { designate } from '../contact-points.factories.js';
import { changeStatus, familyCase, startSmtp } from '../notifications.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';

const DEATH_FR = 'votre proche a été identifié parmi les personnes décédées';

describe('notifications: news of a death is told in person first', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  afterEach(async () => {
    testNode().services.notifications.useMailer(undefined);
    await smtp?.close();
    smtp = undefined;
  });

  const later = () => new Date(Date.now() + 60_000);

  it('no written notice of a death before the contact point records an in-person or phone notice', async () => {
    smtp = await startSmtp();
    const { services } = testNode();
    services.notifications.useMailer(createSmtpMailer(smtp.url, 'a@test.example'));
    const c = await familyCase('fr');
    await changeStatus(c, 'under_search');
    const statusPath = `/api/v1/reports/${c.reportId}/status`;
    const deceased = { status: 'identified_deceased', reason: 'DNA match signed off' };

    // The death cannot be recorded (nor announced) before the family was told in person.
    const refused = await api.post(statusPath, deceased, c.caseworker.token);
    expect(refused.status).to.equal(409);
    expect(refused.body.error).to.include({ code: 'DEATH_NOTICE_REQUIRED' });
    expect(refused.body.error.details).to.deep.equal({ deathNotice: 'missing' });

    // The caseworker opens the notice; the contact point's staff are alerted in the app.
    const open = await api.post(
      `/api/v1/reports/${c.reportId}/death-notice/open`,
      {},
      c.caseworker.token,
    );
    expect(open.status).to.equal(201);
    expect(
      (await api.post(`/api/v1/reports/${c.reportId}/death-notice/open`, {}, c.caseworker.token))
        .status,
    ).to.equal(409);
    const alert = (await api.get('/api/v1/notifications', c.cp.staff.token)).body.items[0];
    expect(alert).to.include({
      kind: 'death_notice',
      title: `A death must be told in person: case ${c.caseNumber}`,
    });
    expect(
      (await api.post(statusPath, deceased, c.caseworker.token)).body.error.details,
    ).to.deep.equal({
      deathNotice: 'pending',
    });

    // Anything the contact point writes to the family meanwhile waits.
    const msg = await api.post(
      `/api/v1/reports/${c.reportId}/messages`,
      { body: 'Pouvons-nous vous rendre visite ?' },
      c.cp.staff.token,
    );
    expect(msg.status).to.equal(201);
    const dispatcher = services.notifications.dispatcher()!;
    await dispatcher.runOnce(later());
    expect(smtp.received).to.have.length(1); // under_search only
    expect(
      JSON.stringify((await api.get('/api/v1/notifications', c.family.token)).body),
    ).not.to.include('rendre visite');
    const own = await api.get(`/api/v1/reports/${c.reportId}`, c.family.token);
    expect(own.body.status).to.equal('under_search');
    const state = await api.get(`/api/v1/reports/${c.reportId}/notifications`, c.cp.staff.token);
    expect(state.body.deathNotice).to.include({ status: 'pending', method: null });
    const held = state.body.items.filter((i: { inApp: string }) => i.inApp === 'held');
    expect(held.map((i: { kind: string }) => i.kind)).to.deep.equal(['message']);
    expect(held[0].email.status).to.equal('held');

    // Only the assigned contact point records the notice, and only by a spoken channel.
    const other = await designate({ nationalities: ['ER'] });
    const body = { method: 'in_person', note: 'Visited the family with an interpreter.' };
    const path = `/api/v1/reports/${c.reportId}/death-notice`;
    expect((await api.post(path, body, c.family.token)).status).to.equal(403);
    expect((await api.post(path, body, c.caseworker.token)).status).to.equal(403);
    expect((await api.post(path, body, other.staff.token)).status).to.equal(404);
    expect((await api.post(path, { method: 'email' }, c.cp.staff.token)).status).to.equal(400);
    const rec = await api.post(path, body, c.cp.staff.token);
    expect(rec.status).to.equal(200);
    expect(rec.body).to.include({ method: 'in_person', released: 1 });
    expect((await api.post(path, body, c.cp.staff.token)).status).to.equal(409);

    // Only now may the status change, and the written notice goes out.
    const ok = await api.post(
      statusPath,
      { ...deceased, messageToFamily: 'Nos condoléances.' },
      c.caseworker.token,
    );
    expect(ok.status).to.equal(200);
    await dispatcher.runOnce(later());
    expect(smtp.received).to.have.length(3);
    const death = smtp.received.find((m) => m.text.includes(DEATH_FR));
    expect(death?.to).to.deep.equal([c.family.email]);
    const after = JSON.stringify((await api.get('/api/v1/notifications', c.family.token)).body);
    expect(after).to.include(DEATH_FR);
    expect(after).to.include('Nos condoléances.');
    expect(after).to.include('rendre visite');
    const done = await api.get(`/api/v1/reports/${c.reportId}/notifications`, c.cp.staff.token);
    expect(done.body.deathNotice).to.include({ status: 'informed', method: 'in_person' });
  });

  it('refuses to record a notice when none is open, and to open one without a contact point', async () => {
    const c = await familyCase('en');
    const res = await api.post(
      `/api/v1/reports/${c.reportId}/death-notice`,
      { method: 'phone' },
      c.cp.staff.token,
    );
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('CONFLICT');
    const cw = await buildUser({ role: 'caseworker', country: 'FR' });
    const unrouted = await fileReport(cw.token, reportBody());
    const open = await api.post(`/api/v1/reports/${unrouted.id}/death-notice/open`, {}, cw.token);
    expect(open.status).to.equal(409);
  });
});
