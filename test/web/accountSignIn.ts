import type { Locator, Page } from 'playwright-core';

/** Signs in through the page, by label and role only; resolves on the second step or the account page. */
export async function signInThroughPage(page: Page, base: string, email: string, password: string, landing: 'account' | 'second step' = 'account'): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (landing === 'account') await page.getByRole('heading', { name: 'Your account' }).waitFor();
  else await page.getByRole('heading', { name: 'Second step' }).waitFor();
}

/** Signs out with the navigation's button and waits for the start page to say so. */
export async function signOutThroughPage(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You are signed out.').waitFor();
}

/** True when the element `locator` finds has the keyboard focus. */
export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === element.ownerDocument.activeElement);
}

/** How wide the page's content is, in CSS pixels: more than the viewport means sideways scrolling. */
export async function scrollWidth(page: Page): Promise<number> {
  // A string, evaluated in the page: the tests' own TypeScript has no DOM types.
  return page.evaluate<number>('document.documentElement.scrollWidth');
}
