/** The unconnected-numbers page (issue 13 item 5) as an owner and an agent use it, in Chromium. */
import type { Browser } from 'playwright-core';
import { DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { FakeTwilio } from '../fakes/twilio-api';
import { inboundParams, postTwilioWebhook } from '../fakes/twilio-webhook';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { conversationOf, messageCount, newCustomer } from '../helpers/conversations';
import { startTestStack, type TestStack } from '../helpers/stack';

const UNCONNECTED = 'whatsapp:+15550007777';

let stack: TestStack;
let twilio: FakeTwilio;
let browser: Browser;

beforeAll(async () => {
  // The demo tenant's Twilio account owns the number, so "Connect this number" passes the ownership check.
  twilio = await FakeTwilio.start([
    { sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN, incomingNumbers: ['+15550007777'] },
  ]);
  stack = await startTestStack('browser-unrouted', { env: { TWILIO_API_BASE_URL: twilio.url } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await twilio?.stop();
});

const writeToUnconnected = (from: string, body: string) =>
  postTwilioWebhook(
    `${stack.url}/webhooks/twilio/demo`,
    DEMO_TWILIO_AUTH_TOKEN,
    inboundParams({ accountSid: DEMO_TWILIO_ACCOUNT_SID, from, to: UNCONNECTED, body, profileName: 'Iker' }),
  );

test('an owner sees messages to an unconnected number arrive with the number they were sent to, and connecting it keeps them', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, stack.url, 'owner@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Unconnected numbers' }).click();
  await page.getByRole('heading', { name: 'Messages to unconnected numbers' }).waitFor();
  await page.getByText('No messages to unconnected numbers.').waitFor();

  const from = newCustomer();
  expect((await writeToUnconnected(from, 'Hola, ¿abrís el sábado?')).status).toBe(200);
  expect((await writeToUnconnected(from, '¿Y el domingo?')).status).toBe(200);
  // Live: the page reloads its list on the notification the kept message raises.
  const card = page.getByRole('listitem', { name: UNCONNECTED });
  await card.getByText('2 messages').waitFor({ timeout: 15_000 });
  await card.getByRole('heading', { name: UNCONNECTED }).waitFor();
  const rows = card.locator('tbody tr');
  // Newest first, each with its sender.
  expect(await rows.allTextContents()).toEqual([
    expect.stringContaining('¿Y el domingo?'),
    expect.stringContaining('Hola, ¿abrís el sábado?'),
  ]);
  expect(await rows.first().textContent()).toContain(`Iker · ${from.replace('whatsapp:', '')}`);
  await screenshot(page, 'unrouted-kept');

  // A display name is needed: the refusal is shown beside the field, nothing is connected.
  await card.getByRole('button', { name: 'Connect this number' }).click();
  await card.getByRole('alert').filter({ hasText: 'Enter a display name' }).waitFor();
  expect(await stack.db.WhatsAppNumber.exists({ address: UNCONNECTED })).toBeNull();

  await card.getByLabel('Display Name').fill('Weekend line');
  await card.getByRole('button', { name: 'Connect this number' }).click();
  await page.getByText('No messages to unconnected numbers.').waitFor({ timeout: 15_000 });
  await screenshot(page, 'unrouted-connected');

  // The kept messages are in the number's conversation, in the order they came.
  const conversation = await conversationOf(stack, from);
  const stored = await messageCount(stack, String(conversation._id), 2);
  expect(stored.map((m) => m.text)).toEqual(['Hola, ¿abrís el sábado?', '¿Y el domingo?']);
  await page.goto(`${stack.url}/app/demo/whatsapp/${conversation._id}`);
  await page.locator('li.bubble', { hasText: '¿Y el domingo?' }).waitFor();
});

test('an agent may not see the page: it says so inside the app, and the sidebar has no link to it', async () => {
  const page = await browser.newPage();
  await signIn(page, stack.url, 'agent@demo.test');
  await page.goto(`${stack.url}/app/demo/whatsapp/unrouted`);
  const refusal = page.getByRole('alert');
  await refusal.waitFor();
  expect(await refusal.textContent()).toMatch(/agent/i);
  const sidebar = page.getByRole('navigation', { name: 'Main' });
  await sidebar.getByRole('link', { name: 'WhatsApp' }).waitFor();
  expect(await sidebar.getByRole('link', { name: 'Unconnected numbers' }).count()).toBe(0);
  await screenshot(page, 'unrouted-agent-refused');
});
