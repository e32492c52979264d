import { encryptSecret, parseEncryptionKey } from '../../core/crypto';
import { FakeMetaGraph } from '../fakes/meta-graph';
import { metaChange, metaPayload, postMetaWebhook, wamid } from '../fakes/meta-webhook';
import { api, messageCount } from '../helpers/conversations';
import { recordHistories } from '../helpers/histories';
import { eventually, login, startTestStack, type TestStack } from '../helpers/stack';

const APP_SECRET = 'meta-app-secret-for-tests';
const VERIFY_TOKEN = 'verify-me-123';
const PHONE_NUMBER_ID = '109876543210';
const ACCESS_TOKEN = 'EAAG-test-access-token';

let stack: TestStack;
let graph: FakeMetaGraph;
let url: string;
let agent: string;

beforeAll(async () => {
  graph = await FakeMetaGraph.start();
  graph.tokens.set(PHONE_NUMBER_ID, ACCESS_TOKEN);
  stack = await startTestStack('meta', { env: { META_GRAPH_BASE_URL: graph.url } });
  const key = parseEncryptionKey(stack.config.ENCRYPTION_KEY);
  const tenant = (await stack.db.Tenant.findOne({ slug: 'demo' }).lean())!;
  await stack.db.MetaIntegration.create({
    tenantId: tenant._id,
    appSecretEncrypted: encryptSecret(APP_SECRET, key),
    verifyToken: VERIFY_TOKEN,
  });
  await stack.db.WhatsAppNumber.create({
    tenantId: tenant._id,
    provider: 'meta',
    address: 'whatsapp:+15550002222',
    displayName: 'Meta Support',
    active: true,
    meta: { phoneNumberId: PHONE_NUMBER_ID, accessTokenEncrypted: encryptSecret(ACCESS_TOKEN, key) },
  });
  url = `${stack.url}/webhooks/meta/demo`;
  agent = await login(stack.url, 'agent@demo.test');
});
afterAll(async () => {
  if (stack) await recordHistories(stack.temporal, stack.config.TEMPORAL_TASK_QUEUE, 'meta-webhooks');
  await stack?.stop();
  await graph?.stop();
});

let n = 0;
const customer = () => `3461${String(Date.now()).slice(-6)}${String(++n).padStart(2, '0')}`;

test('the verification handshake answers the challenge for the right token only', async () => {
  const ok = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toBe('1158201444');
  const wrong = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
  expect(wrong.status).toBe(403);
});

test('a signed batch (several entries, several messages, non-ASCII text) reaches every thread', async () => {
  const a = customer();
  const b = customer();
  const payload = metaPayload(
    metaChange(PHONE_NUMBER_ID, {
      messages: [
        { from: a, text: '¡Hola! ¿Tenéis envío a Málaga? 🚚', name: 'Núria' },
        { from: a, text: 'Y a Cádiz' },
      ],
    }),
    metaChange(PHONE_NUMBER_ID, { messages: [{ from: b, text: 'Hello from B' }] }),
  );
  const res = await postMetaWebhook(url, APP_SECRET, payload);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ messages: 3 });

  const convA = await eventually(
    () => stack.db.Conversation.findOne({ 'customer.address': `whatsapp:+${a}` }).lean(),
    'conversation A',
  );
  const msgs = await messageCount(stack, convA._id, 2);
  expect(msgs.map((m) => m.text)).toEqual(['¡Hola! ¿Tenéis envío a Málaga? 🚚', 'Y a Cádiz']);
  expect(convA.customer?.profileName).toBe('Núria');
  await eventually(
    () => stack.db.Conversation.findOne({ 'customer.address': `whatsapp:+${b}` }).lean(),
    'conversation B',
  );
});

