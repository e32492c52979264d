import { encryptSecret, parseEncryptionKey } from '../../core/crypto';
import { UNROUTED_LIMIT_PER_TENANT } from '../../core/services/inbound/record-unrouted-message';
import { DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { FakeMetaGraph } from '../fakes/meta-graph';
import { metaChange, metaPayload, postMetaWebhook, wamid } from '../fakes/meta-webhook';
import { FakeTwilio } from '../fakes/twilio-api';
import { inboundParams, postTwilioWebhook } from '../fakes/twilio-webhook';
import { ApiClient } from '../helpers/api-client';
import { conversationOf, messageCount, newCustomer } from '../helpers/conversations';
import { startTestStack, type TestStack } from '../helpers/stack';

const UNCONNECTED = 'whatsapp:+15550006666';
const META_ID = '106540352247777';
const META_TOKEN = 'EAAG-unrouted';
const APP_SECRET = 'unrouted-app-secret';

let stack: TestStack;
let twilio: FakeTwilio;
let graph: FakeMetaGraph;
let owner: ApiClient;
let admin: ApiClient;
let agent: ApiClient;

beforeAll(async () => {
  twilio = await FakeTwilio.start([
    { sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN, incomingNumbers: ['+15550006666'] },
  ]);
  graph = await FakeMetaGraph.start();
  graph.tokens.set(META_ID, META_TOKEN);
  stack = await startTestStack('unrouted', {
    env: { TWILIO_API_BASE_URL: twilio.url, META_GRAPH_BASE_URL: graph.url },
  });
  const demo = (await stack.db.Tenant.findOne({ slug: 'demo' }).lean())!;
  await stack.db.MetaIntegration.create({
    tenantId: demo._id,
    appSecretEncrypted: encryptSecret(APP_SECRET, parseEncryptionKey(stack.config.ENCRYPTION_KEY)),
    verifyToken: 'verify',
  });
  [owner, admin, agent] = await Promise.all(
    ['owner@demo.test', 'admin@demo.test', 'agent@demo.test'].map((email) => ApiClient.signIn(stack.url, email)),
  );
});
afterAll(async () => {
  await stack?.stop();
  await twilio?.stop();
  await graph?.stop();
});

function twilioTo(to: string, from: string, body: string) {
  const params = inboundParams({ accountSid: DEMO_TWILIO_ACCOUNT_SID, from, to, body });
  return { params, post: () => postTwilioWebhook(`${stack.url}/webhooks/twilio/demo`, DEMO_TWILIO_AUTH_TOKEN, params) };
}

test('a signed Twilio message to a number not connected is kept (200, once), shown to owners and admins, and they are notified', async () => {
  const from = newCustomer();
  const message = twilioTo(UNCONNECTED, from, 'Hola, ¿seguís abiertos?');
  expect((await message.post()).status).toBe(200);
  expect((await message.post()).status).toBe(200); // Twilio's retry: stored once
  expect(await stack.db.UnroutedMessage.countDocuments({ to: UNCONNECTED })).toBe(1);

  const listed = await owner.get('/api/tenants/demo/unrouted');
  expect(listed.status).toBe(200);
  expect(listed.body.numbers).toEqual([
    expect.objectContaining({
      address: UNCONNECTED,
      provider: 'twilio',
      connectedAs: null,
      messages: [expect.objectContaining({ from, text: 'Hola, ¿seguís abiertos?' })],
    }),
  ]);
  expect((await admin.get('/api/tenants/demo/unrouted')).status).toBe(200);
  expect((await agent.get('/api/tenants/demo/unrouted')).status).toBe(403);

  const ownersBell = (await owner.get('/api/tenants/demo/notifications')).body.items;
  expect(ownersBell).toEqual([
    expect.objectContaining({
      kind: 'unrouted_message',
      title: `A customer wrote to ${UNCONNECTED}, which is not connected`,
    }),
  ]);
  expect((await agent.get('/api/tenants/demo/notifications')).body.items).toEqual([]);
});

test('Connect this number connects it and hands its kept messages to the conversation, oldest first', async () => {
  const from = newCustomer();
  for (const text of ['first', 'second']) expect((await twilioTo(UNCONNECTED, from, text).post()).status).toBe(200);

  const connected = await owner.post('/api/tenants/demo/unrouted/connect', {
    provider: 'twilio',
    address: UNCONNECTED,
    displayName: 'Found line',
  });
  expect(connected.status).toBe(201);
  expect(connected.body).toMatchObject({ number: { address: UNCONNECTED, displayName: 'Found line' }, pending: null });
  expect(connected.body.delivered).toBeGreaterThanOrEqual(2);

  const conversation = await conversationOf(stack, from);
  const rows = await messageCount(stack, String(conversation._id), 2);
  expect(rows.map((m) => m.text)).toEqual(['first', 'second']);
  expect(await stack.db.UnroutedMessage.countDocuments({ to: UNCONNECTED })).toBe(0);
  expect((await owner.get('/api/tenants/demo/unrouted')).body.numbers).toEqual([]);

  // Now connected: the next message goes straight to its thread.
  expect((await twilioTo(UNCONNECTED, from, 'third').post()).status).toBe(200);
  await messageCount(stack, String(conversation._id), 3);
});

test('a Meta message for a Phone Number ID not connected is kept; connecting with its token delivers it', async () => {
  const from = '34611000777';
  const id = wamid();
  const res = await postMetaWebhook(
    `${stack.url}/webhooks/meta/demo`,
    APP_SECRET,
    metaPayload(metaChange(META_ID, { messages: [{ from, text: 'Meta hola', id, name: 'Ana' }] })),
  );
  expect(res.status).toBe(200);
  expect(await stack.db.UnroutedMessage.exists({ _id: `meta:${id}`, to: `meta:${META_ID}` })).not.toBeNull();

  const refused = await owner.post('/api/tenants/demo/unrouted/connect', {
    provider: 'meta',
    phoneNumberId: META_ID,
    accessToken: 'EAAG-wrong',
    displayName: 'Meta found',
  });
  expect(refused.status).toBe(400);
  expect(await stack.db.UnroutedMessage.countDocuments({ to: `meta:${META_ID}` })).toBe(1);

  const connected = await owner.post('/api/tenants/demo/unrouted/connect', {
    provider: 'meta',
    phoneNumberId: META_ID,
    accessToken: META_TOKEN,
    displayName: 'Meta found',
  });
  expect(connected.status).toBe(201);
  expect(connected.body.delivered).toBe(1);
  const conversation = await conversationOf(stack, `whatsapp:+${from}`);
  expect((await messageCount(stack, String(conversation._id), 1))[0].text).toBe('Meta hola');
});

test('deliver refuses a number that is not connected; bad input is a 400', async () => {
  const notConnected = await owner.post('/api/tenants/demo/unrouted/deliver', { address: 'whatsapp:+15550000001' });
  expect(notConnected.status).toBe(400);
  expect(notConnected.body.error).toBe('whatsapp:+15550000001 is not connected: connect it first');
  expect((await owner.post('/api/tenants/demo/unrouted/deliver', {})).status).toBe(400);
});

test(`unrouted messages are bounded: a tenant keeps the newest ${UNROUTED_LIMIT_PER_TENANT}`, async () => {
  const demo = (await stack.db.Tenant.findOne({ slug: 'demo' }).lean())!;
  const old = new Date(Date.now() - 86_400_000);
  await stack.db.UnroutedMessage.insertMany(
    Array.from({ length: UNROUTED_LIMIT_PER_TENANT }, (_, i) => ({
      _id: `twilio:SMold${i}`,
      tenantId: demo._id,
      provider: 'twilio',
      to: 'whatsapp:+15550007777',
      message: {
        provider: 'twilio',
        providerMessageId: `SMold${i}`,
        from: 'whatsapp:+34600000000',
        text: 'old',
        media: [],
        receivedAt: old.toISOString(),
      },
      createdAt: old,
      updatedAt: old,
    })),
    { timestamps: false } as never,
  );
  expect((await twilioTo('whatsapp:+15550007777', newCustomer(), 'newest').post()).status).toBe(200);
  expect(await stack.db.UnroutedMessage.countDocuments({ tenantId: demo._id })).toBe(UNROUTED_LIMIT_PER_TENANT);
  expect(await stack.db.UnroutedMessage.exists({ 'message.text': 'newest' })).not.toBeNull();
});
