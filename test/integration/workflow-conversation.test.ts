import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { stateQuery } from '../../workflows/definitions';
import { FakeTwilio } from '../fakes/twilio-api';
import { inboundParams, postTwilioWebhook } from '../fakes/twilio-webhook';
import { api, conversationOf, messageCount, newCustomer, signalInbound, twilioInbound } from '../helpers/conversations';
import { recordHistories } from '../helpers/histories';
import { eventually, login, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let twilio: FakeTwilio;
let agent: string;
let owner: string;

beforeAll(async () => {
  twilio = await FakeTwilio.start([{ sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN }]);
  stack = await startTestStack('workflow', { env: { TWILIO_API_BASE_URL: twilio.url } });
  agent = await login(stack.url, 'agent@demo.test');
  owner = await login(stack.url, 'owner@demo.test');
});
afterAll(async () => {
  if (stack) {
    await recordHistories(stack.temporal, stack.config.TEMPORAL_TASK_QUEUE, 'workflow-conversation').catch((err) =>
      console.warn('recording histories failed', err),
    );
  }
  await stack?.stop();
  await twilio?.stop();
});

const base = (id: string) => `/api/tenants/demo/conversations/${id}`;

test('close → archive → reopen through the API; invalid transitions are rejected with a message and change nothing', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, 'Hola');
  const conversation = await conversationOf(stack, from);
  const id = conversation._id;

  const archiveOpen = await api(stack, agent, 'POST', `${base(id)}/archive`);
  expect(archiveOpen.status).toBe(409);
  expect(archiveOpen.body.error).toBe(
    'Cannot archive a conversation that is open: close it first: only a closed conversation can be archived',
  );
  expect((await stack.db.Conversation.findById(id).lean())!.status).toBe('open');

  const reopenOpen = await api(stack, agent, 'POST', `${base(id)}/reopen`);
  expect(reopenOpen.status).toBe(409);

  expect(await api(stack, agent, 'POST', `${base(id)}/close`)).toMatchObject({
    status: 200,
    body: { conversationId: id, status: 'closed' },
  });
  expect((await api(stack, agent, 'POST', `${base(id)}/close`)).status).toBe(409);
  expect((await api(stack, agent, 'POST', `${base(id)}/archive`)).body).toMatchObject({ status: 'archived' });
  expect((await stack.db.Conversation.findById(id).lean())!.status).toBe('archived');
  expect((await api(stack, agent, 'POST', `${base(id)}/reopen`)).body).toMatchObject({ status: 'open' });
  expect((await stack.db.Conversation.findById(id).lean())!.status).toBe('open');

  const state = await stack.temporal.workflow.getHandle(conversation.threadId).query(stateQuery);
  expect(state).toMatchObject({ conversationId: id, status: 'open' });
});

test('inbound on a closed conversation reopens it; inbound after archive starts a new conversation in the same thread', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, 'first');
  const first = await conversationOf(stack, from);
  await api(stack, agent, 'POST', `${base(first._id)}/close`);
  await twilioInbound(stack, from, 'are you there?');
  await messageCount(stack, first._id, 2);
  expect((await stack.db.Conversation.findById(first._id).lean())!.status).toBe('open');

  await api(stack, agent, 'POST', `${base(first._id)}/close`);
  await api(stack, agent, 'POST', `${base(first._id)}/archive`);
  await twilioInbound(stack, from, 'new question');
  const second = await eventually(
    () => stack.db.Conversation.findOne({ 'customer.address': from, _id: { $ne: first._id } }).lean(),
    'a second conversation',
  );
  expect(second.threadId).toBe(first.threadId);
  expect(second.status).toBe('open');
  expect((await stack.db.Conversation.findById(first._id).lean())!.status).toBe('archived');
  // The old conversation no longer takes actions: the thread has moved on.
  const stale = await api(stack, agent, 'POST', `${base(first._id)}/reopen`);
  expect(stale.status).toBe(409);
  expect(stale.body.error).toMatch(/moved on/);
});