test('a forged, unsigned or re-serialised signature gets 403 and changes nothing', async () => {
  const from = customer();
  const payload = metaPayload(metaChange(PHONE_NUMBER_ID, { messages: [{ from, text: 'forjado ñ' }] }));
  expect((await postMetaWebhook(url, 'wrong-secret', payload)).status).toBe(403);
  expect((await postMetaWebhook(url, APP_SECRET, payload, { signature: null })).status).toBe(403);
  // Signed over JSON.stringify (UTF-8) but sent as Meta's escaped bytes: not the same bytes.
  const { createHmac } = await import('node:crypto');
  const wrongBytes = `sha256=${createHmac('sha256', APP_SECRET).update(JSON.stringify(payload)).digest('hex')}`;
  expect((await postMetaWebhook(url, APP_SECRET, payload, { signature: wrongBytes })).status).toBe(403);
  await new Promise((r) => setTimeout(r, 300));
  expect(await stack.db.Conversation.countDocuments({ 'customer.address': `whatsapp:+${from}` })).toBe(0);
});

test('a redelivered batch is stored once', async () => {
  const from = customer();
  const id = wamid();
  const payload = metaPayload(metaChange(PHONE_NUMBER_ID, { messages: [{ from, text: 'once', id }] }));
  expect((await postMetaWebhook(url, APP_SECRET, payload)).status).toBe(200);
  expect((await postMetaWebhook(url, APP_SECRET, payload)).status).toBe(200);
  const later = metaPayload(metaChange(PHONE_NUMBER_ID, { messages: [{ from, text: 'later' }] }));
  expect((await postMetaWebhook(url, APP_SECRET, later)).status).toBe(200);
  const conv = await eventually(
    () => stack.db.Conversation.findOne({ 'customer.address': `whatsapp:+${from}` }).lean(),
    'the conversation',
  );
  const msgs = await messageCount(stack, conv._id, 2);
  expect(msgs.map((m) => m.text)).toEqual(['once', 'later']);
});

test('a reply goes out through the Graph API; Meta statuses move it forward only; a failure notifies', async () => {
  const from = customer();
  const payload = metaPayload(metaChange(PHONE_NUMBER_ID, { messages: [{ from, text: 'precio?' }] }));
  await postMetaWebhook(url, APP_SECRET, payload);
  const conv = await eventually(
    () => stack.db.Conversation.findOne({ 'customer.address': `whatsapp:+${from}` }).lean(),
    'the conversation',
  );
  const sent = await api(stack, agent, 'POST', `/api/tenants/demo/conversations/${conv._id}/messages`, {
    text: '25 €',
  });
  expect(sent.status).toBe(201);
  const out = graph.messages.filter((m) => m.to === from);
  expect(out).toEqual([expect.objectContaining({ type: 'text', text: '25 €', accessToken: ACCESS_TOKEN })]);
  expect(sent.body.providerMessageId).toBe(out[0].id);

  const statuses = (status: string, errorCode?: number) =>
    postMetaWebhook(
      url,
      APP_SECRET,
      metaPayload(metaChange(PHONE_NUMBER_ID, { statuses: [{ id: out[0].id, status, errorCode }] })),
    );
  expect((await statuses('read')).status).toBe(200);
  expect((await statuses('delivered')).status).toBe(200);
  expect((await stack.db.Message.findById(sent.body.messageId).lean())!.status).toBe('read');

  const second = await api(stack, agent, 'POST', `/api/tenants/demo/conversations/${conv._id}/messages`, {
    text: 'otra cosa',
  });
  const secondId = graph.messages.filter((m) => m.to === from)[1].id;
  await postMetaWebhook(
    url,
    APP_SECRET,
    metaPayload(metaChange(PHONE_NUMBER_ID, { statuses: [{ id: secondId, status: 'failed', errorCode: 131026 }] })),
  );
  expect(await stack.db.Message.findById(second.body.messageId).lean()).toMatchObject({
    status: 'failed',
    errorCode: '131026',
  });
  expect(await stack.db.Notification.countDocuments({ conversationId: conv._id, kind: 'delivery_failed' })).toBe(1);
});

