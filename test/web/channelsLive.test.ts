import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowser, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { signInAt } from './appsSignIn.js';

const password = 'correct horse battery staple';

describeInBrowser('a private channel, live, in two browsers', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let channelPath: string;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await openBrowser(server.server.certificate);
    await server.addUser('ann@example.com', password);
    await server.addUser('bob@example.com', password);
    await server.addUser('eve@example.com', password);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows one member's message in the other's page without a reload, and back", async () => {
    const ann = browser.page;
    await signInAt(ann, server.url, 'ann@example.com', password, '/channels');
    await ann.getByLabel('Peer email').fill('bob@example.com');
    await ann.getByRole('button', { name: 'Open channel' }).click();
    await ann.getByRole('heading', { name: 'Channel with bob@example.com' }).waitFor();
    channelPath = new URL(ann.url()).pathname;

    const { context, page: bob } = await browser.newContext();
    try {
      await signInAt(bob, server.url, 'bob@example.com', password, '/channels');
      await bob.getByRole('link', { name: 'Channel with ann@example.com' }).click();
      await bob.getByRole('heading', { name: 'Channel with ann@example.com' }).waitFor();
      expect(new URL(bob.url()).pathname).toBe(channelPath);
      let bobLoads = 0;
      bob.on('load', () => (bobLoads += 1));
      let annLoads = 0;
      ann.on('load', () => (annLoads += 1));

      await ann.getByLabel('Message', { exact: true }).fill('hello bob');
      await ann.getByRole('button', { name: 'Send' }).click();
      await bob.getByRole('log', { name: 'Messages' }).getByText('hello bob').waitFor();
      await ann.getByRole('log', { name: 'Messages' }).getByText('hello bob').waitFor();
      expect(await ann.getByLabel('Message', { exact: true }).inputValue()).toBe('');

      await bob.getByLabel('Message', { exact: true }).fill('hello ann');
      await bob.getByRole('button', { name: 'Send' }).click();
      await ann.getByRole('log', { name: 'Messages' }).getByText('hello ann').waitFor();
      // Each message arrives once, live: neither page reloaded.
      expect(await bob.getByRole('log', { name: 'Messages' }).getByText('hello bob').count()).toBe(1);
      expect(await ann.getByRole('log', { name: 'Messages' }).getByText('hello ann').count()).toBe(1);
      expect([annLoads, bobLoads]).toEqual([0, 0]);
      await browser.screenshot('channels-live', ann);
      await browser.screenshot('channels-live-peer', bob);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('still sends without scripts: the form posts and the page comes back with the message', async () => {
    const context = await browser.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await signInAt(page, server.url, 'bob@example.com', password, channelPath);
      await page.getByLabel('Message', { exact: true }).fill('sent without a script');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('log', { name: 'Messages' }).getByText('sent without a script').waitFor();
      expect(new URL(page.url()).pathname).toBe(channelPath);
    } finally {
      await context.close();
    }
  }, 30_000);

  it('answers a third user who edits the URL to the channel with Not found (404)', async () => {
    const { context, page } = await browser.newContext();
    try {
      await signInAt(page, server.url, 'eve@example.com', password, '/channels');
      const response = await page.goto(`${server.url}${channelPath}`);
      expect(response?.status()).toBe(404);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
      const text = await page.getByRole('main').textContent();
      expect(text).not.toContain('hello');
      expect(text).not.toContain('ann@example.com');
      expect(await page.getByLabel('Message', { exact: true }).count()).toBe(0);
      await browser.screenshot('channels-not-found', page);
    } finally {
      await context.close();
    }
  }, 30_000);
});
