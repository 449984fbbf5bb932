// Cross-border candidates and disclosure requests in the staff console: the other side stays
// pseudonymous, a contact point asks, the holder of the record decides with a reason, and the
// console refuses visitors (login), other roles (403), another jurisdiction (404), a form without
// its CSRF token, and bad input (the form again naming the field, nothing written).
import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { testNode } from '../node.js';
import { crossBorderPair, settle } from './crossborder.fixtures.js';
import { staffClient, staffLogin } from './staff.helpers.js';

const disclosures = async () =>
  testNode().db.query<{ direction: string; status: string }>(
    `SELECT direction, status FROM federation_disclosures ORDER BY created_at`,
  );

describe('staff console: cross-border candidates and disclosures', function () {
  this.timeout(120_000);

  it('a contact point asks for the record; the holder decides with a reason; the record reaches the asker', async () => {
    const w = await crossBorderPair();
    const tnCp = await staffLogin(
      (await buildUser({ role: 'contact_point', country: 'TN' })).email,
    );
    const list = await tnCp.get('/staff/cross-border');
    expect(list.status).to.equal(200);
    expect(list.text).to.contain(`/staff/cross-border/${w.tnCandidate}`);
    const page = await tnCp.get(`/staff/cross-border/${w.tnCandidate}`);
    expect(page.status).to.equal(200);
    // The other side: jurisdiction and reference only, never the remains' own code.
    expect(w.remains.code).to.be.a('string');
    expect(page.text).to.contain('Jurisdiction IT');
    expect(page.text).not.to.contain(String(w.remains.code));

    const noCsrf = await tnCp.post(
      `/staff/cross-border/${w.tnCandidate}/disclosures`,
      { purpose: 'identification', justification: 'Dental records agree on three teeth.' },
      'forged',
    );
    expect(noCsrf.status).to.equal(403);
    const short = await tnCp.post(`/staff/cross-border/${w.tnCandidate}/disclosures`, {
      purpose: 'identification',
      justification: 'short',
    });
    expect(short.status).to.equal(400);
    expect(short.text).to.contain('href="#f-justification"');
    expect(await disclosures()).to.have.length(0);

    const asked = await tnCp.post(`/staff/cross-border/${w.tnCandidate}/disclosures`, {
      purpose: 'identification',
      justification: 'Dental records agree on three teeth.',
    });
    expect(asked.status, asked.text.slice(0, 300)).to.equal(303);
    const outgoing = /\/staff\/disclosures\/([0-9a-f-]{36})/.exec(asked.headers.location!)![1]!;
    await settle();
    expect((await disclosures()).map((d) => d.direction)).to.deep.equal(['outgoing', 'incoming']);

    // The holder of the remains (an IT forensic practitioner) decides; others cannot.
    const holder = await staffLogin(w.itForensic.email);
    const inbox = await holder.get('/staff/disclosures');
    const incoming = /href="\/staff\/disclosures\/([0-9a-f-]{36})"/.exec(
      inbox.text.slice(inbox.text.indexOf('id="h-decide"')),
    )![1]!;
    const tnCaseClient = await staffLogin(w.tnCase.email);
    expect((await tnCaseClient.get(`/staff/disclosures/${incoming}`)).status).to.equal(404);
    expect((await tnCp.get(`/staff/disclosures/${incoming}`)).status).to.equal(404);
    const admin = await staffLogin((await buildUser({ role: 'admin', country: 'IT' })).email);
    expect((await admin.get(`/staff/disclosures/${incoming}`)).status).to.equal(403);

    const form = await holder.get(`/staff/disclosures/${incoming}`);
    expect(form.text).to.contain('Dental records agree on three teeth.');
    const noReason = await holder.post(`/staff/disclosures/${incoming}/decide`, {
      decision: 'approve',
      reason: '',
    });
    expect(noReason.status).to.equal(400);
    expect(noReason.text).to.contain('href="#f-reason"');
    expect((await disclosures())[1]!.status).to.equal('requested');
    const decided = await holder.post(`/staff/disclosures/${incoming}/decide`, {
      decision: 'approve',
      reason: 'Consent of the investigating magistrate on file.',
    });
    expect(decided.status).to.equal(303);
    const again = await holder.post(`/staff/disclosures/${incoming}/decide`, {
      decision: 'refuse',
      reason: 'Changed my mind.',
    });
    expect(again.status, 'a decided request stays decided').to.equal(409);
    await settle();

    const result = await tnCp.get(`/staff/disclosures/${outgoing}`);
    expect(result.status).to.equal(200);
    expect(result.text).to.contain('Consent of the investigating magistrate on file.');
    expect(result.text).to.contain(String(w.remains.code));
  });

  it('refuses visitors, other roles and another jurisdiction', async () => {
    const w = await crossBorderPair();
    const visitor = staffClient();
    const toLogin = await visitor.get(`/staff/cross-border/${w.tnCandidate}`);
    expect(toLogin.status).to.equal(303);
    expect(toLogin.headers.location).to.match(/^\/staff\/login\?next=/);
    expect((await visitor.get('/staff/disclosures')).status).to.equal(303);
    const tnCaseClient = await staffLogin(w.tnCase.email);
    expect((await tnCaseClient.get('/staff/cross-border')).status).to.equal(403);
    const auditor = await staffLogin((await buildUser({ role: 'auditor', country: 'TN' })).email);
    expect((await auditor.get(`/staff/cross-border/${w.tnCandidate}`)).status).to.equal(403);
    expect((await auditor.get('/staff/disclosures')).status).to.equal(403);
    const itCp = await staffLogin(
      (await buildUser({ role: 'contact_point', country: 'IT' })).email,
    );
    expect((await itCp.get(`/staff/cross-border/${w.tnCandidate}`)).status).to.equal(404);
    const post = await itCp.post(`/staff/cross-border/${w.tnCandidate}/disclosures`, {
      purpose: 'identification',
      justification: 'Dental records agree on three teeth.',
    });
    expect(post.status).to.equal(404);
    expect(await disclosures()).to.have.length(0);
    expect((await itCp.get(`/staff/cross-border/${w.itCandidate}`)).status).to.equal(200);
    expect((await itCp.get('/staff/cross-border/not-a-uuid')).status).to.equal(404);
  });
});
