/** The chat shows a customer's location, contact card, quoted reply and reactions (ADR 0120). */
import type { Browser } from 'playwright-core';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { inboundParams, postTwilioWebhook } from '../fakes/twilio-webhook';
import { launchBrowser, openConversation, screenshot } from '../helpers/browser';
import { conversationOf, messageCount, newCustomer, signalInbound } from '../helpers/conversations';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack('rich-chat');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function twilioMessage(from: string, body: string, extra: Record<string, string> = {}) {
  const params = inboundParams({ accountSid: DEMO_TWILIO_ACCOUNT_SID, from, to: DEMO_NUMBER, body, extra });
  const res = await postTwilioWebhook(`${stack.url}/webhooks/twilio/demo`, DEMO_TWILIO_AUTH_TOKEN, params);
  expect(res.status).toBe(200);
  return params.MessageSid;
}

test('a location, a contact card, a quoted reply and a reaction chip that comes and goes', async () => {
  const from = newCustomer();
  const firstSid = await twilioMessage(from, 'Do you deliver to this address?');
  await twilioMessage(from, '', {
    Latitude: '40.4168',
    Longitude: '-3.7038',
    Label: 'Puerta del Sol',
    Address: 'Madrid',
  });
  await signalInbound(stack, from, '', { extra: { contacts: [{ name: 'Ana García', phones: ['+34 600 111 222'] }] } });
  await twilioMessage(from, 'And on Saturdays?', { OriginalRepliedMessageSid: firstSid });
  await signalInbound(stack, from, '', { extra: { reaction: { providerMessageId: firstSid, emoji: '👍' } } });
  await signalInbound(stack, from, '', { extra: { reaction: { providerMessageId: 'SMunknown000', emoji: '😂' } } });
  const conversation = await conversationOf(stack, from);
  await messageCount(stack, conversation._id, 6);

  const page = await openConversation(browser, stack.url, 'agent@demo.test', conversation._id);
  const first = page.locator('li[data-message-id]', { hasText: 'Do you deliver to this address?' }).first();
  await first.getByRole('list', { name: 'Reactions' }).getByText('👍').waitFor();

  const map = page.getByRole('link', { name: /Open map/ });
  expect(await map.getAttribute('href')).toBe(
    'https://www.openstreetmap.org/?mlat=40.4168&mlon=-3.7038#map=16/40.4168/-3.7038',
  );
  await page.getByText('📍 Puerta del Sol').waitFor();
  const card = page.getByRole('list', { name: 'Shared contacts' });
  await card.getByText('Ana García').waitFor();
  expect(await card.getByRole('link', { name: '+34 600 111 222' }).getAttribute('href')).toBe('tel:+34600111222');
  await page.getByText('The customer reacted 😂 to a message not in this conversation').waitFor();

  // The quote above the reply names the quoted message and takes the reader to it.
  const quote = page.getByRole('button', { name: /Do you deliver to this address\?/ });
  await quote.waitFor();
  await quote.click();
  await page.locator('li.bubble-flash', { hasText: 'Do you deliver to this address?' }).waitFor();
  await screenshot(page, 'rich-messages-chat');

  // The customer removes the reaction: the chip goes, in the open chat, without a reload.
  await signalInbound(stack, from, '', { extra: { reaction: { providerMessageId: firstSid, emoji: '' } } });
  await first.getByRole('list', { name: 'Reactions' }).waitFor({ state: 'detached' });
  expect(await page.locator('.reaction-chip').count()).toBe(0);
  await screenshot(page, 'rich-messages-reaction-removed');
  await page.close();
});
