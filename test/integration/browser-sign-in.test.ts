import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack('signin');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('a failed sign-in says why and keeps the email typed, also before the page’s script has loaded', async () => {
  // Without script the form posts as a plain HTML form and the server renders the answer: the
  // case of a person faster than a slow connection, where the email used to come back empty.
  for (const javaScriptEnabled of [false, true]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${stack.url}/login`);
    await page.getByLabel('Email').fill('owner@demo.test');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('owner@demo.test');
    await screenshot(page, `login-failed-keeps-email${javaScriptEnabled ? '' : '-no-script'}`);

    await page.getByLabel('Password').fill('demo1234');
    await Promise.all([page.waitForURL(/\/app\//), page.getByRole('button', { name: /sign in/i }).click()]);
    await context.close();
  }
});

test('a data-only route opened in the browser is a 404 page, not raw JSON; the page that uses it still gets its data', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, stack.url, 'owner@demo.test');
  const response = await page.goto(`${stack.url}/app/demo/whatsapp/numbers`);
  expect(response?.status()).toBe(404);
  const shown = await page.locator('body').innerText();
  expect(shown).not.toContain('"numbers"');
  expect(shown).toContain('not a page');

  // The WhatsApp page loads the same route through its fetcher: the number cards still appear.
  await page.goto(`${stack.url}/app/demo/whatsapp`);
  await page.getByText('Sales Support').first().waitFor();
  await page.close();
});
