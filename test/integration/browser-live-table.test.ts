import type { Browser } from 'playwright-core';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { inboundParams, postTwilioWebhook } from '../fakes/twilio-webhook';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack('live-table');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('a customer message appears in an open conversations table without reload', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(page, stack.url, 'agent@demo.test');
  await page.goto(`${stack.url}/app/demo/whatsapp`);
  await page.getByText('No conversations yet').waitFor();
  await screenshot(page, 'live-table-empty');
  // The page must not reload: a marker on window would vanish with a reload.
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

  const params = inboundParams({
    accountSid: DEMO_TWILIO_ACCOUNT_SID,
    from: 'whatsapp:+34600111222',
    to: DEMO_NUMBER,
    body: 'Hola, ¿tenéis envío a Sevilla?',
    profileName: 'Marta',
  });
  const res = await postTwilioWebhook(`${stack.url}/webhooks/twilio/demo`, DEMO_TWILIO_AUTH_TOKEN, params);
  expect(res.status).toBe(200);

  const row = page.locator('tr[data-conversation-id]', { hasText: 'Marta' });
  await row.waitFor({ timeout: 15_000 });
  await expect(row.textContent()).resolves.toContain('Hola, ¿tenéis envío a Sevilla?');
  await expect(row.textContent()).resolves.toContain('+34••••1222');
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');

  const second = inboundParams({
    accountSid: DEMO_TWILIO_ACCOUNT_SID,
    from: 'whatsapp:+447700900555',
    to: DEMO_NUMBER,
    body: 'Is the shop open on Sunday?',
    profileName: 'Oliver',
  });
  await postTwilioWebhook(`${stack.url}/webhooks/twilio/demo`, DEMO_TWILIO_AUTH_TOKEN, second);
  await page.locator('tr[data-conversation-id]', { hasText: 'Oliver' }).waitFor({ timeout: 15_000 });
  // Latest activity first.
  expect(await page.locator('tr[data-conversation-id] strong').allTextContents()).toEqual(['Oliver', 'Marta']);
  await screenshot(page, 'live-table-two-conversations');
});
