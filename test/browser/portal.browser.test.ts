import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { codeIn, lastMailTo } from '../auth/mail.helpers.js';
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

interface Journey {
  lang: 'en' | 'ar';
  email: string;
  names: { given: string; family: string; native: string };
  expect: { filed: string; rtl: boolean };
}

const JOURNEYS: Journey[] = [
  {
    lang: 'en',
    email: 'amina.browser@family.example',
    names: { given: 'Yonas', family: 'Tesfay', native: 'ዮናስ ተስፋይ' },
    expect: { filed: 'Your report has been received', rtl: false },
  },
  {
    lang: 'ar',
    email: 'mariam.browser@family.example',
    names: { given: 'Mohamed', family: 'Ben Ali', native: 'محمد بن علي' },
    expect: { filed: 'تم استلام بلاغك', rtl: true },
  },
];

describe('browser: the family portal in headless Chromium (360 px)', function () {
  // A busy machine slows Chromium and the node down; the timeouts only catch a hang.
  this.timeout(BUSY_MS);
  let rig: BrowserRig;

  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.close();
  });

  /** Checks a loaded page: axe-core, weight, and (when asked) a screenshot. */
  async function check(
    page: Page,
    w: { take(): Promise<number> },
    name: string,
    lang: string,
    weights: Record<string, number>,
  ) {
    weights[name] = await w.take();
    expect(await seriousViolations(page), `axe on ${lang} ${name}`).to.deep.equal([]);
    if (SHOTS) {
      await page.screenshot({ path: `docs/screenshots/${lang}-${name}.png`, fullPage: true });
    }
  }

  for (const j of JOURNEYS) {
    it(`walks the whole journey in ${j.lang === 'en' ? 'English' : 'Arabic'}: register, verify, file in steps, case page`, async () => {
      const context = await phone(rig, j.lang);
      const page = await context.newPage();
      const w = await weigher(page);
      const weights: Record<string, number> = {};
      const go = async (path: string) => {
        const res = await page.goto(`${rig.base}${path}`);
        expect(res?.status(), path).to.be.lessThan(400);
      };
      const submit = async () => {
        await loadAfter(page, () => page.click('main form button[type=submit]'));
      };

      await go(`/?lang=${j.lang}`);
      expect(await page.getAttribute('html', 'dir')).to.equal(j.expect.rtl ? 'rtl' : 'ltr');
      const brand = await page.locator('.brand').boundingBox();
      // Mirrored layout: the site name sits on the right in Arabic, on the left in English.
      expect(brand!.x > 180).to.equal(j.expect.rtl);
      await check(page, w, 'home', j.lang, weights);

      await go('/register');
      await check(page, w, 'register', j.lang, weights);
      await page.fill('#f-displayName', 'Amina');
      await page.fill('#f-email', j.email);
      await page.fill('#f-password', 'a long family password');
      await page.selectOption('#f-country', 'TN');
      await submit();
      expect(page.url()).to.match(/\/check-email$/);
      await check(page, w, 'check-email', j.lang, weights);

      await go(`/verify?code=${codeIn((await lastMailTo(j.email)).body)}`);
      await check(page, w, 'verify', j.lang, weights);
      await submit();
      expect(new URL(page.url()).pathname).to.equal('/');
      await check(page, w, 'my-searches', j.lang, weights);

      await page.click('a[href="/report/new"]');
      await page.waitForLoadState('load');
      await check(page, w, 'step-person', j.lang, weights);
      await page.fill('#f-givenName', j.names.given);
      await page.fill('#f-familyName', j.names.family);
      await page.fill('#f-nativeName', j.names.native);
      await page.check('#f-sex-1');
      await page.fill('#f-birthYear', '2001');
      await submit();
      await check(page, w, 'step-last-seen', j.lang, weights);
      // A wrong date is answered on the same step, the error tied to its field.
      await page.fill('#f-lastSeenDate', 'last summer');
      await page.fill('#f-lastSeenPlace', 'Zuwara');
      await page.selectOption('#f-lastSeenCountry', 'LY');
      await submit();
      expect(await page.getAttribute('#f-lastSeenDate', 'aria-invalid')).to.equal('true');
      await check(page, w, 'step-error', j.lang, weights);
      await page.fill('#f-lastSeenDate', '2025-06');
      await page.fill('#f-circumstances', 'Left by boat at night.');
      await submit();
      await check(page, w, 'step-description', j.lang, weights);
      await page.fill('#f-hair', 'black');
      await submit();
      await check(page, w, 'step-contact', j.lang, weights);
      await page.fill('#f-relativeName', 'Amina');
      await page.fill('#f-relationship', 'sister');
      await submit();
      await check(page, w, 'step-consent', j.lang, weights);
      await page.check('#f-forensicSharing-0');
      await submit();
      await check(page, w, 'review', j.lang, weights);
      await submit();
      expect(page.url()).to.match(/\/cases\/[0-9a-f-]{36}\?filed=1$/);
      expect(await page.textContent('main')).to.include(j.expect.filed);
      const caseNumber = await page.textContent('.case-number');
      expect(caseNumber).to.match(/^MP-[A-Z]{2}-\d{4}-\d+$/);
      await check(page, w, 'case', j.lang, weights);

      // The page works without JavaScript being needed, and nothing is wider than the phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow).to.be.at.most(360);
      for (const [name, bytes] of Object.entries(weights)) {
        expect(bytes, `${j.lang} ${name} weighs ${bytes} bytes`).to.be.at.most(MAX_PAGE_BYTES);
        expect(bytes, `${j.lang} ${name} was measured`).to.be.greaterThan(1000);
      }
      await context.close();
    });
  }

  it('passes axe-core on the pages a visitor sees (login, forgot password, not found)', async () => {
    for (const lang of ['en', 'ar']) {
      const context = await phone(rig, lang);
      const page = await context.newPage();
      const w = await weigher(page);
      const weights: Record<string, number> = {};
      for (const [name, path] of [
        ['login', '/login'],
        ['forgot', '/forgot'],
        ['not-found', '/no-such-page'],
      ] as const) {
        await page.goto(`${rig.base}${path}?lang=${lang}`);
        await check(page, w, name, lang, weights);
        expect(weights[name]).to.be.at.most(MAX_PAGE_BYTES);
      }
      await context.close();
    }
  });

  it('refuses a form whose CSRF token was tampered with', async () => {
    const context = await phone(rig, 'en');
    const page = await context.newPage();
    await page.goto(`${rig.base}/login`);
    await page.fill('#f-email', 'someone@family.example');
    await page.fill('#f-password', 'whatever it is');
    await page.evaluate(() => {
      (document.querySelector('input[name=_csrf]') as HTMLInputElement).value = 'forged-token';
    });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'),
      page.click('main form button[type=submit]'),
    ]);
    expect(response.status()).to.equal(403);
    expect(await page.textContent('h1')).to.equal('Please try again');
    await context.close();
  });
});
