import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowser, type TestBrowser } from '../support/browser.js';
import { startTestServer, tempDataDir, type TestServer } from '../support/testServer.js';
import { enrolledAdmin, signInWithTotp } from './consoleSignIn.js';

describeInBrowser('the policy editor in a real browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let policiesDir: string;
  beforeAll(async () => {
    // The editor writes policy files: a copy of the shipped folder, never the repository's own.
    policiesDir = path.join(tempDataDir(), 'policies');
    fs.cpSync(path.resolve('policies'), policiesDir, { recursive: true });
    server = await startTestServer({ GATEHOUSE_POLICIES_DIR: policiesDir });
    browser = await openBrowser(server.server.certificate);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(path.dirname(policiesDir), { recursive: true, force: true });
  });

  it('shows a syntax error beside the policy, announced, and never saves it', async () => {
    const { device } = await enrolledAdmin(server, 'ada@console.test', ['admins']);
    const { page } = browser;
    await signInWithTotp(page, server, 'ada@console.test', device, '/console/policies');
    await page.getByRole('link', { name: 'audit.cedar' }).click();
    const file = path.join(policiesDir, 'audit.cedar');
    const before = fs.readFileSync(file, 'utf8');
    expect(await page.getByLabel('Policy').inputValue()).toBe(before);

    const broken = before.replace('permit (\n  principal in Group::"auditors",', 'permit (\n  principal in Group::"auditors"');
    await page.getByLabel('Policy').fill(broken);
    await page.getByRole('button', { name: 'Validate' }).click();
    const policy = page.getByLabel('Policy');
    await page.getByRole('alert').filter({ hasText: /line \d+, column \d+/ }).waitFor();
    expect(await policy.getAttribute('aria-invalid')).toBe('true');
    expect(await policy.inputValue()).toBe(broken);
    await browser.screenshot('console-policy-invalid');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor();
    await page.getByRole('alert').filter({ hasText: /line \d+, column \d+/ }).waitFor();
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  }, 60_000);

  it('says when an edit validates, without saving it, and saves it on request', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/policies?file=audit.cedar`);
    const file = path.join(policiesDir, 'audit.cedar');
    const edited = `${fs.readFileSync(file, 'utf8')}\n// Reviewed in the console.\n`;
    await page.getByLabel('Policy').fill(edited);
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText('The policies are valid with this edit. Nothing was saved.').waitFor();
    expect(fs.readFileSync(file, 'utf8')).not.toBe(edited);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/^Saved\./).waitFor();
    expect(fs.readFileSync(file, 'utf8')).toBe(edited);
    await browser.screenshot('console-policy-saved');
  }, 60_000);
});
