/** The Account page's password change (issue 13): clear refusals beside the fields, and the other sessions end. */
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../helpers/api-client';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack('account');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const EMAIL = 'agent@demo.test';
const NEW_PASSWORD = 'a much longer secret';

/** Fills the form and submits it; returns the HTTP status of the form's answer. */
async function changePassword(page: Page, current: string, next: string, again: string): Promise<number> {
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('New password again').fill(again);
  const [answer] = await Promise.all([
    page.waitForResponse((res) => res.request().method() === 'POST' && res.url().includes('/account')),
    page.getByRole('button', { name: 'Change password' }).click(),
  ]);
  return answer.status();
}

test('an agent changes the password on the Account page: mistakes are named beside the fields, the old password and the other sessions stop working', async () => {
  const mine = await (await browser.newContext()).newPage();
  const elsewhere = await (await browser.newContext()).newPage();
  await signIn(mine, stack.url, EMAIL);
  await signIn(elsewhere, stack.url, EMAIL);

  await mine.goto(`${stack.url}/app/demo/whatsapp`);
  await mine.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await mine.getByRole('heading', { name: 'Account' }).waitFor();
  await mine.getByText(EMAIL).waitFor();

  expect(await changePassword(mine, 'not my password', NEW_PASSWORD, NEW_PASSWORD)).toBe(400);
  await expect(mine.locator('#currentPassword-error').textContent()).resolves.toBe('The current password is wrong.');
  await expect(mine.getByLabel('Current password').getAttribute('aria-invalid')).resolves.toBe('true');

  expect(await changePassword(mine, 'demo1234', 'short', 'short')).toBe(400);
  await expect(mine.locator('#newPassword-error').textContent()).resolves.toBe(
    'The new password needs at least 8 characters',
  );

  expect(await changePassword(mine, 'demo1234', NEW_PASSWORD, 'a much longer secreT')).toBe(400);
  await expect(mine.locator('#confirmPassword-error').textContent()).resolves.toBe(
    'The two new passwords are not the same',
  );
  await screenshot(mine, 'account-password-mismatch');
  // Nothing changed so far: the old password still signs in.
  await ApiClient.signIn(stack.url, EMAIL, 'demo1234');

  expect(await changePassword(mine, 'demo1234', NEW_PASSWORD, NEW_PASSWORD)).toBe(200);
  const done = mine.getByRole('status').filter({ hasText: 'Your other sessions' });
  await done.waitFor();
  expect(await done.textContent()).toMatch(/password is changed.*other sessions.*signed out/);
  await expect(mine.getByLabel('Current password').inputValue()).resolves.toBe('');
  await screenshot(mine, 'account-password-changed');

  // The other browser is signed out on its next request; this one stays signed in.
  await elsewhere.goto(`${stack.url}/app/demo/whatsapp`);
  await elsewhere.waitForURL(/\/login\?redirectTo=/);
  await mine.goto(`${stack.url}/app/demo/whatsapp`);
  await mine.getByRole('navigation', { name: 'Main' }).waitFor();
  expect(new URL(mine.url()).pathname).toBe('/app/demo/whatsapp');

  // Only the new password signs in.
  const old = await new ApiClient(stack.url).post('/api/auth/login', { email: EMAIL, password: 'demo1234' });
  expect(old.status).toBe(401);
  await signIn(elsewhere, stack.url, EMAIL, NEW_PASSWORD);
  expect(new URL(elsewhere.url()).pathname).toMatch(/^\/app\//);
});