test('a human reply goes out through the real twilio SDK once, and delivery statuses only move forward', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, '¿Tienen talla M?');
  const { _id: id } = await conversationOf(stack, from);

  const sent = await api(stack, agent, 'POST', `${base(id)}/messages`, { text: 'Sí, tenemos talla M' });
  expect(sent.status).toBe(201);
  expect(sent.body).toMatchObject({ status: 'queued' });
  const toCustomer = twilio.messages.filter((m) => m.to === from);
  expect(toCustomer).toHaveLength(1);
  expect(toCustomer[0]).toMatchObject({ body: 'Sí, tenemos talla M', from: 'whatsapp:+14155238886' });
  expect(toCustomer[0].statusCallback).toBe(`${stack.url}/webhooks/twilio/demo`);
  const stored = await stack.db.Message.findById(sent.body.messageId).lean();
  expect(stored).toMatchObject({ providerMessageId: toCustomer[0].sid, author: 'human', direction: 'outbound' });

  // Out of order: read arrives before delivered and sent; read stays.
  expect(await twilio.sendStatus(toCustomer[0].sid, 'read')).toBe(200);
  expect(await twilio.sendStatus(toCustomer[0].sid, 'delivered')).toBe(200);
  expect(await twilio.sendStatus(toCustomer[0].sid, 'sent')).toBe(200);
  expect((await stack.db.Message.findById(sent.body.messageId).lean())!.status).toBe('read');

  const page = await api(stack, agent, 'GET', base(id));
  expect(page.status).toBe(200);
  expect((page.body.messages as { text: string; status: string }[]).map((m) => [m.text, m.status])).toEqual([
    ['¿Tienen talla M?', 'received'],
    ['Sí, tenemos talla M', 'read'],
  ]);
});

test('a failed delivery is terminal, keeps its error code and raises a notification', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, 'hello');
  const { _id: id } = await conversationOf(stack, from);
  const sent = await api(stack, agent, 'POST', `${base(id)}/messages`, { text: 'hi!' });
  const sid = twilio.messages.find((m) => m.to === from)!.sid;
  await twilio.sendStatus(sid, 'undelivered', '63024');
  await twilio.sendStatus(sid, 'delivered');
  const message = await stack.db.Message.findById(sent.body.messageId).lean();
  expect(message).toMatchObject({ status: 'undelivered', errorCode: '63024' });
  const notification = await stack.db.Notification.findOne({ conversationId: id, kind: 'delivery_failed' }).lean();
  expect(notification?.title).toMatch(/not delivered/);
});

test('provider errors reach the person as a clear message; the message is marked failed', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, 'hello');
  const { _id: id } = await conversationOf(stack, from);
  twilio.errorsByRecipient.set(from, { status: 400, code: 21211, message: "The 'To' number is not valid." });
  const res = await api(stack, agent, 'POST', `${base(id)}/messages`, { text: 'hi' });
  expect(res.status).toBe(422);
  expect(res.body.error).toMatch(/not a valid WhatsApp number/);
  const failed = await stack.db.Message.findOne({ conversationId: id, direction: 'outbound' }).lean();
  expect(failed).toMatchObject({ status: 'failed' });
  expect(await stack.db.Notification.countDocuments({ conversationId: id, kind: 'delivery_failed' })).toBe(1);

  twilio.errorsByRecipient.set(from, { status: 400, code: 63016, message: 'outside window' });
  const outside = await api(stack, agent, 'POST', `${base(id)}/messages`, { text: 'hi again' });
  expect(outside.body.error).toMatch(/more than 24 h ago; WhatsApp allows only a template/);
  twilio.errorsByRecipient.delete(from);
});

test('outside the 24-hour window a free-form send is refused before Twilio is called; a template goes out', async () => {
  const from = newCustomer();
  const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000).toISOString();
  await signalInbound(stack, from, 'old message', { receivedAt: twoDaysAgo });
  const { _id: id } = await conversationOf(stack, from);
  const res = await api(stack, agent, 'POST', `${base(id)}/messages`, { text: 'sorry for the delay' });
  expect(res.status).toBe(409);
  expect(res.body.error).toMatch(/more than 24 h ago/);
  expect(twilio.messages.filter((m) => m.to === from)).toHaveLength(0);

  const template = await api(stack, agent, 'POST', `${base(id)}/messages`, {
    template: { templateId: 'HX0123456789abcdef0123456789abcdef', variables: { '1': 'Lucía' } },
  });
  expect(template.status).toBe(201);
  const out = twilio.messages.filter((m) => m.to === from);
  expect(out).toHaveLength(1);
  expect(out[0]).toMatchObject({
    contentSid: 'HX0123456789abcdef0123456789abcdef',
    contentVariables: '{"1":"Lucía"}',
  });
});

