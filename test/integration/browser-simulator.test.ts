import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import twilio from 'twilio';
import { createTwilioClient } from '../../core/providers/twilio/client';
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { startSimulator } from '../../dev/sandbox/simulator';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { eventually, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let sandbox: Sandbox;
let browser: Browser;
/** Stands in for the app's status-callback route: records what the sandbox posts, checking Twilio's signature. */
let callbacks: Array<{ params: Record<string, string>; validSignature: boolean }>;
let callbackServer: http.Server;
let callbackUrl: string;

beforeAll(async () => {
  stack = await startTestStack('simulator');
  sandbox = await startSandbox({ appUrl: stack.url, db: stack.db, encryptionKey: stack.config.ENCRYPTION_KEY });
  browser = await launchBrowser();
  callbacks = [];
  callbackServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const validSignature = twilio.validateRequest(
        DEMO_TWILIO_AUTH_TOKEN,
        String(req.headers['x-twilio-signature']),
        callbackUrl,
        params,
      );
      callbacks.push({ params, validSignature });
      res.end();
    });
  });
  await new Promise<void>((r) => callbackServer.listen(0, '127.0.0.1', r));
  callbackUrl = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/status`;
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  callbackServer?.closeAllConnections();
  await new Promise((r) => callbackServer?.close(r));
  await stack?.stop();
});

test('the customer writes from the simulator; the agent sees it live; replies show delivery ticks and read receipts', async () => {
  const agent = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(agent, stack.url, 'agent@demo.test');
  await agent.goto(`${stack.url}/app/demo/whatsapp`);

  const phone = await browser.newPage({ viewport: { width: 420, height: 760 } });
  await phone.goto(`${sandbox.simulator.url}/simulator`);
  await phone.getByLabel('Business number').selectOption(DEMO_NUMBER);
  await phone.getByLabel('Your name').fill('Nerea');
  await phone.getByLabel('Your phone').fill('+34 611 222 333');
  await phone.getByLabel('Message').fill('¿Abrís el domingo?');
  await phone.getByLabel('Message').press('Enter');

  // The signed webhook was accepted by the app: the bubble shows no delivery error.
  const mine = phone.locator('.bubble.in', { hasText: '¿Abrís el domingo?' });
  await mine.waitFor({ timeout: 10_000 });
  expect(await mine.locator('.error').count()).toBe(0);
  await agent.locator('tr[data-conversation-id]', { hasText: 'Nerea' }).waitFor({ timeout: 15_000 });
  expect(await agent.locator('tr[data-conversation-id]', { hasText: 'Nerea' }).textContent()).toContain(
    '¿Abrís el domingo?',
  );

  // The business answers through the real twilio SDK, pointed at the sandbox.
  const client = createTwilioClient(DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN, sandbox.twilio.url);
  const reply = await client.messages.create({
    from: DEMO_NUMBER,
    to: 'whatsapp:+34611222333',
    body: 'Sí, de 10 a 14 h.',
    statusCallback: callbackUrl,
  });
  const bubble = phone.locator(`.bubble.out[data-message-id="${reply.sid}"]`);
  await bubble.waitFor({ timeout: 10_000 });
  await phone.locator(`.bubble.out[data-message-id="${reply.sid}"] .ticks.delivered`).waitFor({ timeout: 10_000 });
  await screenshot(phone, 'simulator-reply-delivered');

  await bubble.getByRole('button', { name: /read receipt/i }).click();
  await phone.locator(`.bubble.out[data-message-id="${reply.sid}"] .ticks.read`).waitFor({ timeout: 10_000 });
  await eventually(async () => callbacks.some((c) => c.params.MessageStatus === 'read'), 'the read status callback');
  expect(callbacks.map((c) => c.params.MessageStatus)).toEqual(['sent', 'delivered', 'read']);
  expect(callbacks.every((c) => c.validSignature && c.params.MessageSid === reply.sid)).toBe(true);
  await screenshot(phone, 'simulator-reply-read');
  await screenshot(agent, 'simulator-agent-table');
});

test('the simulator refuses what Twilio would not deliver, with a reason', async () => {
  const res = await fetch(`${sandbox.simulator.url}/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ number: DEMO_NUMBER, customer: '12345', text: 'hi' }),
  });
  expect(res.status).toBe(400);
  expect((await res.json()).error).toMatch(/is not a WhatsApp number/);

  const unknown = await fetch(`${sandbox.simulator.url}/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ number: 'whatsapp:+19999999999', customer: '+34611222333', text: 'hi' }),
  });
  expect(unknown.status).toBe(400);
  expect((await unknown.json()).error).toMatch(/not a connected sandbox number/);
});

test('a number named with markup shows as text in the simulator; no script runs', async () => {
  const payload = '<img src=x onerror=alert(1)>';
  const demo = await stack.db.Tenant.findOne({ slug: 'demo' }).lean();
  await stack.db.WhatsAppNumber.create({
    tenantId: demo!._id,
    provider: 'twilio',
    address: 'whatsapp:+15550009911',
    displayName: payload,
    active: false,
  });
  const phone = await browser.newPage();
  const dialogs: string[] = [];
  phone.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await phone.goto(`${sandbox.simulator.url}/simulator`);
  const option = phone.locator('#number option[value="whatsapp:+15550009911"]');
  await option.waitFor({ state: 'attached' });
  expect(await option.textContent()).toContain(payload);
  expect(await phone.locator('#number img').count()).toBe(0);
  // The page says what it is: a dev-only tool that sees every tenant's sandbox numbers.
  expect(await phone.locator('#scope').textContent()).toMatch(/Development-only.*every tenant/s);
  await phone.waitForLoadState('networkidle');
  expect(dialogs).toEqual([]);
  await phone.close();
});

test('the simulator refuses to start in production', async () => {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await expect(
      startSimulator({
        appUrl: stack.url,
        db: stack.db,
        encryptionKey: stack.config.ENCRYPTION_KEY,
        twilio: sandbox.twilio,
      }),
    ).rejects.toThrow(/development-only/);
  } finally {
    process.env.NODE_ENV = before;
  }
});
