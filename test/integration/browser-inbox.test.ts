import type { Browser, Page } from 'playwright-core';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { FakeTwilio } from '../fakes/twilio-api';
import { inboundParams, postTwilioWebhook } from '../fakes/twilio-webhook';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { api, conversationOf, newCustomer, signalInbound } from '../helpers/conversations';
import { eventually, login, startTestStack, type TestStack } from '../helpers/stack';

// No OpenAI here: conversations are human-only, so new messages raise notifications.
let stack: TestStack;
let twilio: FakeTwilio;
let browser: Browser;

beforeAll(async () => {
  twilio = await FakeTwilio.start([{ sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN }]);
  stack = await startTestStack('inbox', { env: { TWILIO_API_BASE_URL: twilio.url } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await twilio?.stop();
});

async function customerWrites(from: string, body: string, profileName: string) {
  const params = inboundParams({ accountSid: DEMO_TWILIO_ACCOUNT_SID, from, to: DEMO_NUMBER, body, profileName });
  const res = await postTwilioWebhook(`${stack.url}/webhooks/twilio/demo`, DEMO_TWILIO_AUTH_TOKEN, params);
  expect(res.status).toBe(200);
  return conversationOf(stack, from);
}

const rowNames = (page: Page) => page.locator('tr[data-conversation-id] strong').allTextContents();

test('conversations table: filter by status and number, search, paginate, sentiment, unread until opened', async () => {
  const marta = await customerWrites('whatsapp:+34600111222', 'Hola, ¿tenéis envío a Sevilla?', 'Marta Ruiz');
  const oliver = await customerWrites('whatsapp:+447700900555', 'Is the shop open on Sunday?', 'Oliver Twist');
  const nadia = await customerWrites('whatsapp:+33612345678', 'Bonjour, ma commande est en retard', 'Nadia');
  const owner = await login(stack.url, 'owner@demo.test');
  expect((await api(stack, owner, 'POST', `/api/tenants/demo/conversations/${nadia._id}/close`)).status).toBe(200);
  expect((await api(stack, owner, 'POST', `/api/tenants/demo/conversations/${marta._id}/insights`)).status).toBe(200);

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, stack.url, 'agent@demo.test');
  await page.goto(`${stack.url}/app/demo/whatsapp`);
  await page.locator('tr[data-conversation-id]').nth(2).waitFor();
  expect(await rowNames(page)).toEqual(['Nadia', 'Oliver Twist', 'Marta Ruiz']);
  expect(await page.getByRole('img', { name: 'Unread' }).count()).toBe(3);
  const martaRow = page.locator(`tr[data-conversation-id="${marta._id}"]`);
  expect(await martaRow.locator('.sentiment-pill').textContent()).toMatch(/^(positive|neutral|negative)$/);
  await screenshot(page, 'inbox-table-all');

  const filters = page.getByRole('search', { name: 'Filter conversations' });
  await filters.getByLabel('Status').selectOption('closed');
  await page.waitForURL(/status=closed/);
  await eventually(async () => (await rowNames(page)).join() === 'Nadia', 'only the closed conversation');
  await filters.getByLabel('Status').selectOption('');
  await page.waitForURL((url) => !url.searchParams.get('status'));

  await filters.getByLabel('Customer').fill('oliver');
  await filters.getByRole('button', { name: 'Search' }).click();
  await eventually(async () => (await rowNames(page)).join() === 'Oliver Twist', 'the search by name');
  await filters.getByLabel('Customer').fill('600111');
  await filters.getByRole('button', { name: 'Search' }).click();
  await eventually(async () => (await rowNames(page)).join() === 'Marta Ruiz', 'the search by phone digits');
  await filters.getByLabel('Customer').fill('nobody-like-this');
  await filters.getByRole('button', { name: 'Search' }).click();
  await page.getByText('No conversations match these filters.').waitFor();
  await screenshot(page, 'inbox-table-no-match');
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await page.locator('tr[data-conversation-id]').nth(2).waitFor();

  const demoNumber = (await stack.db.WhatsAppNumber.findOne({ address: DEMO_NUMBER }).lean())!;
  await filters.getByLabel('Number').selectOption(String(demoNumber._id));
  await page.waitForURL(/numberId=/);
  await eventually(async () => (await rowNames(page)).length === 3, 'the three conversations of the demo number');

  // Pages: two a page, latest activity first.
  await page.goto(`${stack.url}/app/demo/whatsapp?pageSize=2`);
  await page.getByText('Page 1 of 2 · 3 conversations').waitFor();
  expect(await rowNames(page)).toEqual(['Nadia', 'Oliver Twist']);
  await page.getByRole('link', { name: 'Older →' }).click();
  await page.getByText('Page 2 of 2 · 3 conversations').waitFor();
  expect(await rowNames(page)).toEqual(['Marta Ruiz']);

  // View Chat opens the conversation; back in the table it is no longer unread (for this person).
  await page.getByRole('link', { name: 'View chat with Marta Ruiz' }).click();
  await page.waitForURL(new RegExp(`/whatsapp/${marta._id}$`));
  await page.getByRole('heading', { name: 'Marta Ruiz' }).waitFor();
  await page.goto(`${stack.url}/app/demo/whatsapp`);
  await page.locator('tr[data-conversation-id]').nth(2).waitFor();
  expect(await martaRow.getByRole('img', { name: 'Unread' }).count()).toBe(0);
  expect(
    await page.locator(`tr[data-conversation-id="${oliver._id}"]`).getByRole('img', { name: 'Unread' }).count(),
  ).toBe(1);
  await screenshot(page, 'inbox-table-after-view');

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await signIn(phone, stack.url, 'agent@demo.test');
  await phone.goto(`${stack.url}/app/demo/whatsapp`);
  await phone.locator('tr[data-conversation-id]').nth(2).waitFor();
  await screenshot(phone, 'inbox-table-phone');
  await phone.close();
  await page.close();
});

test('the JSON list takes the same filters and refuses bad ones with a message', async () => {
  const agent = await login(stack.url, 'agent@demo.test');
  const bad = await api(stack, agent, 'GET', '/api/tenants/demo/conversations?status=pending');
  expect(bad.status).toBe(400);
  expect(bad.body.error).toBe('status must be open, closed or archived');
  const closed = await api(stack, agent, 'GET', '/api/tenants/demo/conversations?status=closed');
  expect(closed.status).toBe(200);
  const rows = closed.body.conversations as { status: string }[];
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.status === 'closed')).toBe(true);
});

