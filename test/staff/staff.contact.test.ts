import { expect } from 'chai';
import { api } from '../http.js';
import { matchingWorld } from '../matching.factories.js';
import { testNode } from '../node.js';
import { staffLogin } from './staff.helpers.js';

describe('staff console: contact points’ tasks, death notice and messages', function () {
  this.timeout(60_000);

  it('puts the death notice first, holds messages until it is recorded, then records it', async () => {
    const w = await matchingWorld();
    const opened = await api.post(
      `/api/v1/reports/${w.reportId}/death-notice/open`,
      {},
      w.caseworker.token,
    );
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    const c = await staffLogin(w.contactPoint.staff.email);
    const home = await c.get('/staff');
    const tasks = home.text.slice(home.text.indexOf('id="h-tasks"'));
    expect(tasks.indexOf('Death notice to give')).to.be.greaterThan(-1);
    expect(tasks).to.contain(`href="/staff/cases/${w.reportId}"`);

    const page = await c.get(`/staff/cases/${w.reportId}`);
    expect(page.text).to.contain('Tell the family in person or by phone');
    const empty = await c.post(`/staff/cases/${w.reportId}/messages`, { body: '  ' });
    expect(empty.status).to.equal(400);
    const sent = await c.post(`/staff/cases/${w.reportId}/messages`, {
      body: 'We will call you tomorrow morning.',
    });
    expect(sent.status).to.equal(303);
    const thread = await c.get(`/staff/cases/${w.reportId}`);
    expect(thread.text).to.contain('We will call you tomorrow morning.');
    expect(thread.text).to.contain('held until the death notice is recorded');

    const noMethod = await c.post(`/staff/cases/${w.reportId}/death-notice`, {});
    expect(noMethod.status).to.equal(400);
    const told = await c.post(`/staff/cases/${w.reportId}/death-notice`, {
      method: 'in_person',
      note: 'With the imam of the family’s mosque',
    });
    expect(told.status).to.equal(303);
    const rows = await testNode().db.query<{ method: string }>(
      'SELECT method FROM death_notices WHERE report_id = $1 AND informed_at IS NOT NULL',
      [w.reportId],
    );
    expect(rows.map((r) => r.method)).to.deep.equal(['in_person']);
    const after = await c.get(`/staff/cases/${w.reportId}`);
    expect(after.text).not.to.contain('Record that the family was told');
  });
});
