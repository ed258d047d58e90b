import type { BrowserContext, Locator, Page } from 'playwright-core';

// The callbacks below run in the browser, where these globals exist; the project's types
// have no DOM library, so they are described here, as far as the checks use them.
interface FormField {
  type: string;
  name: string;
  labels: { length: number } | null;
}
declare const document: {
  title: string;
  activeElement: unknown;
  body: { append(node: unknown): void };
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelectorAll<T>(selector: string): Iterable<T>;
  createElement(tag: 'script'): { textContent: string };
  addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
};
declare const window: { reportCspViolation(text: string): void };

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
    document.addEventListener('securitypolicyviolation', (event) => window.reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return reports;
}

/** Adds an inline script that would retitle the page; returns the title after (unchanged while the CSP holds). */
export function tryInlineScript(page: Page): Promise<string> {
  return page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.title = "inline"';
    document.body.append(script);
    return document.title;
  });
}

/**
 * What keeps the page from working for everyone: visible fields without a `<label>`, buttons
 * without text, content wider than the window.
 */
export function accessibilityProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const field of document.querySelectorAll<FormField>('input, select, textarea')) {
      if (field.type !== 'hidden' && (field.labels?.length ?? 0) === 0) problems.push(`field ${field.name} has no label`);
    }
    for (const button of document.querySelectorAll<{ textContent: string | null }>('button')) {
      if (!button.textContent?.trim()) problems.push('a button has no text');
    }
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    if (overflow > 0) problems.push(`${overflow} px wider than the window`);
    return problems;
  });
}

/** `accessibilityProblems` at a phone's width (390 px) and a laptop's (1280 px), where the page is left. */
export async function accessibilityProblemsAtBothWidths(page: Page): Promise<string[]> {
  const problems: string[] = [];
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    problems.push(...(await accessibilityProblems(page)).map((problem) => `${problem} at ${width} px`));
  }
  return problems;
}

/** Whether the element has the keyboard focus. */
export function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}