test('Meta errors map to clear messages: outside the window (131047), bad token (401)', async () => {
  const from = customer();
  await postMetaWebhook(
    url,
    APP_SECRET,
    metaPayload(metaChange(PHONE_NUMBER_ID, { messages: [{ from, text: 'hola' }] })),
  );
  const conv = await eventually(
    () => stack.db.Conversation.findOne({ 'customer.address': `whatsapp:+${from}` }).lean(),
    'the conversation',
  );
  graph.errorsByRecipient.set(from, { httpStatus: 400, code: 131047, message: 'Re-engagement message' });
  const outside = await api(stack, agent, 'POST', `/api/tenants/demo/conversations/${conv._id}/messages`, {
    text: 'x',
  });
  expect(outside).toMatchObject({ status: 409, body: { error: expect.stringMatching(/more than 24 h ago/) } });
  graph.errorsByRecipient.delete(from);

  graph.tokens.set(PHONE_NUMBER_ID, 'rotated');
  const badToken = await api(stack, agent, 'POST', `/api/tenants/demo/conversations/${conv._id}/messages`, {
    text: 'y',
  });
  expect(badToken.status).toBe(422);
  expect(badToken.body.error).toMatch(/rejected this number’s access token/);
  graph.tokens.set(PHONE_NUMBER_ID, ACCESS_TOKEN);
});

test('templates: listed from the Business Account (approved only); without its ID the reason is given; a picked one is sent with its language', async () => {
  const from = customer();
  await postMetaWebhook(
    url,
    APP_SECRET,
    metaPayload(metaChange(PHONE_NUMBER_ID, { messages: [{ from, text: 'hi' }] })),
  );
  const conv = await eventually(
    () => stack.db.Conversation.findOne({ 'customer.address': `whatsapp:+${from}` }).lean(),
    'the conversation',
  );
  const templatesOf = () => api(stack, agent, 'GET', `/api/tenants/demo/conversations/${conv._id}/templates`);

  const withoutAccount = await templatesOf();
  expect(withoutAccount.status).toBe(200);
  expect(withoutAccount.body).toEqual({ templates: [], unavailable: expect.stringMatching(/Business Account ID/) });

  graph.templatesByBusinessAccount.set('WABA-1', [
    { name: 'order_update', language: 'es', status: 'APPROVED', body: 'Hola {{1}}, tu pedido {{2}} ha salido.' },
    { name: 'promo', language: 'en', status: 'REJECTED', body: 'Buy now {{1}}' },
  ]);
  await stack.db.WhatsAppNumber.updateOne(
    { 'meta.phoneNumberId': PHONE_NUMBER_ID },
    { 'meta.businessAccountId': 'WABA-1' },
  );
  const listed = await templatesOf();
  expect(listed.body).toEqual({
    templates: [
      {
        id: 'order_update',
        name: 'order_update',
        language: 'es',
        body: 'Hola {{1}}, tu pedido {{2}} ha salido.',
        variables: ['1', '2'],
      },
    ],
    unavailable: null,
  });

  const sent = await api(stack, agent, 'POST', `/api/tenants/demo/conversations/${conv._id}/messages`, {
    template: { templateId: 'order_update', language: 'es', variables: { '1': 'Núria', '2': 'A-7' } },
  });
  expect(sent.status).toBe(201);
  expect(graph.messages.filter((m) => m.to === from).at(-1)).toMatchObject({
    type: 'template',
    template: { name: 'order_update', language: { code: 'es' } },
  });

  const other = await api(stack, agent, 'GET', `/api/tenants/demo/conversations/${'0'.repeat(24)}/templates`);
  expect(other.status).toBe(404);
});

test('an unknown phone number id is acknowledged (so Meta stops retrying); its message is kept as unrouted', async () => {
  const from = customer();
  const res = await postMetaWebhook(
    url,
    APP_SECRET,
    metaPayload(metaChange('999', { messages: [{ from, text: 'x' }] })),
  );
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ messages: 0, unrouted: 1 });
  expect(await stack.db.UnroutedMessage.countDocuments({ to: 'meta:999' })).toBe(1);
});

test('a signed but malformed body gets 400', async () => {
  const res = await postMetaWebhook(url, APP_SECRET, null, { rawBody: '{"entry": "nope"}' });
  expect(res.status).toBe(400);
});
