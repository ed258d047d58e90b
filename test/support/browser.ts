import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { startTestServer, type TestServer } from './testServer.js';

/** Debian's Chromium, as `.ci/run` installs it. */
export const chromiumPath = '/usr/bin/chromium';

/** Where journeys leave their screenshots (kept out of git; the README shows two copied to docs/). */
export const screenshotDir = path.resolve('test-output/screenshots');

/**
 * `describe` for browser journeys: skipped on a laptop without Chromium, but with CI=true a
 * missing browser fails the run instead.
 */
export const describeInBrowser: typeof describe = (() => {
  if (fs.existsSync(chromiumPath)) return describe;
  if (process.env.CI === 'true') throw new Error(`Chromium is missing at ${chromiumPath}: browser journeys cannot run (CI=true)`);
  return describe.skip;
})() as typeof describe;

/** A browser that trusts exactly one certificate: the test server's. */
export interface TestBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Saves a full-page screenshot as test-output/screenshots/<name>.png. */
  screenshot(name: string, page?: Page): Promise<string>;
  /** Another browser profile (cookies of its own), e.g. a second user. */
  newContext(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium pinned to the server's certificate by its public key
 * (`--ignore-certificate-errors-spki-list`), so TLS stays real: any other certificate fails.
 */
export async function openBrowser(certificatePem: string, options: { width?: number; height?: number } = {}): Promise<TestBrowser> {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  const pin = createHash('sha256').update(spki).digest('base64');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', `--ignore-certificate-errors-spki-list=${pin}`],
  });
  const viewport = { width: options.width ?? 1280, height: options.height ?? 800 };
  const newContext = async () => {
    const context = await browser.newContext({ viewport });
    return { context, page: await context.newPage() };
  };
  const first = await newContext();
  fs.mkdirSync(screenshotDir, { recursive: true });
  return {
    browser,
    context: first.context,
    page: first.page,
    async screenshot(name, page = first.page) {
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    newContext,
    close: () => browser.close(),
  };
}

/** One test server and one browser pinned to it, for a whole test file. */
export interface BrowserServer {
  readonly server: TestServer;
  readonly browser: TestBrowser;
}

/**
 * Registers the file's `beforeAll`/`afterAll`: starts a test server (with `env`/`options` as
 * `startTestServer` takes them) and opens a browser on it; read both through the getters in tests.
 */
export function useBrowserServer(...args: Parameters<typeof startTestServer>): BrowserServer {
  let server: TestServer | undefined;
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    server = await startTestServer(...args);
    browser = await openBrowser(server.server.certificate);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the test server is not started: use it inside a test');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not open: use it inside a test');
      return browser;
    },
  };
}
