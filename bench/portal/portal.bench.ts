// npm run bench:portal — time per report-filing step on a throttled phone connection
// (400 kbit/s both ways, 400 ms round trip, set through Chromium's DevTools protocol).
import { startTestNode, stopTestNode, testNode } from '../../test/node.js';
import { codeIn, lastMailTo } from '../../test/auth/mail.helpers.js';
import { pageBytes, phone, startRig } from '../../test/browser/browser.js';

const KBIT = 400;
const RTT_MS = 400;
const PORT = 3302;

async function main() {
  await startTestNode();
  const rig = await startRig(PORT);
  const rows: { lang: string; step: string; ms: number; bytes: number }[] = [];
  try {
    for (const lang of ['en', 'ar']) {
      const email = `bench.${lang}@family.example`;
      await testNode().services.auth.register({
        email,
        password: 'a long family password',
        displayName: 'Bench',
        country: 'TN',
        preferredLanguage: lang,
      });
      const context = await phone(rig, lang);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: RTT_MS,
        downloadThroughput: (KBIT * 1000) / 8,
        uploadThroughput: (KBIT * 1000) / 8,
      });
      const timed = async (step: string, act: () => Promise<unknown>) => {
        const t0 = performance.now();
        await act();
        await page.waitForLoadState('load');
        rows.push({
          lang,
          step,
          ms: Math.round(performance.now() - t0),
          bytes: await pageBytes(page),
        });
      };
      const submit = () => page.click('main form button[type=submit]');
      const verifyUrl = `${rig.base}/verify?code=${await code(email)}`;
      await timed('verify link', () => page.goto(verifyUrl));
      await timed('verify → my searches', submit);
      await timed('start report', () => page.goto(`${rig.base}/report/new`));
      await page.fill('#f-givenName', 'Yonas');
      await page.fill('#f-familyName', 'Tesfay');
      await timed('1 who → 2 when/where', submit);
      await page.fill('#f-lastSeenDate', '2025-06');
      await page.fill('#f-lastSeenPlace', 'Zuwara');
      await page.selectOption('#f-lastSeenCountry', 'LY');
      await timed('2 → 3 description', submit);
      await timed('3 → 4 contact', submit);
      await page.fill('#f-relativeName', 'Amina');
      await page.fill('#f-relationship', 'sister');
      await timed('4 → 5 consent', submit);
      await timed('5 → review', submit);
      await timed('review → case number', submit);
      await context.close();
    }
  } finally {
    await rig.close();
    await stopTestNode();
  }
  console.log(
    `portal filing steps at ${KBIT} kbit/s, ${RTT_MS} ms RTT (cache off; shared machine):`,
  );
  for (const r of rows) {
    console.log(
      `${r.lang}  ${r.step.padEnd(24)} ${String(r.ms).padStart(6)} ms  ${String(r.bytes).padStart(6)} bytes`,
    );
  }
  const worst = Math.max(...rows.map((r) => r.ms));
  console.log(`slowest step: ${worst} ms (target ≤ 3000 ms)`);
}

async function code(email: string) {
  return codeIn((await lastMailTo(email)).body);
}

await main();
