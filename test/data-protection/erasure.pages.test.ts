// The family portal's erasure page: linked from the case page, in the family's language
// (Arabic here), the request reaches a caseworker and a refusal's reason shows on the page.
import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { signedInFamily, visitor } from '../portal/portal.helpers.js';

describe('data protection: the erasure page of the family portal', () => {
  it('asks for erasure from the case page and shows the caseworker’s answer', async () => {
    const v = await signedInFamily('amina.erasure@example.org', 'ar');
    const [family] = await testNode().db.query<{ id: string }>(
      `SELECT id FROM users WHERE email = 'amina.erasure@example.org'`,
    );
    const cw = await buildUser({ role: 'caseworker', country: 'TN' });
    const report = await fileReport(cw.token, { ...reportBody(), familyAccountId: family!.id });

    const casePage = await v.get(`/cases/${report.id}`);
    expect(casePage.status).to.equal(200);
    expect(casePage.text).to.contain(`/cases/${report.id}/erasure`);
    expect(casePage.text).to.contain('طلب محو بياناتك');

    const page = await v.get(`/cases/${report.id}/erasure`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('dir="rtl"');
    expect(page.text).to.contain('name="reason"');
    const sent = await v.post(`/cases/${report.id}/erasure`, { reason: 'وجدناه' });
    expect(sent.status).to.equal(200);
    expect(sent.text).to.contain('أُرسل طلبك');
    expect(sent.text).not.to.contain('name="reason"');

    const pending = await api.get('/api/v1/erasure-requests?status=pending', cw.token);
    expect(pending.body.items).to.have.length(1);
    expect(pending.body.items[0].reason).to.equal('وجدناه');
    await api.post(
      `/api/v1/erasure-requests/${pending.body.items[0].id}/decision`,
      { decision: 'refuse', reason: 'Court order 12/2026 keeps the file until the hearing.' },
      cw.token,
    );
    const answered = await v.get(`/cases/${report.id}/erasure`);
    expect(answered.text).to.contain('Court order 12/2026 keeps the file until the hearing.');
    expect(answered.text).to.contain('مرفوض');

    // Another family, and a visitor without a session, reach nothing.
    const other = await signedInFamily('someone.else@example.org', 'en');
    expect((await other.get(`/cases/${report.id}/erasure`)).status).to.equal(404);
    const anonymous = await visitor().get(`/cases/${report.id}/erasure`);
    expect(anonymous.status).to.equal(303);
  });
});
