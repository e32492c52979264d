import type { Browser } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { startSandboxAi } from '../../dev/sandbox/ai';
import {
  ensureSandboxMetaNumber,
  SANDBOX_META_ACCESS_TOKEN,
  SANDBOX_META_NUMBER,
  SANDBOX_META_PHONE_NUMBER_ID,
} from '../../dev/sandbox/meta';
import { startSimulator } from '../../dev/sandbox/simulator';
import { DEMO_NUMBER, seedDemoMeta, seedDemoTwilio } from '../../dev/seed';
import { decryptSecret, parseEncryptionKey } from '../../core/crypto';
import { FakeMetaGraph } from '../fakes/meta-graph';
import type { FakeOpenAI } from '../fakes/openai';
import { FakeTwilio } from '../fakes/twilio-api';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { eventually, startTestStack, type TestStack } from '../helpers/stack';

// The dev sandbox's Meta number: the simulator posts X-Hub-Signature-256-signed webhooks to
// /webhooks/meta/demo, and the app answers through the real Meta code path into the local Graph API.
let stack: TestStack;
let sandbox: Sandbox;
let meta: FakeMetaGraph;
let ai: FakeOpenAI;
let browser: Browser;

beforeAll(async () => {
  const twilio = await FakeTwilio.start();
  meta = await FakeMetaGraph.start();
  ai = await startSandboxAi();
  stack = await startTestStack('sandbox-meta', {
    env: {
      TWILIO_API_BASE_URL: twilio.url,
      META_GRAPH_BASE_URL: meta.url,
      OPENAI_API_KEY: 'sandbox',
      OPENAI_BASE_URL: `${ai.url}/v1`,
      INSIGHTS_ANALYSER: 'offline',
      AI_DEBOUNCE_SECONDS: '1',
    },
  });
  sandbox = await startSandbox({
    appUrl: stack.url,
    db: stack.db,
    encryptionKey: stack.config.ENCRYPTION_KEY,
    twilio,
    meta,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  await meta?.stop();
  await ai?.stop();
  await stack?.stop();
});

test('the customer writes to the Meta sandbox number; the sandbox AI answers through Meta with ticks; an agent’s reply and a read receipt go through Meta too', async () => {
  const agent = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await signIn(agent, stack.url, 'agent@demo.test');
  await agent.goto(`${stack.url}/app/demo/whatsapp`);

  const phone = await browser.newPage({ viewport: { width: 420, height: 760 } });
  await phone.goto(`${sandbox.simulator.url}/simulator`);
  await phone.getByLabel('Business number').selectOption(SANDBOX_META_NUMBER);
  expect(await phone.getByLabel('Business number').locator('option:checked').textContent()).toContain('Meta');
  await phone.getByLabel('Your name').fill('Iker');
  await phone.getByLabel('Your phone').fill('+34 622 333 444');
  await phone.getByRole('textbox', { name: 'Message' }).fill('Kaixo, ¿tenéis la talla 42?');
  await phone.getByRole('textbox', { name: 'Message' }).press('Enter');

  // The signed Meta webhook was accepted: no delivery error on the customer's bubble.
  const mine = phone.locator('.bubble.in', { hasText: 'talla 42' });
  await mine.waitFor({ timeout: 10_000 });
  expect(await mine.locator('.error').count()).toBe(0);

  const row = agent.locator('tr[data-conversation-id]', { hasText: 'Iker' });
  await row.waitFor({ timeout: 15_000 });
  await row.getByRole('link', { name: /View chat/ }).click();
  await agent.getByRole('heading', { name: 'Iker' }).waitFor();

  // The sandbox AI's reply went out through Meta's Graph API with the number's access token...
  await agent.locator('li.bubble-ai', { hasText: '[sandbox AI]' }).waitFor({ timeout: 20_000 });
  await eventually(async () => meta.messages.length >= 1, 'the AI reply to reach the Graph API');
  expect(meta.messages[0]).toMatchObject({
    phoneNumberId: SANDBOX_META_PHONE_NUMBER_ID,
    accessToken: SANDBOX_META_ACCESS_TOKEN,
    to: '34622333444',
    type: 'text',
  });
  expect(meta.messages[0].text).toMatch(/^\[sandbox AI\]/);
  // ...and reaches the phone with the delivered ticks the sandbox reported by signed status webhooks.
  const aiOnPhone = phone.locator(`.bubble.out[data-message-id="${meta.messages[0].id}"]`);
  await aiOnPhone.locator('.ticks.delivered').waitFor({ timeout: 15_000 });
  await eventually(
    async () =>
      (await stack.db.Message.findOne({ providerMessageId: meta.messages[0].id }).lean())?.status === 'delivered',
    'the app to record the delivered status',
  );

  // The customer reads it: a signed "read" status webhook.
  await aiOnPhone.getByRole('button', { name: /read receipt/i }).click();
  await aiOnPhone.locator('.ticks.read').waitFor({ timeout: 10_000 });
  await eventually(
    async () => (await stack.db.Message.findOne({ providerMessageId: meta.messages[0].id }).lean())?.status === 'read',
    'the app to record the read status',
  );
  await screenshot(phone, 'sandbox-meta-phone-ai-read');

  // A person answers from the chat view: it goes through Meta and the customer sees it.
  await agent.getByLabel('Your reply').fill('Sí, Iker: la 42 está en tienda y online.');
  await agent.getByLabel('Your reply').press('Enter');
  await phone.locator('.bubble.out', { hasText: 'la 42 está en tienda' }).waitFor({ timeout: 15_000 });
  await phone
    .locator('.bubble.out', { hasText: 'la 42 está en tienda' })
    .locator('.ticks.delivered')
    .waitFor({ timeout: 15_000 });
  expect(meta.messages.map((m) => m.text)).toContain('Sí, Iker: la 42 está en tienda y online.');
  await screenshot(phone, 'sandbox-meta-phone-human-reply');
  await screenshot(agent, 'sandbox-meta-agent-chat');
});

test('a photo to the Meta number: the app looks the media id up on the Graph API, downloads it with the number’s token, and the agent sees it; its App Secret never reaches the page; the sandbox number is set up once', async () => {
  const agent = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await signIn(agent, stack.url, 'agent@demo.test');
  const phone = await browser.newPage({ viewport: { width: 420, height: 760 } });
  await phone.goto(`${sandbox.simulator.url}/simulator`);
  await phone.getByLabel('Business number').selectOption(SANDBOX_META_NUMBER);
  await phone.getByLabel('Your name').fill('Ane');
  await phone.getByLabel('Your phone').fill('+34 633 444 555');
  await phone.getByLabel('Photo').check();
  await phone.getByRole('textbox', { name: 'Message' }).fill('Esta es la talla que busco');
  await phone.getByRole('textbox', { name: 'Message' }).press('Enter');
  await phone.locator('.bubble.in', { hasText: 'talla que busco' }).waitFor({ timeout: 10_000 });

  const conversation = await eventually(
    () => stack.db.Conversation.findOne({ 'customer.address': 'whatsapp:+34633444555' }).lean(),
    'the conversation',
  );
  await agent.goto(`${stack.url}/app/demo/whatsapp/${conversation._id}`);
  const image = agent.getByRole('img', { name: 'Image 1 from the customer' });
  await image.waitFor({ timeout: 15_000 });
  await eventually(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the photo');
  expect(await agent.locator('.bubble-customer', { hasText: 'talla que busco' }).count()).toBe(1);
  await screenshot(agent, 'sandbox-meta-agent-photo');

  // The bytes are the customer's file, served inert (no script runs from an SVG on our origin).
  const message = (await stack.db.Message.findOne({ conversationId: conversation._id, direction: 'inbound' }).lean())!;
  const res = await agent.request.get(
    `${stack.url}/api/tenants/demo/conversations/${conversation._id}/messages/${encodeURIComponent(message._id)}/media/0`,
  );
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('image/svg+xml');
  expect(res.headers()['content-security-policy']).toContain('sandbox');
  expect((await res.text()).startsWith('<svg')).toBe(true);
  await agent.close();
  await phone.close();

  // The numbers list offers the Meta number but never its App Secret.
  const listed = await (await fetch(`${sandbox.simulator.url}/api/numbers`)).text();
  expect(listed).toContain(SANDBOX_META_NUMBER);
  expect(listed).not.toContain('sandbox-meta-app-secret');

  // Starting the sandbox again (every npm run dev) keeps one Meta number.
  await ensureSandboxMetaNumber(stack.db, stack.config.ENCRYPTION_KEY);
  expect(await stack.db.WhatsAppNumber.countDocuments({ address: SANDBOX_META_NUMBER })).toBe(1);
});

test('with real Twilio (offerTwilio: false) the simulator offers only the Meta sandbox number and refuses to play a Twilio customer', async () => {
  const metaOnly = await startSimulator({
    appUrl: stack.url,
    db: stack.db,
    encryptionKey: stack.config.ENCRYPTION_KEY,
    twilio: sandbox.twilio,
    meta,
    offerTwilio: false,
  });
  try {
    const { numbers } = (await (await fetch(`${metaOnly.url}/api/numbers`)).json()) as {
      numbers: Array<{ provider: string; address: string }>;
    };
    expect(numbers.map((n) => [n.provider, n.address])).toEqual([['meta', SANDBOX_META_NUMBER]]);
    const res = await fetch(`${metaOnly.url}/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: DEMO_NUMBER, customer: '+34622333444', text: 'hola' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/not a connected sandbox number/);
  } finally {
    await metaOnly.stop();
  }
});

// Last: it turns the demo tenant's providers real.
test('real credentials from .env replace the sandbox’s for the demo tenant, even over an earlier sandbox seed', async () => {
  const encryptionKey = stack.config.ENCRYPTION_KEY;
  const key = parseEncryptionKey(encryptionKey);
  await seedDemoTwilio(stack.db, {
    encryptionKey,
    accountSid: 'AC1234567890abcdef1234567890abcdef',
    authToken: 'real-twilio-token',
  });
  await seedDemoMeta(stack.db, {
    encryptionKey,
    appSecret: 'real-app-secret',
    accessToken: 'real-access-token',
    phoneNumberId: '987654321',
  });
  const demo = await stack.db.Tenant.findOne({ slug: 'demo' }).lean();
  const twilio = await stack.db.TwilioIntegration.findOne({ tenantId: demo!._id }).lean();
  expect(twilio!.accountSid).toBe('AC1234567890abcdef1234567890abcdef');
  expect(decryptSecret(twilio!.authTokenEncrypted, key)).toBe('real-twilio-token');
  const metaApp = await stack.db.MetaIntegration.findOne({ tenantId: demo!._id }).lean();
  expect(decryptSecret(metaApp!.appSecretEncrypted, key)).toBe('real-app-secret');
  const metaNumbers = await stack.db.WhatsAppNumber.find({ tenantId: demo!._id, provider: 'meta' }).lean();
  expect(metaNumbers.map((n) => n.address)).toEqual(['meta:987654321']);
  expect(decryptSecret(metaNumbers[0].meta!.accessTokenEncrypted!, key)).toBe('real-access-token');
});
