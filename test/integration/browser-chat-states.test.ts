import type { Browser, Page } from 'playwright-core';
import { DEMO_AI_AGENT, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { FakeOpenAI } from '../fakes/openai';
import { FakeTwilio } from '../fakes/twilio-api';
import { launchBrowser, openConversation, screenshot } from '../helpers/browser';
import { api, conversationOf, demoIds, messageCount, newCustomer, signalInbound } from '../helpers/conversations';
import { eventually, login, startTestStack, type TestStack } from '../helpers/stack';
import { searchAttributes } from '../../workflows/definitions';

let stack: TestStack;
let openai: FakeOpenAI;
let twilio: FakeTwilio;
let browser: Browser;

beforeAll(async () => {
  openai = await FakeOpenAI.start();
  twilio = await FakeTwilio.start([{ sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN }]);
  stack = await startTestStack('chatstates', {
    env: {
      TWILIO_API_BASE_URL: twilio.url,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${openai.url}/v1`,
      AI_DEBOUNCE_SECONDS: '1',
      TEMPORAL_UI_URL: 'http://127.0.0.1:8233/',
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

/** A second Twilio number of the demo tenant, with the demo AI agent, active or not. */
async function extraNumber(displayName: string, active: boolean): Promise<string> {
  const { tenantId } = await demoIds(stack);
  const agent = await stack.db.AiAgent.findOne({ tenantId, name: DEMO_AI_AGENT }).lean();
  const digits = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  const number = await stack.db.WhatsAppNumber.create({
    tenantId,
    provider: 'twilio',
    address: `whatsapp:+1555${digits}`,
    displayName,
    active,
    aiAgentId: agent!._id,
  });
  return String(number._id);
}

const timelineLine = (page: Page, text: string) => page.locator('li.timeline-line').filter({ hasText: text });

const subtitleOf = (page: Page) => page.locator('.chat-header p.muted').first().innerText();

test('an inactive number’s chat says the AI does not answer; a removed number’s chat disables reply and AI toggle, with the reason', async () => {
  const numberId = await extraNumber('Night Line', false);
  const from = newCustomer();
  await signalInbound(stack, from, 'Anyone there at night?', { numberId });
  const conversation = await conversationOf(stack, from);
  await messageCount(stack, conversation._id, 1); // inactive: no AI reply

  const page = await openChat('owner@demo.test', conversation._id);
  expect(await subtitleOf(page)).toMatch(/^\+\S.* · Night Line \(inactive\) · open$/);
  await page.getByText('"Night Line" is inactive: the AI does not answer on it.').waitFor();
  expect(await page.getByRole('switch', { name: /AI Active/ }).count()).toBe(0);
  const toggle = page.getByRole('switch', { name: /AI not answering/ });
  expect(await toggle.isEnabled()).toBe(true); // the number may be activated again: the choice stays
  const sidebar = page.getByRole('complementary', { name: /AI Insights/ });
  expect(await sidebar.getByText('Answering', { exact: true }).count()).toBe(0);
  await sidebar.getByText('Not answering (people answer)').waitFor();
  expect(await page.getByLabel('Your reply').isEnabled()).toBe(true); // people still answer
  await screenshot(page, 'chat-number-inactive');

  const cookie = await login(stack.url, 'owner@demo.test');
  expect((await api(stack, cookie, 'DELETE', `/api/tenants/demo/numbers/${numberId}`)).status).toBe(204);
  await page.reload();
  expect(await subtitleOf(page)).toMatch(/^\+\S.* · Number removed · open$/);
  await page.getByText('The number this conversation came in on was removed: nothing can be sent from here.').waitFor();
  expect(await page.getByLabel('Your reply').isDisabled()).toBe(true);
  await page
    .getByText('The number this conversation came in on was removed: replies cannot be sent from it.')
    .waitFor();
  expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
  expect(await page.getByRole('switch', { name: /the number was removed/ }).isDisabled()).toBe(true);
  await sidebar.getByText('Removed', { exact: true }).waitFor();
  await timelineLine(page, 'The number was deleted by Olivia Owner').waitFor();
  await screenshot(page, 'chat-number-removed');
  await page.close();
});

test('the thread’s timeline says who switched the AI, closed, reopened (the customer, by writing) and archived, and when', async () => {
  const testStarted = new Date().toISOString();
  const from = newCustomer();
  await signalInbound(stack, from, 'Is my parcel on its way?');
  const conversation = await conversationOf(stack, from);
  await messageCount(stack, conversation._id, 2); // the AI answered
  const page = await openChat('owner@demo.test', conversation._id);
  const actions = page.getByRole('group', { name: 'Conversation actions' });

  await page.getByRole('switch', { name: /AI Active/ }).click();
  await timelineLine(page, 'AI switched off by Olivia Owner').waitFor();
  await actions.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('status').filter({ hasText: 'Conversation closed.' }).waitFor();
  const closed = timelineLine(page, 'Closed by Olivia Owner');
  await closed.waitFor();
  // "when": the line carries the time it happened, as the bubbles do.
  const at = await closed.locator('time').getAttribute('datetime');
  expect(at! >= testStarted && at! <= new Date().toISOString()).toBe(true);

  // The customer writes to the closed conversation: it reopens, the page says so and the
  // stale "Conversation closed." goes.
  await signalInbound(stack, from, 'Hello? Still waiting');
  await timelineLine(page, 'Reopened: the customer wrote again').waitFor({ timeout: 15_000 });
  await actions.getByRole('button', { name: 'Close' }).waitFor();
  expect(await page.getByText('Conversation closed.').count()).toBe(0);
  expect(await page.getByLabel('Your reply').isEnabled()).toBe(true);
  const order = await page.locator('ol.chat-thread > li').allInnerTexts();
  const reopenedAt = order.findIndex((t) => t.startsWith('Reopened: the customer wrote again'));
  expect(order[reopenedAt + 1]).toContain('Hello? Still waiting');
  expect(order.findIndex((t) => t.startsWith('Closed by Olivia Owner'))).toBeLessThan(reopenedAt);

  await actions.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('status').filter({ hasText: 'Conversation closed.' }).waitFor();
  await actions.getByRole('button', { name: 'Archive' }).click();
  await timelineLine(page, 'Archived by Olivia Owner').waitFor();
  await screenshot(page, 'chat-timeline');
  await page.close();
});

test('the timeline names the AI’s hand-off with its reason, and an automatic close', async () => {
  const from = newCustomer();
  await signalInbound(stack, from, 'I want to talk to a human please', { timings: { autoCloseAfterSeconds: 4 } });
  const conversation = await conversationOf(stack, from);
  const page = await openChat('agent@demo.test', conversation._id);
  await timelineLine(page, 'The AI handed the conversation to a person: Asked for a person').waitFor({
    timeout: 15_000,
  });
  await timelineLine(page, 'Closed automatically: No activity for 4 seconds').waitFor({ timeout: 20_000 });
  await page.close();
});

test('ops: the thread carries the conversation id and the tenant slug as search attributes; owners see "Open in Temporal UI", agents do not', async () => {
  const from = newCustomer();
  const { threadId } = await signalInbound(stack, from, 'Where is my workflow?');
  const conversation = await conversationOf(stack, from);
  const query = `ConversationId = '${conversation._id}' AND TenantSlug = 'demo' AND TaskQueue = '${stack.config.TEMPORAL_TASK_QUEUE}'`;
  const found = await eventually(async () => {
    const ids: string[] = [];
    for await (const wf of stack.temporal.workflow.list({ query })) ids.push(wf.workflowId);
    return ids.length ? ids : null;
  }, 'the thread listed by conversation id and tenant slug');
  expect(found).toEqual([threadId]);
  const described = await stack.temporal.workflow.getHandle(threadId).describe();
  expect(described.typedSearchAttributes.get(searchAttributes.conversationId)).toBe(conversation._id);
  expect(described.typedSearchAttributes.get(searchAttributes.tenantSlug)).toBe('demo');

  const owner = await openChat('owner@demo.test', conversation._id);
  const link = owner.getByRole('link', { name: 'Open in Temporal UI' });
  const href = await link.getAttribute('href');
  const url = new URL(href!);
  expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:8233/namespaces/default/workflows');
  expect(url.searchParams.get('query')).toBe(`WorkflowId="${threadId}"`);
  expect(await link.getAttribute('target')).toBe('_blank');
  await owner.close();

  const agent = await openChat('agent@demo.test', conversation._id);
  await agent.getByRole('heading', { name: 'Customer', exact: true }).waitFor();
  expect(await agent.getByRole('link', { name: 'Open in Temporal UI' }).count()).toBe(0);
  expect(await agent.content()).not.toContain('8233');
  await agent.close();
});
