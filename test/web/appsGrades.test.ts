import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowser, type TestBrowser } from '../support/browser.js';
import { enrolTotp, stepUpTotp } from '../support/otpDevice.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { signInAt } from './appsSignIn.js';

const password = 'correct horse battery staple';

describeInBrowser('grades in a real browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await openBrowser(server.server.certificate);
    await server.addUser('tess@school.test', password, ['teachers']);
    await server.addUser('ada@school.test', password, ['students']);
    await server.addUser('ben@school.test', password, ['students']);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a teacher add grades, and asks for a step-up before a score changes', async () => {
    const { page } = browser;
    await signInAt(page, server.url, 'tess@school.test', password, '/grades');
    await page.getByLabel('Student', { exact: true }).selectOption({ label: 'ben@school.test' });
    await page.getByLabel('Course').fill('History');
    await page.getByLabel('Score', { exact: true }).fill('60');
    await page.getByRole('button', { name: 'Add grade' }).click();
    await page.getByText('Grade added.').waitFor();

    // A score that is no number is refused beside its field, announced, and the form keeps what was typed.
    await page.getByLabel('Student', { exact: true }).selectOption({ label: 'ada@school.test' });
    await page.getByLabel('Course').fill('Algebra');
    await page.getByLabel('Score', { exact: true }).fill('lots');
    await page.getByRole('button', { name: 'Add grade' }).click();
    await page.getByRole('alert').filter({ hasText: 'Enter a number from 0 to 1000' }).waitFor();
    expect(await page.getByLabel('Score', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Course').inputValue()).toBe('Algebra');
    await page.getByLabel('Score', { exact: true }).fill('91');
    await page.getByRole('button', { name: 'Add grade' }).click();
    await page.getByText('Grade added.').waitFor();
    await page.getByRole('heading', { name: 'Grades of ada@school.test' }).waitFor();
    const algebra = page.getByRole('row', { name: /Algebra/ });
    expect(await algebra.getByRole('cell').first().textContent()).toBe('91');

    // Changing a grade needs a second factor proven lately: the page sends the teacher to step up.
    await page.getByLabel('New score for Algebra').fill('95');
    await algebra.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/step-up\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toMatch(/^\/grades\?student=/);

    // The step-up itself, through the API on the browser's own session (the /step-up page is another page group's).
    const session = (await browser.context.cookies()).find((cookie) => cookie.name === '__Host-gatehouse')!;
    const api = server.client();
    api.cookie = session.value;
    api.csrfToken = (await api.get('/auth/session')).body.csrfToken;
    const { device } = await enrolTotp(api);
    await stepUpTotp(api, device);

    await page.goto(`${server.url}${new URL(page.url()).searchParams.get('next')}`);
    await page.getByLabel('New score for Algebra').fill('95');
    await page.getByRole('row', { name: /Algebra/ }).getByRole('button', { name: 'Save' }).click();
    await page.getByText('Score saved.').waitFor();
    expect(await page.getByRole('row', { name: /Algebra/ }).getByRole('cell').first().textContent()).toBe('95');
    await browser.screenshot('apps-grades-teacher');
  }, 60_000);

  it('shows a student only their own grades, and no form to write one', async () => {
    const { context, page } = await browser.newContext();
    try {
      await signInAt(page, server.url, 'ada@school.test', password, '/grades');
      await page.getByRole('heading', { name: 'Your grades' }).waitFor();
      expect(await page.getByRole('row', { name: /Algebra/ }).getByRole('cell').first().textContent()).toBe('95');
      expect(await page.getByText('History').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Add grade' }).count()).toBe(0);
      expect(await page.getByLabel('Student', { exact: true }).count()).toBe(0);
      // Naming another student in the URL changes nothing: the page asks the API for the viewer's own.
      const benId = (await server.runtime.db.selectFrom('users').select('id').where('email', '=', 'ben@school.test').executeTakeFirstOrThrow()).id;
      await page.goto(`${server.url}/grades?student=${benId}`);
      await page.getByRole('heading', { name: 'Your grades' }).waitFor();
      expect(await page.getByText('History').count()).toBe(0);
      await browser.screenshot('apps-grades-student', page);
    } finally {
      await context.close();
    }
  }, 30_000);
});
