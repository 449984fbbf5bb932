// Headless Chromium (Debian's package) driven by playwright-core, with axe-core and page weights.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { atRunEnd, testNode } from '../node.js';
import { keepConnections } from '../../src/platform/http/index.js';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Chromium's path (Debian's package; .ci/run installs it when missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, offline, sandbox-free headless Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * How long a browser test, and any single Chromium action or navigation in it, may take before it
 * counts as hung. Generous: on the shared machine a worker may get a tenth of a core, and a slow
 * run must not fail; no test asserts a duration.
 */
export const BUSY_MS = 600_000;

/** A new context whose actions and navigations wait as long as a busy machine needs. */
export async function patientContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0],
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(BUSY_MS / 2);
  context.setDefaultNavigationTimeout(BUSY_MS / 2);
  return context;
}

/** A running browser and the test app served on a local port. */
export interface BrowserRig {
  browser: Browser;
  base: string;
  close(): Promise<void>;
}

// One Chromium per test process (a mocha worker runs several browser files): a launch costs
// about a second of CPU, and each test works in contexts of its own, which share nothing.
let shared: Promise<{ browser: Browser; profile: string }> | undefined;

function sharedBrowser(): Promise<{ browser: Browser; profile: string }> {
  shared ??= (async () => {
    // playwright-core gives each launch a fresh, temporary user-data-dir of its own (it refuses
    // the flag), and points TMPDIR-like state at our own folder.
    const profile = mkdtempSync(join(tmpdir(), 'ariadne-chromium-'));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      downloadsPath: profile,
    });
    atRunEnd(closeBrowser);
    // Should Chromium exit on its own (a crash), the next file launches a new one.
    browser.once('disconnected', () => {
      shared = undefined;
      rmSync(profile, { recursive: true, force: true });
    });
    return { browser, profile };
  })();
  shared.catch(() => {
    shared = undefined;
  });
  return shared;
}

/** Closes this process's Chromium, if one was started (the root hooks call it when a run ends). */
export async function closeBrowser(): Promise<void> {
  const running = shared;
  shared = undefined;
  if (running) {
    const { browser, profile } = await running;
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Serves the shared test app and connects to this process's Chromium. Tests leave `port` at 0 (a
 * free port the system picks): a fixed one may be held by another run on the machine (another
 * worktree, another parallel worker), and the browser would then talk to that run's server and
 * database. A port that cannot be bound is an error, never silently someone else's server.
 * `close()` stops the server and closes the contexts the file left open; Chromium stays for the
 * next browser file of the process.
 */
export async function startRig(port = 0): Promise<BrowserRig> {
  const server: Server = createServer(testNode().app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  keepConnections(server);
  const { browser } = await sharedBrowser();
  return {
    browser,
    base: `http://127.0.0.1:${bound}`,
    async close() {
      await Promise.all(browser.contexts().map((c) => c.close()));
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * Runs `act` (a click or key press that submits or follows a link) and waits for the `load`
 * event of the page it leads to. `page.waitForLoadState('load')` started before the click
 * resolves at once on the page being left, so its stylesheet could still be loading when
 * the page is weighed.
 */
export async function loadAfter(page: Page, act: () => Promise<unknown>): Promise<void> {
  const loaded = page.waitForEvent('load');
  await act();
  await loaded;
}

/** A phone-sized context (360 px wide) in a language. */
export function phone(rig: BrowserRig, locale = 'en'): Promise<BrowserContext> {
  return patientContext(rig.browser, {
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    locale,
    extraHTTPHeaders: { 'Accept-Language': locale },
  });
}

/** Turns the browser cache off, so every page is weighed with its stylesheet. */
export async function weigher(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return {
    cdp,
    /** Bytes the current page transferred: the document and every resource it loaded. */
    take: () => pageBytes(page),
  };
}

/** The bytes a loaded page transferred (Resource Timing: document plus sub-resources). */
export function pageBytes(page: Page): Promise<number> {
  return page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .map((e) => (e as PerformanceResourceTiming).transferSize)
      .reduce((a, b) => a + b, 0),
  );
}

/** One axe-core finding. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns serious and critical violations only. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (d: Document, o: object) => Promise<{ violations: AxeViolation[] }> };
    };
    return w.axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
}
