import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { aliveFixture, matchIds } from '../alive.factories.js';
import { TEST_PASSWORD } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import {
  phone,
  seriousViolations,
  startRig,
  weigher,
  type BrowserRig,
  loadAfter,
  BUSY_MS,
} from './browser.js';

const MAX_PAGE_BYTES = 50 * 1024;
const SHOTS = process.env.PORTAL_SCREENSHOTS === '1';

const RUNS = [
  {
    lang: 'en',
    name: 'Yohanes Haile',
    news: ['has sent a message to say they are alive and safe', 'Catania, Italy'],
    sent: 'Your message was sent',
  },
  {
    lang: 'ar',
    name: 'يوهانس هايلي',
    news: ['على قيد الحياة وبأمان', 'Catania, Italy'],
    sent: 'أُرسلت رسالتك',
  },
] as const;

describe('browser: "I am alive" through to the family’s timeline (360 px)', function () {
  // A busy machine slows Chromium and the node down; the timeouts only catch a hang.
  this.timeout(BUSY_MS);
  let rig: BrowserRig;

  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.close();
  });

  async function check(page: Page, w: { take(): Promise<number> }, name: string, lang: string) {
    const bytes = await w.take();
    expect(bytes, `${lang} ${name} weighs ${bytes} bytes`).to.be.at.most(MAX_PAGE_BYTES);
    expect(bytes, `${lang} ${name} was measured`).to.be.greaterThan(1000);
    expect(await seriousViolations(page), `axe on ${lang} ${name}`).to.deep.equal([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(360);
    if (SHOTS) {
      await page.screenshot({ path: `docs/screenshots/${lang}-${name}.png`, fullPage: true });
    }
  }

  for (const run of RUNS) {
    it(`sends a message in ${run.lang === 'en' ? 'English' : 'Arabic'}, a contact point confirms it, the family reads the news`, async () => {
      const fx = await aliveFixture();
      await testNode().db.query('UPDATE users SET preferred_language = $1 WHERE id = $2', [
        run.lang,
        fx.family.user.id,
      ]);

      // Someone without an account says they are alive.
      const sender = await phone(rig, run.lang);
      const page = await sender.newPage();
      const w = await weigher(page);
      await page.goto(`${rig.base}/alive?lang=${run.lang}`);
      expect(await page.getAttribute('html', 'dir')).to.equal(run.lang === 'ar' ? 'rtl' : 'ltr');
      await check(page, w, 'alive', run.lang);
      // A place is needed when the sender chose to share it: the error is tied to the field.
      await page.fill('#f-name', run.name);
      await page.check('#f-under18-1');
      await page.check('#f-share-0');
      await loadAfter(page, () => page.click('main form button[type=submit]'));
      expect(await page.getAttribute('#f-location', 'aria-invalid')).to.equal('true');
      await check(page, w, 'alive-error', run.lang);
      await page.fill('#f-otherName', 'Yohannes Haile');
      await page.fill('#f-birth', '1998');
      await page.fill('#f-origin', 'Asmara');
      await page.fill('#f-relatives', 'Saba Haile');
      await page.fill('#f-location', 'Catania, Italy');
      await page.fill('#f-note', 'I am well.');
      await loadAfter(page, () => page.click('main form button[type=submit]'));
      expect(await page.textContent('h1')).to.equal(run.sent);
      expect(new URL(page.url()).pathname).to.equal('/alive');
      const code = await page.textContent('#withdrawal-code');
      expect(code).to.match(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){3}$/);
      await check(page, w, 'alive-sent', run.lang);
      await page.click('a[href="/alive/withdraw"]');
      await page.waitForLoadState('load');
      await check(page, w, 'alive-withdraw', run.lang);
      await sender.close();

      // The report's contact point reviews the possible match through the API and passes it on.
      const [id] = await matchIds(fx.report.id);
      const shown = await api.get(`/api/v1/alive-matches/${id}`, fx.cp.staff.token);
      expect(shown.body.message.location).to.equal('Catania, Italy');
      const confirmed = await api.post(
        `/api/v1/alive-matches/${id}/confirm`,
        { reason: 'Names, birth year and mother agree.' },
        fx.cp.staff.token,
      );
      expect(confirmed.body.passedOn).to.equal('location');

      // The family signs in and reads the news on its case timeline, in its language.
      const family = await phone(rig, run.lang);
      const fp = await family.newPage();
      const fw = await weigher(fp);
      await fp.goto(`${rig.base}/login?lang=${run.lang}`);
      await fp.fill('#f-email', fx.family.email);
      await fp.fill('#f-password', TEST_PASSWORD);
      await loadAfter(fp, () => fp.click('main form button[type=submit]'));
      await fp.goto(`${rig.base}/cases/${fx.report.id}`);
      const timeline = await fp.textContent('.timeline');
      for (const words of run.news) {
        expect(timeline).to.include(words);
      }
      expect(timeline).to.include('I am well.');
      expect(timeline).to.not.include('+39');
      await fp.locator('.timeline').scrollIntoViewIfNeeded();
      await check(fp, fw, 'case-alive-news', run.lang);
      await family.close();
    });
  }
});
