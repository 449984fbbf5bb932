// What the staff console's browser tests share: a desk-sized window, the check every page passes
// (axe-core, weight, optional screenshot) and logging in through the console's login page.
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { TEST_PASSWORD } from '../factories.js';
import { patientContext, seriousViolations, type BrowserRig } from './browser.js';

/** STAFF_SCREENSHOTS=1 writes docs/screenshots/staff-*.png of the pages a test names. */
export const SHOTS = process.env.STAFF_SCREENSHOTS === '1';
/** The page budget of issue 19: every console page within 150 KB transferred. */
export const MAX_PAGE_BYTES = 150 * 1024;

/** A tablet-to-desktop window (the console is made for desks and tablets). */
export function desk(rig: BrowserRig, locale: string): Promise<BrowserContext> {
  return patientContext(rig.browser, {
    viewport: { width: 1280, height: 860 },
    deviceScaleFactor: 1,
    locale,
    extraHTTPHeaders: { 'Accept-Language': locale },
  });
}

/** axe-core finds nothing serious, the page stays within its weight, and (if asked) a screenshot. */
export async function check(page: Page, w: { take(): Promise<number> }, name: string | null) {
  expect(await seriousViolations(page), `axe on ${page.url()}`).to.deep.equal([]);
  expect(await w.take(), `bytes of ${page.url()}`).to.be.below(MAX_PAGE_BYTES);
  if (SHOTS && name) {
    await page.screenshot({ path: `docs/screenshots/staff-${name}.png`, fullPage: true });
  }
}

/** Logs in through /staff/login, submitting with the button or (`enter`) from the keyboard. */
export async function login(
  rig: BrowserRig,
  page: Page,
  email: string,
  lang: string,
  submit: 'click' | 'enter' = 'click',
) {
  await page.goto(`${rig.base}/staff/login?lang=${lang}`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', TEST_PASSWORD);
  await Promise.all([
    page.waitForURL(/\/staff$/),
    submit === 'enter'
      ? page.press('#f-password', 'Enter')
      : page.click('main form button[type=submit]'),
  ]);
}
