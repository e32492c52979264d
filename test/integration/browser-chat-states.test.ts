import type { Browser, Page } from 'playwright-core';
import { DEMO_AI_AGENT } from '../../dev/seed';
import { FakeOpenAI } from '../fakes/openai';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { api, conversationOf, demoIds, messageCount, newCustomer, signalInbound } from '../helpers/conversations';
import { login, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let openai: FakeOpenAI;
let browser: Browser;

beforeAll(async () => {
  openai = await FakeOpenAI.start();
  stack = await startTestStack('chatstates', {
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${openai.url}/v1`, AI_DEBOUNCE_SECONDS: '1' },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await openai?.stop();
});

async function openChat(email: string, conversationId: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, stack.url, email);
  await page.goto(`${stack.url}/app/demo/whatsapp/${conversationId}`);
  return page;
}

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
  await screenshot(page, 'chat-number-removed');
  await page.close();
});
