/**
 * Locations, contacts, reactions and quoted replies from customers, through the signed
 * webhooks of both providers, the thread workflow and the read model (ADR 0120).
 */
import { encryptSecret, parseEncryptionKey } from '../../core/crypto';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { stateQuery } from '../../workflows/definitions';
import { FakeMetaGraph } from '../fakes/meta-graph';
import { metaChange, metaPayload, postMetaWebhook, wamid, type MetaTextMessage } from '../fakes/meta-webhook';
import { FakeOpenAI } from '../fakes/openai';
import { FakeTwilio } from '../fakes/twilio-api';
import { fakeMessageSid, inboundParams, postTwilioWebhook } from '../fakes/twilio-webhook';
import { api, conversationOf, messageCount, newCustomer, signalInbound } from '../helpers/conversations';
import { eventually, login, startTestStack, type TestStack } from '../helpers/stack';

const APP_SECRET = 'meta-app-secret-rich';
const PHONE_NUMBER_ID = '109876500001';
const ACCESS_TOKEN = 'EAAG-rich-access-token';

let stack: TestStack;
let graph: FakeMetaGraph;
let twilio: FakeTwilio;
let openai: FakeOpenAI;
let agent: string;

beforeAll(async () => {
  graph = await FakeMetaGraph.start();
  graph.tokens.set(PHONE_NUMBER_ID, ACCESS_TOKEN);
  twilio = await FakeTwilio.start([{ sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN }]);
  openai = await FakeOpenAI.start();
  stack = await startTestStack('rich', {
    env: {
      META_GRAPH_BASE_URL: graph.url,
      TWILIO_API_BASE_URL: twilio.url,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${openai.url}/v1`,
      AI_DEBOUNCE_SECONDS: '1',
    },
  });
  const key = parseEncryptionKey(stack.config.ENCRYPTION_KEY);
  const tenant = (await stack.db.Tenant.findOne({ slug: 'demo' }).lean())!;
  await stack.db.MetaIntegration.create({
    tenantId: tenant._id,
    appSecretEncrypted: encryptSecret(APP_SECRET, key),
    verifyToken: 'verify-rich',
  });
  // The Meta number has no AI agent (a person answers); the Twilio demo number answers with AI.
  await stack.db.WhatsAppNumber.create({
    tenantId: tenant._id,
    provider: 'meta',
    address: 'whatsapp:+15550003333',
    displayName: 'Meta Rich',
    active: true,
    meta: { phoneNumberId: PHONE_NUMBER_ID, accessTokenEncrypted: encryptSecret(ACCESS_TOKEN, key) },
  });
  const aiAgent = await stack.db.AiAgent.create({
    tenantId: tenant._id,
    name: 'Rich bot',
    systemPrompt: 'You help customers of Demo Company.',
    model: 'gpt-4o-mini',
    channels: { whatsapp: true },
  });
  await stack.db.WhatsAppNumber.updateOne({ tenantId: tenant._id, address: DEMO_NUMBER }, { aiAgentId: aiAgent._id });
  agent = await login(stack.url, 'agent@demo.test');
});
afterAll(async () => {
  await stack?.stop();
  await Promise.all([graph?.stop(), twilio?.stop(), openai?.stop()]);
});

const digitsOf = (address: string) => address.replace('whatsapp:+', '');

async function meta(from: string, message: Omit<MetaTextMessage, 'from'>) {
  const id = message.id ?? wamid();
  const res = await postMetaWebhook(
    `${stack.url}/webhooks/meta/demo`,
    APP_SECRET,
    metaPayload(metaChange(PHONE_NUMBER_ID, { messages: [{ from: digitsOf(from), ...message, id }] })),
  );
  expect(res.status).toBe(200);
  return id;
}

async function twilioMessage(from: string, body: string, extra: Record<string, string>) {
  const params = inboundParams({ accountSid: DEMO_TWILIO_ACCOUNT_SID, from, to: DEMO_NUMBER, body, extra });
  const res = await postTwilioWebhook(`${stack.url}/webhooks/twilio/demo`, DEMO_TWILIO_AUTH_TOKEN, params);
  return { res, sid: params.MessageSid };
}

const stored = (providerMessageId: string) =>
  eventually(() => stack.db.Message.findOne({ providerMessageId }).lean(), `message ${providerMessageId}`);

interface MessageJson {
  id: string;
  text: string;
  location: unknown;
  contacts: unknown;
  reactions: { by: string; emoji: string }[];
  reaction: { emoji: string; attached: boolean } | null;
  quoted: { id: string | null; text: string; hasMedia: boolean } | null;
}
async function viewOf(conversationId: string) {
  const res = await api(stack, agent, 'GET', `/api/tenants/demo/conversations/${conversationId}`);
  expect(res.status).toBe(200);
  return res.body.messages as MessageJson[];
}

test('Meta: a location and a contact card are stored with their structure and shown as such', async () => {
  const from = newCustomer();
  const locationId = await meta(from, {
    text: '',
    location: { latitude: 40.4168, longitude: -3.7038, name: 'Puerta del Sol', address: 'Madrid' },
  });
  const contactId = await meta(from, {
    text: '',
    contacts: [{ name: 'Ana García', phones: ['+34 600 111 222', '+34 911 000 000'] }],
  });
  expect((await stored(locationId)).location).toEqual({
    latitude: 40.4168,
    longitude: -3.7038,
    name: 'Puerta del Sol',
    address: 'Madrid',
  });
  const { conversationId } = await stored(contactId);
  const view = await viewOf(conversationId);
  expect(view.map((m) => [m.location, m.contacts])).toEqual([
    [{ latitude: 40.4168, longitude: -3.7038, name: 'Puerta del Sol', address: 'Madrid' }, []],
    [null, [{ name: 'Ana García', phones: ['+34 600 111 222', '+34 911 000 000'] }]],
  ]);
  // The inbox preview says what it is, not an empty line.
  const conversation = await stack.db.Conversation.findById(conversationId).lean();
  expect(conversation!.lastMessagePreview).toBe('Contact: Ana García (+34 600 111 222, +34 911 000 000)');
});

test('Meta: a reaction attaches to its message, is no reply (no wait, no alert), refreshes the window; removing it clears it', async () => {
  const from = newCustomer();
  const firstId = await meta(from, { text: '¿Tenéis talla 42?' });
  const first = await stored(firstId);
  const thread = stack.temporal.workflow.getHandle((await conversationOf(stack, from)).threadId);
  // A person answers: nobody is waiting any more.
  const sent = await api(stack, agent, 'POST', `/api/tenants/demo/conversations/${first.conversationId}/messages`, {
    text: 'Sí, la tenemos',
  });
  expect(sent.status).toBeLessThan(300);
  expect((await thread.query(stateQuery)).waitingSince).toBeNull();

  const reactionId = await meta(from, { text: '', reaction: { messageId: firstId, emoji: '👍' } });
  const reaction = await stored(reactionId);
  expect(reaction.reaction).toMatchObject({ providerMessageId: firstId, emoji: '👍', attached: true });
  const state = await thread.query(stateQuery);
  expect(state.waitingSince).toBeNull();
  expect(state.lastInboundAt).toBe(reaction.sentAt.toISOString());
  expect(await stack.db.Notification.countDocuments({ conversationId: first.conversationId })).toBe(1);

  let view = await viewOf(first.conversationId);
  expect(view.find((m) => m.id === first._id)!.reactions).toEqual([{ by: 'customer', emoji: '👍' }]);
  expect(view.find((m) => m.id === reaction._id)!.reaction).toEqual({ emoji: '👍', attached: true });

  // Another emoji replaces it (one per person); an empty one removes it.
  await stored(await meta(from, { text: '', reaction: { messageId: firstId, emoji: '❤️' } }));
  view = await viewOf(first.conversationId);
  expect(view.find((m) => m.id === first._id)!.reactions).toEqual([{ by: 'customer', emoji: '❤️' }]);
  await stored(await meta(from, { text: '', reaction: { messageId: firstId, emoji: '' } }));
  view = await viewOf(first.conversationId);
  expect(view.find((m) => m.id === first._id)!.reactions).toEqual([]);
  expect((await thread.query(stateQuery)).waitingSince).toBeNull();
});

test('Meta: a reaction to a message this conversation does not have is kept, as a note', async () => {
  const from = newCustomer();
  const unknown = wamid();
  const reactionId = await meta(from, { text: '', reaction: { messageId: unknown, emoji: '😂' } });
  const reaction = await stored(reactionId);
  expect(reaction.reaction).toMatchObject({ providerMessageId: unknown, emoji: '😂', attached: false });
  const view = await viewOf(reaction.conversationId);
  expect(view).toHaveLength(1);
  expect(view[0].reaction).toEqual({ emoji: '😂', attached: false });
});

test('Meta: a quoted reply keeps the quoted message id; the API shows the quoted text', async () => {
  const from = newCustomer();
  const firstId = await meta(from, { text: 'Quiero unas zapatillas rojas' });
  const first = await stored(firstId);
  const replyId = await meta(from, { text: 'Mejor azules', replyTo: firstId });
  expect((await stored(replyId)).quotedProviderMessageId).toBe(firstId);
  const view = await viewOf(first.conversationId);
  expect(view.at(-1)!.quoted).toEqual({ id: first._id, text: 'Quiero unas zapatillas rojas', hasMedia: false });
  // A quote of a message not stored here still says it is a reply.
  const orphanId = await meta(from, { text: 'Y esto', replyTo: wamid() });
  await stored(orphanId);
  expect((await viewOf(first.conversationId)).at(-1)!.quoted).toEqual({ id: null, text: '', hasMedia: false });
});

test('Twilio: a location and a quoted reply are stored; the AI prompt sees the location and the quoted text', async () => {
  const from = newCustomer();
  const first = await twilioMessage(from, 'Where is your shop?', {});
  expect(first.res.status).toBe(200);
  const { conversationId } = await stored(first.sid);
  await messageCount(stack, conversationId, 2); // the AI answered
  const location = await twilioMessage(from, '', {
    Latitude: '41.3874',
    Longitude: '2.1686',
    Label: 'Plaça de Catalunya',
    Address: 'Barcelona',
    MessageType: 'location',
  });
  expect(location.res.status).toBe(200);
  expect((await stored(location.sid)).location).toEqual({
    latitude: 41.3874,
    longitude: 2.1686,
    name: 'Plaça de Catalunya',
    address: 'Barcelona',
  });
  await messageCount(stack, conversationId, 4);
  const reply = await twilioMessage(from, 'Is it open on Sundays?', { OriginalRepliedMessageSid: first.sid });
  expect((await stored(reply.sid)).quotedProviderMessageId).toBe(first.sid);
  await messageCount(stack, conversationId, 6);

  const prompt = openai.requests.find((r) => r.messages.some((m) => m.content.includes('Is it open on Sundays?')))!;
  const contents = prompt.messages.map((m) => m.content);
  expect(contents).toContain(
    'Location: Plaça de Catalunya, Barcelona (41.3874, 2.1686) https://www.openstreetmap.org/?mlat=41.3874&mlon=2.1686#map=16/41.3874/2.1686',
  );
  expect(contents).toContain('(replying to: "Where is your shop?")\nIs it open on Sundays?');
  const view = await viewOf(conversationId);
  expect(view.at(-2)!.quoted).toMatchObject({ text: 'Where is your shop?' });
});

test('Twilio: a location out of range is refused with 400 and a message', async () => {
  const { res } = await twilioMessage(newCustomer(), '', { Latitude: '123', Longitude: '2' });
  expect(res.status).toBe(400);
  expect(await res.text()).toMatch(/Latitude/);
});

test('a reaction on a number that answers with AI gets no AI reply', async () => {
  const from = newCustomer();
  const { threadId, providerMessageId } = await signalInbound(stack, from, 'Hello there');
  const { conversationId } = await stored(providerMessageId);
  await messageCount(stack, conversationId, 2); // the AI answered the text
  const asked = openai.requests.length;
  const reactionId = fakeMessageSid();
  await signalInbound(stack, from, '', {
    providerMessageId: reactionId,
    extra: { reaction: { providerMessageId, emoji: '🙏' } },
  });
  expect((await stored(reactionId)).reaction).toMatchObject({ attached: true });
  const state = await stack.temporal.workflow.getHandle(threadId).query(stateQuery);
  expect(state.aiReplyDueAt).toBeNull();
  expect(openai.requests.length).toBe(asked);
});
