import type { Page } from 'playwright-core';
import { signInEnrollingTotp, type TotpDevice } from '../support/otpDevice.js';
import type { TestServer } from '../support/testServer.js';

/** The password every console journey's people use. */
export const password = 'a long and private phrase';

/** An administrator (or auditor) whose authenticator app was enrolled over the API, as at their first sign-in. */
export async function enrolledAdmin(server: TestServer, email: string, groups: string[]): Promise<{ id: string; device: TotpDevice }> {
  const { id } = await server.addUser(email, password, groups);
  const device = await signInEnrollingTotp(server.client(), email, password);
  return { id, device };
}

/** Signs in in the browser with the password, then the authenticator's code, and lands on `next`. */
export async function signInWithTotp(page: Page, server: TestServer, email: string, device: TotpDevice, next: string): Promise<void> {
  await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = page.getByLabel('Code', { exact: true });
  await code.fill(device.code());
  await page.getByRole('region', { name: 'Authenticator app' }).getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL((url) => url.pathname === next);
}