test('notifications arrive live with the bell count; mark one and mark all as read', async () => {
  await stack.db.Notification.deleteMany({});
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, stack.url, 'agent@demo.test');
  await page.goto(`${stack.url}/app/demo/whatsapp/notifications`);
  await page.getByText('No notifications yet.').waitFor();
  await screenshot(page, 'notifications-empty');

  const from = newCustomer();
  await signalInbound(stack, from, 'Is anybody there?', { timings: { escalationDelaySeconds: 2 } });
  const list = page.getByRole('list', { name: 'Notifications' });
  // Each names the customer and the number and quotes what they wrote.
  const newMessage = list.getByRole('listitem', {
    name: /^Unread: New message: New message from Test Customer on Sales Support/,
  });
  await newMessage.waitFor({ timeout: 15_000 });
  await newMessage.getByText('“Is anybody there?”').waitFor();
  const waiting = list.getByRole('listitem', {
    name: /^Unread: Escalation: Test Customer on Sales Support is waiting for a reply/,
  });
  await waiting.waitFor({ timeout: 20_000 });
  await waiting.getByText('“Is anybody there?” — No reply for more than 2 seconds').waitFor();
  const bell = page.getByRole('link', { name: /^Notifications/ }).first();
  await eventually(async () => (await bell.getAttribute('aria-label')) === 'Notifications, 2 unread', 'bell shows 2');
  await screenshot(page, 'notifications-live');

  await page.getByRole('button', { name: 'Mark as read: New message from Test Customer on Sales Support' }).click();
  await list.getByRole('listitem', { name: /^New message: New message from Test Customer on Sales Support/ }).waitFor();
  await eventually(async () => (await bell.getAttribute('aria-label')) === 'Notifications, 1 unread', 'bell shows 1');
  // Unread first: the escalation now leads the list.
  expect(await list.getByRole('listitem').first().getAttribute('aria-label')).toMatch(/^Unread: Escalation/);

  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await page.getByRole('status').filter({ hasText: 'Nothing unread.' }).waitFor();
  await eventually(async () => (await bell.getAttribute('aria-label')) === 'Notifications', 'bell without a count');
  await screenshot(page, 'notifications-all-read');

  // Each notification leads to its conversation.
  const conversation = await conversationOf(stack, from);
  await list.getByRole('link', { name: 'Test Customer on Sales Support is waiting for a reply' }).click();
  await page.waitForURL(new RegExp(`/whatsapp/${conversation._id}$`));
  await page.locator('.chat-thread').getByText('Is anybody there?').waitFor();
  await page.close();
});
