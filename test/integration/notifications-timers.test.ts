import { DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { searchAttributes, stateQuery } from '../../workflows/definitions';
import { FakeTwilio } from '../fakes/twilio-api';
import { api, conversationOf, messageCount, newCustomer, signalInbound } from '../helpers/conversations';
import { recordHistories } from '../helpers/histories';
import { eventually, login, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let twilio: FakeTwilio;
let agent: string;
let admin: string;

beforeAll(async () => {
  twilio = await FakeTwilio.start([{ sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN }]);
  stack = await startTestStack('timers', { env: { TWILIO_API_BASE_URL: twilio.url } });
  agent = await login(stack.url, 'agent@demo.test');
  admin = await login(stack.url, 'admin@demo.test');
});
afterAll(async () => {
  if (stack) {
    await recordHistories(stack.temporal, stack.config.TEMPORAL_TASK_QUEUE, 'notifications-timers').catch((err) =>
      console.warn('recording histories failed', err),
    );
  }
  await stack?.stop();
  await twilio?.stop();
});

const notificationsPath = '/api/tenants/demo/notifications';

test('new messages in a human-only conversation make one unread notification per conversation, not one per message', async () => {
  const from = newCustomer();
  await signalInbound(stack, from, 'one');
  await signalInbound(stack, from, 'two');
  await signalInbound(stack, from, 'three');
  const { _id: id } = await conversationOf(stack, from);
  await messageCount(stack, id, 3);
  const coalesced = await eventually(async () => {
    const rows = await stack.db.Notification.find({ conversationId: id, kind: 'new_message' }).lean();
    return rows.length === 1 && rows[0].count === 3 ? rows : null;
  }, 'one notification standing for three messages');
  // It names the customer and the number, and quotes the latest message.
  expect(coalesced[0].title).toBe('New message from Test Customer on Sales Support');
  expect(coalesced[0].body).toBe('“three”');

  // Once someone has read it, the next message raises a new one.
  const read = await api(
    stack,
    agent,
    'POST',
    `${notificationsPath}/${encodeURIComponent(String(coalesced[0]._id))}/read`,
  );
  expect(read).toMatchObject({ status: 200, body: { updated: 1 } });
  await signalInbound(stack, from, 'four');
  await eventually(
    async () => (await stack.db.Notification.countDocuments({ conversationId: id, kind: 'new_message' })) === 2,
    'a second notification after the first was read',
  );
});

test('a notification quotes a long message bounded to 140 characters, on one line', async () => {
  const from = newCustomer();
  const long = `My order\n${'never arrived and '.repeat(20)}I am upset`;
  await signalInbound(stack, from, long);
  const { _id: id } = await conversationOf(stack, from);
  const notification = await eventually(
    () => stack.db.Notification.findOne({ conversationId: id, kind: 'new_message' }).lean(),
    'the new-message notification',
  );
  expect(notification.title).toBe('New message from Test Customer on Sales Support');
  const body = String(notification.body);
  expect(body.startsWith('“My order never arrived and never')).toBe(true);
  expect(body.endsWith('…”')).toBe(true);
  expect(body.length).toBe(142); // 140 with the ellipsis, plus the quotes
});

test('notifications API: unread first, paginated, read state per person, mark all read', async () => {
  const from = newCustomer();
  await signalInbound(stack, from, 'please answer');
  const { _id: id } = await conversationOf(stack, from);
  await eventually(() => stack.db.Notification.findOne({ conversationId: id }).lean(), 'a notification');

  const list = await api(stack, agent, 'GET', `${notificationsPath}?limit=2`);
  expect(list.status).toBe(200);
  const items = list.body.items as { read: boolean; id: string }[];
  expect(items.length).toBeLessThanOrEqual(2);
  expect(list.body.total as number).toBeGreaterThanOrEqual(3);
  // Unread come first.
  const all = await api(stack, agent, 'GET', `${notificationsPath}?limit=100`);
  const flags = (all.body.items as { read: boolean }[]).map((n) => n.read);
  expect(flags).toEqual([...flags].sort((a, b) => Number(a) - Number(b)));
  expect(flags).toContain(true);

  const page2 = await api(stack, agent, 'GET', `${notificationsPath}?limit=2&page=2`);
  expect((page2.body.items as { id: string }[]).map((n) => n.id)).not.toContain(items[0].id);

  expect((await api(stack, agent, 'POST', `${notificationsPath}/read-all`)).status).toBe(200);
  expect((await api(stack, agent, 'GET', notificationsPath)).body.unread).toBe(0);
  // The admin's own read state is untouched.
  expect((await api(stack, admin, 'GET', notificationsPath)).body.unread as number).toBeGreaterThan(0);

  expect((await api(stack, agent, 'POST', `${notificationsPath}/nope/read`)).status).toBe(404);
  expect((await api(stack, agent, 'GET', `${notificationsPath}?page=0`)).status).toBe(400);
  const acme = await login(stack.url, 'owner@acme.test');
  expect((await api(stack, acme, 'GET', notificationsPath)).status).toBe(404);
  expect((await api(stack, acme, 'GET', '/api/tenants/acme/notifications')).body.total).toBe(0);
});

test('a customer message waiting longer than the escalation delay raises an escalation, once', async () => {
  const from = newCustomer();
  const { threadId } = await signalInbound(stack, from, 'hello?', { timings: { escalationDelaySeconds: 2 } });
  const { _id: id } = await conversationOf(stack, from);
  const escalation = await eventually(
    () => stack.db.Notification.findOne({ conversationId: id, kind: 'escalation' }).lean(),
    'the escalation',
  );
  expect(escalation.title).toBe('Test Customer on Sales Support is waiting for a reply');
  expect(escalation.body).toBe('“hello?” — No reply for more than 2 seconds');
  const state = await stack.temporal.workflow.getHandle(threadId).query(stateQuery);
  expect(state.escalatedFor).toBe(state.waitingSince);
  expect(await stack.db.Notification.countDocuments({ conversationId: id, kind: 'escalation' })).toBe(1);
});

test('a human reply ends the wait: no escalation for that message', async () => {
  const from = newCustomer();
  const { threadId } = await signalInbound(stack, from, 'hi', { timings: { escalationDelaySeconds: 3600 } });
  const { _id: id } = await conversationOf(stack, from);
  expect((await stack.temporal.workflow.getHandle(threadId).query(stateQuery)).waitingSince).not.toBeNull();
  const sent = await api(stack, agent, 'POST', `/api/tenants/demo/conversations/${id}/messages`, { text: 'hello!' });
  expect(sent.status).toBe(201);
  expect((await stack.temporal.workflow.getHandle(threadId).query(stateQuery)).waitingSince).toBeNull();
});

test('an open conversation closes itself after the inactivity period', async () => {
  const from = newCustomer();
  const { threadId } = await signalInbound(stack, from, 'bye', { timings: { autoCloseAfterSeconds: 2 } });
  const { _id: id } = await conversationOf(stack, from);
  await eventually(
    async () => (await stack.db.Conversation.findById(id).lean())?.status === 'closed',
    'the conversation closed',
  );
  const description = await stack.temporal.workflow.getHandle(threadId).describe();
  expect(description.typedSearchAttributes.get(searchAttributes.conversationStatus)).toBe('closed');
  // A closed conversation does not close again: the next message reopens it.
  await signalInbound(stack, from, 'one more thing');
  await eventually(async () => (await stack.db.Conversation.findById(id).lean())?.status === 'open', 'reopened');
});