test('bad input gets 400, strangers 404, and only owners/admins delete', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, 'delete me later');
  const conversation = await conversationOf(stack, from);
  const id = conversation._id;
  expect((await api(stack, agent, 'POST', `${base(id)}/messages`, { text: '' })).status).toBe(400);
  expect((await api(stack, agent, 'POST', `${base(id)}/ai`, { enabled: 'yes' })).status).toBe(400);
  const acme = await login(stack.url, 'owner@acme.test');
  expect((await api(stack, acme, 'GET', base(id))).status).toBe(404);
  expect((await api(stack, acme, 'GET', `/api/tenants/acme/conversations/${id}`)).status).toBe(404);
  expect((await fetch(`${stack.url}${base(id)}`)).status).toBe(401);

  const denied = await api(stack, agent, 'DELETE', base(id));
  expect(denied.status).toBe(403);
  await messageCount(stack, id, 1);

  const deleted = await api(stack, owner, 'DELETE', base(id));
  expect(deleted).toMatchObject({ status: 200, body: { deletedConversationId: id } });
  expect(await stack.db.Message.countDocuments({ conversationId: id })).toBe(0);
  const tombstone = await stack.db.Conversation.findById(id).lean();
  expect(tombstone?.deleted?.at).toBeInstanceOf(Date);
  expect(String(tombstone?.deleted?.byUserId)).toBe(
    String((await stack.db.User.findOne({ email: 'owner@demo.test' }).lean())!._id),
  );
  expect((await api(stack, owner, 'GET', base(id))).status).toBe(404);
  const state = await stack.temporal.workflow.getHandle(conversation.threadId).query(stateQuery);
  expect(state.conversationId).toBeNull();

  // The thread lives on: the customer's next message starts a fresh conversation.
  await twilioInbound(stack, from, 'hello again');
  const next = await eventually(
    () => stack.db.Conversation.findOne({ threadId: conversation.threadId, _id: { $ne: id } }).lean(),
    'a new conversation after delete',
  );
  expect(next.status).toBe('open');
});

test('a customer’s photo is served through the API with the account’s credentials; the storage it redirects to never gets them', async () => {
  const from = newCustomer();
  const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);
  const mediaUrl = twilio.addMedia(DEMO_TWILIO_ACCOUNT_SID, photo, 'image/jpeg');
  const params = {
    ...inboundParams({ accountSid: DEMO_TWILIO_ACCOUNT_SID, from, to: DEMO_NUMBER, body: '' }),
    NumMedia: '1',
    MessageType: 'image',
    MediaUrl0: mediaUrl,
    MediaContentType0: 'image/jpeg',
  };
  expect((await postTwilioWebhook(`${stack.url}/webhooks/twilio/demo`, DEMO_TWILIO_AUTH_TOKEN, params)).status).toBe(
    200,
  );
  const conversation = await conversationOf(stack, from);
  const [message] = await messageCount(stack, conversation._id, 1);
  expect(message.media).toEqual([{ url: mediaUrl, contentType: 'image/jpeg' }]);

  const base = `${stack.url}/api/tenants/demo/conversations/${conversation._id}/messages/${encodeURIComponent(message._id)}/media`;
  const res = await fetch(`${base}/0`, { headers: { cookie: agent } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/jpeg');
  expect(Buffer.from(await res.arrayBuffer())).toEqual(photo);

  expect((await fetch(`${base}/1`, { headers: { cookie: agent } })).status).toBe(404);
  const bad = await fetch(`${base}/first`, { headers: { cookie: agent } });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toBe('The attachment number must be between 0 and 9');
  expect((await fetch(`${base}/0`)).status).toBe(401);

  // Twilio no longer has it (deleted media): a clear 503, not a 500.
  twilio.media.clear();
  const gone = await fetch(`${base}/0`, { headers: { cookie: agent } });
  expect(gone.status).toBe(503);
  expect(((await gone.json()) as { error: string }).error).toBe(
    'Twilio did not hand over this attachment: it answered HTTP 404',
  );
});
