import type { Browser } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { startSandboxAi } from '../../dev/sandbox/ai';
import { DEMO_NUMBER } from '../../dev/seed';
import type { FakeOpenAI } from '../fakes/openai';
import { FakeTwilio } from '../fakes/twilio-api';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { eventually, startTestStack, type TestStack } from '../helpers/stack';

// The dev sandbox as `npm run dev` runs it without credentials: sandbox Twilio, sandbox AI, offline insights.
let stack: TestStack;
let sandbox: Sandbox;
let ai: FakeOpenAI;
let browser: Browser;

beforeAll(async () => {
  const twilio = await FakeTwilio.start();
  ai = await startSandboxAi();
  stack = await startTestStack('full-loop', {
    env: {
      TWILIO_API_BASE_URL: twilio.url,
      OPENAI_API_KEY: 'sandbox',
      OPENAI_BASE_URL: `${ai.url}/v1`,
      INSIGHTS_ANALYSER: 'offline',
      AI_DEBOUNCE_SECONDS: '1',
    },
  });
  sandbox = await startSandbox({ appUrl: stack.url, db: stack.db, encryptionKey: stack.config.ENCRYPTION_KEY, twilio });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  await ai?.stop();
  await stack?.stop();
});

test('customer writes in the simulator → live in the agent’s chat → sandbox AI answers → asks for a human → escalation → the agent answers → the customer sees it', async () => {
  const agent = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await signIn(agent, stack.url, 'agent@demo.test');
  await agent.goto(`${stack.url}/app/demo/whatsapp`);
  await agent.getByText('No conversations yet').waitFor();

  const phone = await browser.newPage({ viewport: { width: 420, height: 760 } });
  await phone.goto(`${sandbox.simulator.url}/simulator`);
  await phone.getByLabel('Business number').selectOption(DEMO_NUMBER);
  await phone.getByLabel('Your name').fill('Nerea');
  await phone.getByLabel('Your phone').fill('+34 611 222 333');
  await phone.getByRole('textbox', { name: 'Message' }).fill('Hola, ¿tenéis envío a Sevilla?');
  await phone.getByRole('textbox', { name: 'Message' }).press('Enter');

  // Live in the agent's table, then in the chat.
  const row = agent.locator('tr[data-conversation-id]', { hasText: 'Nerea' });
  await row.waitFor({ timeout: 15_000 });
  await row.getByRole('link', { name: /View chat/ }).click();
  await agent.getByRole('heading', { name: 'Nerea' }).waitFor();
  const aiBubble = agent.locator('li.bubble-ai', { hasText: '[sandbox AI] Thanks for your message' });
  await aiBubble.waitFor({ timeout: 20_000 });
  // The customer gets the sandbox AI's reply, marked as such, with ticks.
  await phone.locator('.bubble.out', { hasText: '[sandbox AI]' }).waitFor({ timeout: 15_000 });
  await screenshot(phone, 'loop-phone-ai-reply');

  await phone.getByRole('textbox', { name: 'Message' }).fill('Quiero hablar con una persona, por favor');
  await phone.getByRole('textbox', { name: 'Message' }).press('Enter');
  await agent.locator('li.bubble-ai', { hasText: 'passing you to a person' }).waitFor({ timeout: 20_000 });
  await agent.getByRole('switch', { name: /AI Disabled/ }).waitFor({ timeout: 15_000 });
  const bell = agent.getByRole('link', { name: /^Notifications/ }).first();
  await eventually(async () => /unread/.test((await bell.getAttribute('aria-label')) ?? ''), 'the bell to count');
  await screenshot(agent, 'loop-agent-handoff');

  await bell.click();
  const escalation = agent
    .getByRole('list', { name: 'Notifications' })
    .getByRole('listitem', { name: /^Unread: Escalation: Nerea on .+ needs a person: the AI handed over/ });
  await escalation.waitFor({ timeout: 15_000 });
  await screenshot(agent, 'loop-agent-escalation');
  await escalation.getByRole('link').click();
  await agent.getByRole('heading', { name: 'Nerea' }).waitFor();

  await agent.getByLabel('Your reply').fill('Hola Nerea, soy Ada. Sí, enviamos a Sevilla en 48 h.');
  await agent.getByLabel('Your reply').press('Enter');
  await agent.locator('li.bubble-human', { hasText: 'soy Ada' }).waitFor({ timeout: 15_000 });
  const humanOnPhone = phone.locator('.bubble.out', { hasText: 'Hola Nerea, soy Ada.' });
  await humanOnPhone.waitFor({ timeout: 15_000 });
  await phone.locator('.bubble.out', { hasText: 'soy Ada' }).locator('.ticks.delivered').waitFor({ timeout: 15_000 });
  // No PUBLIC_BASE_URL, as in `npm run dev`: the status callbacks still reach the app, and the ticks move there too.
  const mine = agent.locator('li.bubble-human', { hasText: 'soy Ada' });
  await mine.getByRole('img', { name: 'Delivered' }).waitFor({ timeout: 15_000 });
  await phone
    .locator('.bubble.out', { hasText: 'soy Ada' })
    .getByRole('button', { name: /read receipt/i })
    .click();
  await mine.getByRole('img', { name: 'Read' }).waitFor({ timeout: 15_000 });
  await screenshot(phone, 'loop-phone-human-reply');
  await screenshot(agent, 'loop-agent-chat');
  expect(ai.requests.length).toBeGreaterThanOrEqual(2);
});
