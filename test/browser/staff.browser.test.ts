import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { matchingWorld } from '../matching.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { startRig, weigher, type BrowserRig, loadAfter, BUSY_MS } from './browser.js';
import { check, desk, login } from './staff.console.js';

describe('browser: the staff console in headless Chromium', function () {
  // A busy machine slows Chromium and the node down; the timeouts only catch a hang.
  this.timeout(BUSY_MS);
  let rig: BrowserRig;

  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.close();
  });

  for (const lang of ['en', 'ar'] as const) {
    it(`forensic task and caseworker search in ${lang === 'en' ? 'English' : 'Arabic (right to left)'}`, async () => {
      const w = await matchingWorld();
      const arabicName = await fileReport(
        w.caseworker.token,
        reportBody({}, [
          { kind: 'given', value: 'Mohamed', script: 'Latn' },
          { kind: 'family', value: 'Ben Ali', script: 'Latn' },
        ]),
      );

      // Forensic practitioner: home → remains → comparison → custody event.
      const fctx = await desk(rig, lang);
      const page = await fctx.newPage();
      const wf = await weigher(page);
      await login(rig, page, w.forensicA.email, lang);
      expect(await page.getAttribute('html', 'dir')).to.equal(lang === 'ar' ? 'rtl' : 'ltr');
      await check(page, wf, lang === 'en' ? 'forensic-home' : null);

      await page.click('header a[href="/staff/remains"]');
      await page.waitForLoadState('load');
      await check(page, wf, null);
      // The remains that match the report: open its page, then its candidate.
      await page.click(`main a[href="/staff/remains/${w.trueId}"]`);
      await page.waitForLoadState('load');
      await check(page, wf, null);
      await page.click('main a[href^="/staff/candidates/"]');
      await page.waitForLoadState('load');
      const rows = await page.locator('table.compare tbody tr').count();
      expect(rows).to.equal(14);
      // AM beside PM: in Arabic the ante-mortem column sits to the right of the post-mortem one.
      const am = await page.locator('table.compare thead th').nth(1).boundingBox();
      const pm = await page.locator('table.compare thead th').nth(2).boundingBox();
      expect(am!.x > pm!.x).to.equal(lang === 'ar');
      await check(page, wf, `comparison-${lang}`);

      await page.goto(`${rig.base}/staff/remains/${w.trueId}`);
      // A few keystrokes: the first allowed step is preselected, the custodian typed, Enter.
      const offered = await page.locator('#f-kind option').allTextContents();
      expect(offered).to.have.length(1);
      await page.fill('#f-custodianName', 'Guardia Costiera, Lampedusa');
      await page.fill('#f-locationName', 'Molo Favarolo');
      await loadAfter(page, () => page.press('#f-locationName', 'Enter'));
      expect(await page.locator('main table').last().textContent()).to.contain(
        'Guardia Costiera, Lampedusa',
      );
      const next = await page
        .locator('#f-kind option')
        .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
      expect(next).to.include('received_at_morgue');
      expect(next).not.to.include('recovered');
      await check(page, wf, null);
      await fctx.close();

      // Caseworker: search by name in Arabic script, open the report with its duplicate warnings.
      const cctx = await desk(rig, lang);
      const cp = await cctx.newPage();
      const wc = await weigher(cp);
      await login(rig, cp, w.caseworker.email, lang);
      await check(cp, wc, lang === 'en' ? 'caseworker-home' : null);
      await cp.goto(`${rig.base}/staff/reports`);
      await cp.fill('#f-name', lang === 'ar' ? 'محمد بن علي' : 'Mohamed Ben Ali');
      await loadAfter(cp, () => cp.press('#f-name', 'Enter'));
      expect(await cp.locator('main table').textContent()).to.contain(arabicName.caseNumber);
      await check(cp, wc, lang === 'en' ? 'caseworker-search' : 'caseworker-search-ar');
      await cp.click(`main a[href="/staff/reports/${arabicName.id}"]`);
      await cp.waitForLoadState('load');
      expect(await cp.locator('#h-duplicates').count()).to.equal(1);
      await check(cp, wc, null);
      await cctx.close();
    });
  }

  it('gives contact points, auditors, administrators and analysts their main page', async () => {
    const w = await matchingWorld();
    const people: [string, string][] = [
      ['contact-point', w.contactPoint.staff.email],
      ['auditor', (await buildUser({ role: 'auditor' })).email],
      ['admin', (await buildUser({ role: 'admin' })).email],
      ['analyst', (await buildUser({ role: 'analyst' })).email],
    ];
    const ctx = await desk(rig, 'en');
    for (const [name, email] of people) {
      const page = await ctx.newPage();
      const wg = await weigher(page);
      await login(rig, page, email, 'en');
      const main = {
        'contact-point': null,
        auditor: '/staff/audit',
        admin: '/staff/users',
        analyst: null,
      }[name];
      if (main) {
        await page.goto(`${rig.base}${main}`);
      }
      expect(await page.locator('h1').count()).to.equal(1);
      await check(page, wg, name);
      await page.close();
      await ctx.clearCookies();
    }
    await ctx.close();
  });
});
