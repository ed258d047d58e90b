import type { BrowserContext, Page } from 'playwright-core';

/**
 * Collects what the browser reports about the page's behaviour under the CSP: console errors,
 * uncaught errors, and `securitypolicyviolation` events (relayed by a binding from the
 * browser, which the page's CSP does not govern).
 */
export async function watchCsp(context: BrowserContext, page: Page): Promise<string[]> {
  const reports: string[] = [];
  page.on('console', (message) => {
    // A page answered 4xx is the contract at work (a refused form), not a fault of the page.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource: the server responded with a status of 4')) reports.push(message.text());
  });
  page.on('pageerror', (error) => reports.push(error.message));
  await context.exposeFunction('reportCspViolation', (text: string) => reports.push(`securitypolicyviolation: ${text}`));
  await context.addInitScript(() => {
    const report = (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation;
    document.addEventListener('securitypolicyviolation', (event) => report(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return reports;
}

/**
 * What keeps the page from working for everyone: visible fields without a `<label>`, buttons
 * without text, content wider than the window.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) {
      if (field.type !== 'hidden' && (field.labels?.length ?? 0) === 0) problems.push(`field ${field.name} has no label`);
    }
    for (const button of document.querySelectorAll('button')) {
      if (!button.textContent?.trim()) problems.push('a button has no text');
    }
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    if (overflow > 0) problems.push(`${overflow} px wider than the window`);
    return problems;
  });
}

/** Whether the element has the keyboard focus. */
export function hasFocus(locator: ReturnType<Page['getByLabel']>): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}
