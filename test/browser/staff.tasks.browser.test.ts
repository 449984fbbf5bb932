// The caseworker's AM intake (in steps, to a filed report) and the forensic practitioner's PM
// registration with a photo, from login to result in headless Chromium, in English and in Arabic
// (right to left), driven from the keyboard where a form allows; axe-core and page weights on each.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { buildUser } from '../factories.js';
import {
  appendCustody,
  buildForensic,
  createRemains,
  custodyEvent,
  INSTITUTIONS,
} from '../remains.factories.js';
import { photo } from '../staff/staff.photo.js';
import { startRig, weigher, type BrowserRig, loadAfter, BUSY_MS } from './browser.js';
import { check, desk, login } from './staff.console.js';

describe('browser: caseworker intake and forensic registration in headless Chromium', function () {
  // A busy machine slows Chromium and the node down; the timeouts only catch a hang.
  this.timeout(BUSY_MS);
  let rig: BrowserRig;

  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.close();
  });

  /** Submits the page's main form from the keyboard (Enter in a one-line field) and waits. */
  async function enter(page: Page, field: string, to: RegExp) {
    await Promise.all([page.waitForURL(to), page.press(field, 'Enter')]);
  }

  for (const lang of ['en', 'ar'] as const) {
    const suffix = lang === 'en' ? '' : '-ar';

    it(`files a report through the AM intake in steps (${lang === 'en' ? 'English' : 'Arabic, right to left'})`, async () => {
      const cw = await buildUser({ role: 'caseworker', country: 'TN' });
      const ctx = await desk(rig, lang);
      const page = await ctx.newPage();
      const w = await weigher(page);
      await login(rig, page, cw.email, lang, 'enter');
      expect(await page.getAttribute('html', 'dir')).to.equal(lang === 'ar' ? 'rtl' : 'ltr');
      await page.click('header a[href="/staff/intake"]');
      await page.waitForURL(/\/staff\/intake\/person$/);

      await page.fill('#f-givenName', 'Amine');
      await page.fill('#f-familyName', 'Trabelsi');
      await page.fill('#f-nativeName', 'أمين الطرابلسي');
      await page.check('#f-sex-1');
      await page.fill('#f-dateOfBirth', '2001-03');
      await page.selectOption('#f-nationality', 'TN');
      await check(page, w, `intake-person${suffix}`);
      await enter(page, '#f-dateOfBirth', /\/staff\/intake\/disappearance$/);

      // A wrong date comes back with the field named, then is corrected.
      await page.fill('#f-lastSeenDate', '2099-01-01');
      await page.fill('#f-lastSeenPlace', 'Sfax, Kerkennah');
      await page.selectOption('#f-lastSeenCountry', 'TN');
      await loadAfter(page, () => page.press('#f-lastSeenPlace', 'Enter'));
      expect(await page.locator('.error-summary a[href="#f-lastSeenDate"]').count()).to.equal(1);
      await check(page, w, lang === 'en' ? 'intake-error' : null);
      await page.fill('#f-lastSeenDate', '2025-09-14');
      await enter(page, '#f-lastSeenPlace', /\/staff\/intake\/description$/);

      await page.fill('#f-hair', 'black, curly');
      await page.selectOption('#f-markKind', 'tattoo');
      await page.selectOption('#f-markLocation', 'left_arm');
      await page.fill('#f-markDescription', 'anchor');
      await enter(page, '#f-markDescription', /\/staff\/intake\/medical$/);

      await page.fill('#f-dental', '11 crown porcelain');
      await enter(page, '#f-implantKind', /\/staff\/intake\/dna$/);
      await page.selectOption('#f-dnaRelationship', 'mother');
      await page.fill('#f-dnaLaboratory', 'Institut Pasteur de Tunis');
      await page.fill('#f-dnaReference', 'IPT-2025-0042');
      await page.fill('#f-dnaCollectedOn', '2025-10-02');
      await enter(page, '#f-dnaCollectedOn', /\/staff\/intake\/family$/);

      await page.fill('#f-relativeName', 'Fatma Trabelsi');
      await page.fill('#f-relationship', lang === 'ar' ? 'الأم' : 'mother');
      await page.fill('#f-phone', '+216 20 000 000');
      await enter(page, '#f-phone', /\/staff\/intake\/consent$/);

      await page.fill('#f-present', 'Fatma Trabelsi (mother); Sami (interpreter)');
      await page.check('#f-explained-0');
      await page.check('#f-explained-1');
      await page.check('#f-domesticSearch-0');
      await page.check('#f-forensicSharing-0');
      await page.fill('#f-givenBy', 'the mother, at the interview');
      await check(page, w, `intake-consent${suffix}`);
      await enter(page, '#f-givenBy', /\/staff\/intake\/review$/);
      await check(page, w, lang === 'en' ? 'intake-review' : null);

      await Promise.all([
        page.waitForURL(/\/staff\/reports\/[0-9a-f-]{36}\?filed=1$/),
        page.click('main form[action="/staff/intake/file"] button'),
      ]);
      expect(await page.locator('.notice').textContent()).to.have.length.above(5);
      expect(await page.locator('main').textContent()).to.contain('Amine');
      await check(page, w, null);

      // The family's view of the new case, and the consent on record.
      await page.click('main a[href$="/family-view"]');
      await page.waitForLoadState('load');
      expect(await page.locator('ol.timeline li').count()).to.equal(1);
      await check(page, w, lang === 'en' ? 'family-view' : null);
      await page.goBack();
      await page.click('main a[href$="/consent"]');
      await page.waitForLoadState('load');
      expect(await page.locator('main').textContent()).to.contain('Sami (interpreter)');
      await check(page, w, null);
      await ctx.close();
    });

    it(`registers remains with a photo (${lang === 'en' ? 'English' : 'Arabic, right to left'})`, async () => {
      const f = await buildForensic('IT');
      const ctx = await desk(rig, lang);
      const page = await ctx.newPage();
      const w = await weigher(page);
      await login(rig, page, f.email, lang, 'enter');
      await page.click('header a[href="/staff/remains/new"]');
      await page.waitForURL(/\/staff\/remains\/new$/);
      await page.fill('#f-recoveryDate', '2025-10-04');
      await page.fill('#f-recoveryPlace', 'Cala Pisana, Lampedusa');
      await page.selectOption('#f-recoveryCountry', 'IT');
      await page.fill('#f-agency', 'Guardia Costiera');
      await page.selectOption('#f-condition', 'partial');
      await page.fill('#f-ageMin', '20');
      await page.fill('#f-ageMax', '30');
      await page.fill('#f-sampleLaboratory', 'LABANOF');
      await page.fill('#f-sampleReference', 'LAB-2025-201');
      await check(page, w, `pm-register${suffix}`);
      await enter(page, '#f-agency', /\/staff\/remains\/[0-9a-f-]{36}\/photos\?registered=1$/);

      await page.setInputFiles('#f-files', {
        name: 'tattoo.jpg',
        mimeType: 'image/jpeg',
        buffer: await photo(),
      });
      await page.fill('#f-caption', 'left forearm tattoo');
      await Promise.all([
        page.waitForURL(/\/photos$/),
        page.click('main form[enctype="multipart/form-data"] button'),
      ]);
      const img = page.locator('ul.photos img');
      expect(await img.count()).to.equal(1);
      expect(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).to.be.above(0);
      await check(page, w, `pm-photos${suffix}`);
      await ctx.close();
    });
  }

  it('shows the burial register, paged', async () => {
    const f = await buildForensic('IT');
    for (let i = 0; i < 3; i++) {
      const rem = await createRemains(f.token);
      for (const e of [
        custodyEvent('recovered', {
          custodian: INSTITUTIONS.coastGuard,
          location: { name: 'Lampedusa pier' },
        }),
        custodyEvent('received_at_morgue', {
          custodian: INSTITUTIONS.morgue,
          location: { name: 'Palermo' },
        }),
        custodyEvent('buried', {
          custodian: INSTITUTIONS.cemeteryAuthority,
          burial: {
            cemetery: 'Cimitero di Agrigento',
            plot: `B-${12 + i}`,
            graveMarker: `stone ${118 + i}`,
          },
        }),
      ]) {
        const res = await appendCustody(f.token, rem.id, e);
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
      }
    }
    const ctx = await desk(rig, 'en');
    const page = await ctx.newPage();
    const w = await weigher(page);
    await login(rig, page, f.email, 'en', 'enter');
    await page.click('header a[href="/staff/burial-register"]');
    await page.waitForURL(/burial-register$/);
    await page.fill('#f-cemetery', 'Cimitero di Agrigento');
    await enter(page, '#f-cemetery', /cemetery=/);
    expect(await page.locator('main tbody tr').count()).to.equal(3);
    await check(page, w, 'burial-register');
    await ctx.close();
  });
});
