import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Screenshots land here (git-ignored) for a person to look at. */
export const ARTIFACTS_DIR = path.resolve(__dirname, '../artifacts');

/**
 * Debian's Chromium, headless, never reaching the internet. Whatever a page logs
 * as an error — a Content-Security-Policy violation, an uncaught exception, a
 * failed load — is passed to console.error, so the test fails
 * (test/setup/fail-on-console-error.ts). A 4xx answer is not such an error: it is
 * how the app refuses bad input (a form action's 400, a refused transition's 409),
 * and the tests check what the page then says.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watchForErrors(await newContext(options));
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    watchForErrors(page.context());
    return page;
  };
  return browser;
}

const watched = new WeakSet<BrowserContext>();

function watchForErrors(context: BrowserContext): BrowserContext {
  if (watched.has(context)) return context;
  watched.add(context);
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d\b/.test(message.text())) return;
    console.error(`[browser] ${message.text()} (at ${message.location().url})`);
  });
  context.on('weberror', (error) => console.error(`[browser] uncaught ${error.error().message}`));
  return context;
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, password = 'demo1234') {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL(/\/app\//), page.getByRole('button', { name: /sign in/i }).click()]);
}

/** A new page, signed in as `email`, on the demo tenant's chat of `conversationId`. */
export async function openConversation(
  browser: Browser,
  baseUrl: string,
  email: string,
  conversationId: string,
  width = 1280,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await signIn(page, baseUrl, email);
  await page.goto(`${baseUrl}/app/demo/whatsapp/${conversationId}`);
  return page;
}
