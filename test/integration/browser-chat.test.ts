import type { Browser, Page } from 'playwright-core';
import { DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { setAiEnabledUpdate } from '../../workflows/definitions';
import { FakeOpenAI } from '../fakes/openai';
import { FakeTwilio } from '../fakes/twilio-api';
import { launchBrowser, openConversation, screenshot } from '../helpers/browser';
import { api, conversationOf, messageCount, newCustomer, signalInbound, twilioInbound } from '../helpers/conversations';
import { eventually, login, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let twilio: FakeTwilio;
let openai: FakeOpenAI;
let browser: Browser;

beforeAll(async () => {
  twilio = await FakeTwilio.start([
    {
      sid: DEMO_TWILIO_ACCOUNT_SID,
      authToken: DEMO_TWILIO_AUTH_TOKEN,
      templates: [
        {
          sid: 'HX11111111111111111111111111111111',
          friendlyName: 'order_ready',
          language: 'en',
          body: 'Hi {{1}}, your order {{2}} is ready for pickup.',
          variables: { '1': 'name', '2': 'order' },
          status: 'approved',
        },
        {
          sid: 'HX22222222222222222222222222222222',
          friendlyName: 'black_friday',
          language: 'en',
          body: 'Deals for you, {{1}}!',
          status: 'pending',
        },
      ],
    },
  ]);
  openai = await FakeOpenAI.start();
  stack = await startTestStack('chat', {
    env: {
      TWILIO_API_BASE_URL: twilio.url,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${openai.url}/v1`,
      AI_DEBOUNCE_SECONDS: '1',
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await openai?.stop();
  await twilio?.stop();
});

const openChat = (email: string, conversationId: string, width?: number) =>
  openConversation(browser, stack.url, email, conversationId, width);

/** The message whose whole text is `text`. */
const bubble = (page: Page, text: string) =>
  page.locator('li[data-message-id]').filter({ has: page.locator('.bubble-text').getByText(text, { exact: true }) });

/** The Twilio message sid of an outbound message, once the provider accepted it. */
const providerSidOf = (messageId: string) =>
  eventually(async () => {
    const sid = (await stack.db.Message.findById(messageId).lean())?.providerMessageId;
    return sid?.startsWith('SM') ? sid : null;
  }, 'the provider sid');

test('a customer message appears in the open chat without reload, the AI reply follows, ticks advance', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, 'Hola, ¿tenéis zapatos rojos?');
  const conversation = await conversationOf(stack, from);
  await messageCount(stack, conversation._id, 2); // the AI answered the first one
  const page = await openChat('owner@demo.test', conversation._id);
  await bubble(page, 'AI answer to: Hola, ¿tenéis zapatos rojos?').waitFor();
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

  await twilioInbound(stack, from, '¿Y en la talla 38?');
  const customerBubble = bubble(page, '¿Y en la talla 38?');
  await customerBubble.waitFor({ timeout: 15_000 });
  expect(await customerBubble.locator('.bubble-author').textContent()).toBe('Customer');
  // The fake model answers every customer message since its last reply.
  const aiText = 'AI answer to: Hola, ¿tenéis zapatos rojos? + ¿Y en la talla 38?';
  const aiBubble = bubble(page, aiText);
  await aiBubble.waitFor({ timeout: 15_000 });
  expect(await aiBubble.locator('.bubble-author').textContent()).toBe('AI');
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');

  // Twilio's status callbacks move the ticks forward, live.
  const aiMessage = await stack.db.Message.findOne({ conversationId: conversation._id, text: aiText }).lean();
  const sid = await providerSidOf(aiMessage!._id);
  expect(await twilio.sendStatus(sid, 'delivered')).toBe(200);
  await page.locator(`li[data-message-id="${aiMessage!._id}"][data-status="delivered"]`).waitFor({ timeout: 15_000 });
  expect(await aiBubble.getByRole('img', { name: 'Delivered' }).count()).toBe(1);
  expect(await twilio.sendStatus(sid, 'read')).toBe(200);
  await aiBubble.getByRole('img', { name: 'Read' }).waitFor({ timeout: 15_000 });
  await screenshot(page, 'chat-live-ai-reply-read');
  await page.close();
});

test('send with Enter, AI toggle, close, archive, reopen and insights, each with its result', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, 'I would like to return my order, it arrived broken');
  const conversation = await conversationOf(stack, from);
  await messageCount(stack, conversation._id, 2);
  const page = await openChat('owner@demo.test', conversation._id);
  const actions = page.getByRole('group', { name: 'Conversation actions' });

  await page.getByRole('switch', { name: /AI Active/ }).click();
  await page.getByRole('switch', { name: /AI Disabled/ }).waitFor();
  await page.getByRole('status').filter({ hasText: 'AI is off' }).waitFor();
  await eventually(
    async () => (await stack.db.Conversation.findById(conversation._id).lean())?.aiEnabled === false,
    'AI off',
  );

  const composer = page.getByLabel('Your reply');
  await composer.fill('Sorry about that! ');
  await composer.press('Shift+Enter');
  await composer.pressSequentially('A courier will pick it up tomorrow.');
  await composer.press('Enter');
  const mine = page.locator('li.bubble-human', { hasText: 'A courier will pick it up tomorrow.' });
  await mine.waitFor({ timeout: 15_000 });
  expect(await mine.locator('.bubble-author').textContent()).toBe('Olivia Owner (agent)');
  expect(await composer.inputValue()).toBe('');
  expect(twilio.messages.filter((m) => m.to === from).at(-1)?.body).toBe(
    'Sorry about that! \nA courier will pick it up tomorrow.',
  );

  await actions.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('status').filter({ hasText: 'Conversation closed.' }).waitFor();
  expect(await page.getByLabel('Your reply').isDisabled()).toBe(true);
  await screenshot(page, 'chat-closed');
  await actions.getByRole('button', { name: 'Archive' }).click();
  await page.getByRole('status').filter({ hasText: 'Conversation archived.' }).waitFor();
  expect(await actions.getByRole('button', { name: 'Close' }).count()).toBe(0);
  await actions.getByRole('button', { name: 'Reopen' }).click();
  await page.getByRole('status').filter({ hasText: 'Conversation reopened.' }).waitFor();
  await actions.getByRole('button', { name: 'Close' }).waitFor();
  expect((await stack.db.Conversation.findById(conversation._id).lean())?.status).toBe('open');

  await page.getByRole('button', { name: 'Generate Insights' }).click();
  const insights = page.getByRole('complementary', { name: /AI Insights/ });
  await insights.getByText('Positive (score 0.80)').waitFor({ timeout: 20_000 });
  const stored = (await stack.db.Conversation.findById(conversation._id).lean())?.insights;
  expect(stored?.summary).toContain('I would like to return my order');
  expect(await insights.locator('.summary').textContent()).toBe(stored?.summary);
  await insights.getByText(/by OpenAI \(gpt-4o-mini\)/).waitFor();
  await screenshot(page, 'chat-insights');
  await page.close();
});

test('delete: the owner confirms and the conversation is gone; an agent sees no Delete and gets 403 from the API', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, 'Please forget me');
  const conversation = await conversationOf(stack, from);
  await messageCount(stack, conversation._id, 2);

  const agentPage = await openChat('agent@demo.test', conversation._id);
  await agentPage.getByRole('button', { name: 'Close' }).waitFor();
  expect(await agentPage.getByRole('button', { name: 'Delete' }).count()).toBe(0);
  const agentCookie = await login(stack.url, 'agent@demo.test');
  const refused = await api(stack, agentCookie, 'DELETE', `/api/tenants/demo/conversations/${conversation._id}`);
  expect(refused.status).toBe(403);
  await agentPage.close();

  const page = await openChat('owner@demo.test', conversation._id);
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this conversation?' });
  await dialog.waitFor();
  await screenshot(page, 'chat-delete-confirm');
  await Promise.all([
    page.waitForURL(/\/app\/demo\/whatsapp\?deleted=1$/),
    dialog.getByRole('button', { name: 'Delete conversation' }).click(),
  ]);
  expect(await stack.db.Message.countDocuments({ conversationId: conversation._id })).toBe(0);
  await page.goto(`${stack.url}/app/demo/whatsapp/${conversation._id}`);
  await page.getByRole('alert').filter({ hasText: 'This conversation does not exist or was deleted.' }).waitFor();
  await page.close();
});

test('outside the 24-hour window: the composer says why and offers the approved templates; one is filled in and sent, another typed by hand', async () => {
  const from = newCustomer();
  const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000).toISOString();
  await signalInbound(stack, from, 'Are you open on Monday?', { receivedAt: twoDaysAgo });
  const conversation = await conversationOf(stack, from);
  await stack.temporal.workflow.getHandle(conversation.threadId).executeUpdate(setAiEnabledUpdate, {
    args: [{ conversationId: conversation._id, enabled: false, actor: { userId: 'test' } }],
  });

  const page = await openChat('agent@demo.test', conversation._id);
  await page
    .getByText(/last wrote more than 24 h ago/)
    .first()
    .waitFor();
  expect(await page.getByLabel('Your reply').isDisabled()).toBe(true);
  const template = page.getByRole('form', { name: 'Send a template' });
  // Only the approved template is offered (the pending one is still in review at WhatsApp).
  const picker = template.getByLabel('Template', { exact: true });
  await picker.waitFor();
  expect(await picker.locator('option').allTextContents()).toEqual([
    'order_ready (en)',
    'Another template, typed by hand…',
  ]);
  await template.getByLabel('Value for {{1}}').fill('Marta');
  await template.getByLabel('Value for {{2}}').fill('A-123');
  expect(await template.getByLabel('Preview').textContent()).toBe('Hi Marta, your order A-123 is ready for pickup.');
  await screenshot(page, 'chat-outside-window-template');
  await template.getByRole('button', { name: 'Send template' }).click();
  await page.getByRole('status').filter({ hasText: 'Template sent.' }).waitFor({ timeout: 15_000 });
  const sent = twilio.messages.filter((m) => m.to === from).at(-1);
  expect(sent?.contentSid).toBe('HX11111111111111111111111111111111');
  expect(JSON.parse(sent?.contentVariables ?? '{}')).toEqual({ 1: 'Marta', 2: 'A-123' });

  await picker.selectOption({ label: 'Another template, typed by hand…' });
  await template.getByLabel(/Template \(Twilio Content SID/).fill('HX0123456789abcdef0123456789abcdef');
  await template.getByLabel(/Variables/).fill('1=Marta');
  await template.getByRole('button', { name: 'Send template' }).click();
  await eventually(
    async () => twilio.messages.some((m) => m.to === from && m.contentSid === 'HX0123456789abcdef0123456789abcdef'),
    'the hand-typed template at Twilio',
  );
  const typed = twilio.messages.filter((m) => m.to === from).at(-1);
  expect(JSON.parse(typed?.contentVariables ?? '{}')).toEqual({ 1: 'Marta' });
  await page.close();
});

test('provider errors reach the person in plain words: 24-hour window (63016) and bad credentials (20003)', async () => {
  const from = newCustomer();
  await signalInbound(stack, from, 'Hello?');
  const conversation = await conversationOf(stack, from);
  await messageCount(stack, conversation._id, 1);
  const page = await openChat('agent@demo.test', conversation._id);
  await page.getByRole('switch', { name: /AI Active/ }).click();
  await page.getByRole('switch', { name: /AI Disabled/ }).waitFor();

  twilio.errorsByRecipient.set(from, { status: 400, code: 63016, message: 'Failed to send freeform message' });
  await page.getByLabel('Your reply').fill('Are you still there?');
  await page.getByRole('button', { name: 'Send' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: 'The customer last wrote more than 24 h ago; WhatsApp allows only a template message' })
    .waitFor({ timeout: 20_000 });
  await bubble(page, 'Are you still there?')
    .getByRole('img', { name: /Not delivered/ })
    .waitFor({ timeout: 15_000 });
  await screenshot(page, 'chat-error-outside-window');

  twilio.errorsByRecipient.set(from, { status: 401, code: 20003, message: 'Authenticate' });
  await page.getByLabel('Your reply').fill('Second try');
  await page.getByRole('button', { name: 'Send' }).click();
  await page
    .getByRole('alert')
    .filter({
      hasText: 'Twilio rejected this tenant’s credentials: an owner or admin should check the Twilio integration',
    })
    .waitFor({ timeout: 20_000 });
  await screenshot(page, 'chat-error-bad-credentials');
  twilio.errorsByRecipient.delete(from);
  await page.close();
});

test('on a phone-sized screen the insights sidebar sits below the thread', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, 'Do you ship to Porto?');
  const conversation = await conversationOf(stack, from);
  await messageCount(stack, conversation._id, 2);
  const page = await openChat('agent@demo.test', conversation._id, 390);
  await bubble(page, 'Do you ship to Porto?').waitFor();
  const thread = await page.locator('.chat-main').boundingBox();
  const sidebar = await page.getByRole('complementary', { name: /AI Insights/ }).boundingBox();
  expect(sidebar!.y).toBeGreaterThanOrEqual(thread!.y + thread!.height);
  expect(sidebar!.width).toBeLessThanOrEqual(390);
  await screenshot(page, 'chat-phone');
  await page.close();
});
