import type { Page } from 'playwright-core';

/** Signs in through the sign-in page, by its labels, and waits to land on `next`. */
export async function signInAt(page: Page, base: string, email: string, password: string, next: string): Promise<void> {
  await page.goto(`${base}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}
