// The staff console's cross-border and administration pages in headless Chromium: a contact
// point asks for the record behind a cross-border candidate and the holder approves it, in
// Arabic (right to left); an administrator records an exchange agreement in English; auditors'
// checkpoints and access log. axe-core finds nothing serious on any of them.
import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { testConfig, testNode } from '../node.js';
import { crossBorderPair, settle } from '../staff/crossborder.fixtures.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { startRig, weigher, type BrowserRig, loadAfter, BUSY_MS } from './browser.js';
import { check, desk, login } from './staff.console.js';
import { rmSync } from 'node:fs';

describe('browser: cross-border, administration and accountability pages', function () {
  // A busy machine slows Chromium and the node down; the timeouts only catch a hang.
  this.timeout(BUSY_MS);
  let rig: BrowserRig;

  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.close();
  });

  it('a contact point asks for a record and the holder approves it, in Arabic', async () => {
    const w = await crossBorderPair();
    const cpUser = await buildUser({ role: 'contact_point', country: 'TN' });
    const ctx = await desk(rig, 'ar');
    const page = await ctx.newPage();
    const wg = await weigher(page);
    await login(rig, page, cpUser.email, 'ar');
    expect(await page.getAttribute('html', 'dir')).to.equal('rtl');
    await page.click('header a[href="/staff/cross-border"]');
    await page.waitForLoadState('load');
    await check(page, wg, 'crossborder-ar');
    await page.click(`main a[href="/staff/cross-border/${w.tnCandidate}"]`);
    await page.waitForLoadState('load');
    expect(await page.textContent('main')).not.to.contain(String(w.remains.code));
    // Keyboard: the purpose is preselected; type the justification, Tab to the button, Enter.
    await page.fill('#f-justification', 'تتطابق سجلات الأسنان في ثلاثة مواضع.');
    await page.focus('#f-justification');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/\/staff\/disclosures\//), page.keyboard.press('Enter')]);
    expect(await page.textContent('main')).to.contain('بانتظار القرار');
    await settle();
    await ctx.close();

    const hctx = await desk(rig, 'ar');
    const holder = await hctx.newPage();
    const wh = await weigher(holder);
    await login(rig, holder, w.itForensic.email, 'ar');
    await holder.click('header a[href="/staff/disclosures"]');
    await holder.waitForLoadState('load');
    await holder.click('main a[href^="/staff/disclosures/"]');
    await holder.waitForLoadState('load');
    expect(await holder.textContent('main')).to.contain('تتطابق سجلات الأسنان');
    // Without a reason the form comes back naming the field.
    await holder.check('#f-decision-0');
    await loadAfter(holder, () => holder.click('main form button'));
    expect(await holder.locator('#f-reason[aria-invalid="true"]').count()).to.equal(1);
    await check(holder, wh, null);
    await holder.fill('#f-reason', 'موافقة القاضي المحقق مسجّلة في الملف.');
    await check(holder, wh, 'disclosure-decision-ar');
    await loadAfter(holder, () => holder.click('main form button'));
    expect(await holder.textContent('main')).to.contain('مقبول');
    await hctx.close();
    await settle();

    const rows = await testNode().db.query<{ status: string }>(
      `SELECT status FROM federation_disclosures WHERE direction = 'outgoing'`,
    );
    expect(rows.map((r) => r.status)).to.deep.equal(['approved']);
  });

  it('an administrator records an exchange agreement and sees the designations', async () => {
    const admin = await buildUser({ role: 'admin', country: 'TN' });
    const ctx = await desk(rig, 'en');
    const page = await ctx.newPage();
    const wg = await weigher(page);
    await login(rig, page, admin.email, 'en');
    await page.click('header a[href="/staff/federation"]');
    await page.waitForLoadState('load');
    await page.click('summary:has-text("Record a new agreement")');
    await page.fill('#f-ref', 'TN-MT-2027-TRACING');
    await page.fill('#f-partnerJurisdiction', 'MT');
    for (const kind of ['profile.am', 'profile.pm', 'candidate.notice']) {
      await page.check(`input[name="messageKinds"][value="${kind}"]`);
    }
    await page.check('input[name="dataCategories"][value="matching_profile"]');
    await page.check('input[name="purposes"][value="identification"]');
    await page.fill('#f-legalBasis', 'Exchange of letters of 3 March 2026');
    await page.fill('#f-endsOn', '2029-06-30');
    await check(page, wg, 'federation');
    await loadAfter(page, () => page.click('form[action="/staff/federation/agreements"] button'));
    expect(await page.locator('#h-agreements + table').textContent()).to.contain(
      'TN-MT-2027-TRACING',
    );
    const rows = await testNode().db.query<{ ends: string }>(
      `SELECT to_char(ends_on, 'YYYY-MM-DD') AS ends FROM federation_agreements WHERE ref = 'TN-MT-2027-TRACING'`,
    );
    expect(rows.map((r) => r.ends)).to.deep.equal(['2029-06-30']);
    await page.click('header a[href="/staff/contact-points"]');
    await page.waitForLoadState('load');
    await check(page, wg, 'contact-points');
    await ctx.close();
  });

  it('an auditor takes a checkpoint and looks up who accessed a record', async () => {
    const file = testConfig().env.AUDIT_CHECKPOINT_FILE;
    rmSync(file, { force: true });
    try {
      const auditor = await buildUser({ role: 'auditor', country: 'IT' });
      const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
      const report = await fileReport(caseworker.token, reportBody());
      const ctx = await desk(rig, 'fr');
      const page = await ctx.newPage();
      const wg = await weigher(page);
      await login(rig, page, auditor.email, 'fr');
      await page.click('header a[href="/staff/audit/checkpoints"]');
      await page.waitForLoadState('load');
      await Promise.all([page.waitForURL(/taken=1/), page.click('main form button')]);
      expect(await page.locator('main tbody tr').count()).to.equal(1);
      await check(page, wg, 'checkpoints');
      await page.click('header a[href="/staff/audit/access"]');
      await page.waitForLoadState('load');
      await page.fill('#f-id', report.id);
      await loadAfter(page, () => page.press('#f-id', 'Enter'));
      expect(await page.locator('main tbody tr').count()).to.be.greaterThan(0);
      await check(page, wg, 'access-log');
      await ctx.close();
    } finally {
      rmSync(file, { force: true });
    }
  });
});
