import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { searchAttributes, stateQuery } from '../../workflows/definitions';
import { FakeOpenAI } from '../fakes/openai';
import { FakeTwilio } from '../fakes/twilio-api';
import { api, conversationOf, messageCount, newCustomer, signalInbound, twilioInbound } from '../helpers/conversations';
import { recordHistories } from '../helpers/histories';
import { startWorkerProcess } from '../helpers/processes';
import { eventually, login, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let twilio: FakeTwilio;
let openai: FakeOpenAI;
let agent: string;

beforeAll(async () => {
  twilio = await FakeTwilio.start([{ sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN }]);
  openai = await FakeOpenAI.start();
  stack = await startTestStack('ai', {
    env: {
      TWILIO_API_BASE_URL: twilio.url,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${openai.url}/v1`,
      AI_DEBOUNCE_SECONDS: '1',
    },
  });
  const tenant = (await stack.db.Tenant.findOne({ slug: 'demo' }).lean())!;
  const aiAgent = await stack.db.AiAgent.create({
    tenantId: tenant._id,
    name: 'Sales bot',
    systemPrompt: 'You sell shoes for Demo Company.',
    model: 'gpt-4o-mini',
    channels: { whatsapp: true },
  });
  await stack.db.WhatsAppNumber.updateOne({ tenantId: tenant._id, address: DEMO_NUMBER }, { aiAgentId: aiAgent._id });
  agent = await login(stack.url, 'agent@demo.test');
});
afterAll(async () => {
  if (stack) {
    await recordHistories(stack.temporal, stack.config.TEMPORAL_TASK_QUEUE, 'ai-replies').catch((err) =>
      console.warn('recording histories failed', err),
    );
  }
  await stack?.stop();
  await openai?.stop();
  await twilio?.stop();
});

const sentTo = (to: string) => twilio.messages.filter((m) => m.to === to);

test('an inbound message gets an AI reply from the agent’s prompt and the history, sent through Twilio', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, 'Do you have red shoes?');
  const { _id: id } = await conversationOf(stack, from);
  const [, reply] = await messageCount(stack, id, 2);
  expect(reply).toMatchObject({ author: 'ai', direction: 'outbound', text: 'AI answer to: Do you have red shoes?' });
  await eventually(async () => (await stack.db.Message.findById(reply._id).lean())?.status === 'queued', 'sent');
  expect(sentTo(from).map((m) => m.body)).toEqual(['AI answer to: Do you have red shoes?']);
  const request = openai.requests.find((r) => r.messages.some((m) => m.content === 'Do you have red shoes?'))!;
  expect(request.model).toBe('gpt-4o-mini');
  expect(request.messages[0]).toMatchObject({ role: 'system' });
  expect(request.messages[0].content).toContain('You sell shoes for Demo Company.');
  expect(request.response_format?.type).toBe('json_schema');
});

test('messages arriving within the debounce window get one reply', async () => {
  const from = newCustomer();
  const { threadId } = await signalInbound(stack, from, 'Hi', { timings: { aiDebounceSeconds: 2 } });
  await signalInbound(stack, from, 'I need shoes');
  await signalInbound(stack, from, 'size 42');
  const { _id: id } = await conversationOf(stack, from);
  const messages = await messageCount(stack, id, 4);
  expect(messages.filter((m) => m.author === 'ai').map((m) => m.text)).toEqual([
    'AI answer to: Hi + I need shoes + size 42',
  ]);
  await eventually(async () => sentTo(from).length === 1, 'the reply at Twilio');
  expect((await stack.temporal.workflow.getHandle(threadId).query(stateQuery)).aiReplyDueAt).toBeNull();
});

test('the AI hands off: AI turns off, the customer is told, an escalation is raised; later messages wait for a person', async () => {
  const from = newCustomer();
  const { threadId } = await signalInbound(stack, from, 'I want to talk to a human');
  const { _id: id } = await conversationOf(stack, from);
  const [, reply] = await messageCount(stack, id, 2);
  expect(reply).toMatchObject({ author: 'ai', text: 'A person from our team will follow up shortly.' });
  const escalation = await eventually(
    () => stack.db.Notification.findOne({ conversationId: id, kind: 'escalation' }).lean(),
    'the escalation notification',
  );
  expect(escalation.title).toBe('Test Customer on Sales Support needs a person: the AI handed over');
  expect(escalation.body).toBe('“I want to talk to a human” — Reason: Asked for a person');
  expect((await stack.db.Conversation.findById(id).lean())!.aiEnabled).toBe(false);
  const description = await stack.temporal.workflow.getHandle(threadId).describe();
  expect(description.typedSearchAttributes.get(searchAttributes.aiEnabled)).toBe(false);

  const requestsBefore = openai.requests.length;
  await signalInbound(stack, from, 'hello?');
  await messageCount(stack, id, 3);
  await eventually(
    () => stack.db.Notification.findOne({ conversationId: id, kind: 'new_message' }).lean(),
    'a new_message notification',
  );
  expect(openai.requests.length).toBe(requestsBefore);
  expect(sentTo(from)).toHaveLength(1);
});

test('AI off for a conversation (through the API) = human only', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, 'first');
  const { _id: id } = await conversationOf(stack, from);
  await messageCount(stack, id, 2); // the AI answered the first one
  const off = await api(stack, agent, 'POST', `/api/tenants/demo/conversations/${id}/ai`, { enabled: false });
  expect(off).toMatchObject({ status: 200, body: { aiEnabled: false } });
  await twilioInbound(stack, from, 'second');
  await messageCount(stack, id, 3);
  await eventually(
    () => stack.db.Notification.findOne({ conversationId: id, kind: 'new_message' }).lean(),
    'a new_message notification',
  );
  expect(sentTo(from)).toHaveLength(1);
});

test('insights come from OpenAI structured output and are stored, labelled openai', async () => {
  const from = newCustomer();
  await twilioInbound(stack, from, 'Love the shoes');
  const { _id: id } = await conversationOf(stack, from);
  await messageCount(stack, id, 2);
  const res = await api(stack, agent, 'POST', `/api/tenants/demo/conversations/${id}/insights`);
  expect(res).toMatchObject({ status: 200, body: { sentiment: 'positive', score: 0.8, source: 'openai' } });
  expect(res.body.summary).toContain('Customer: Love the shoes');
  const request = openai.requests.at(-1)!;
  expect(request.response_format?.json_schema?.name).toBe('insights');
  expect((await stack.db.Conversation.findById(id).lean())?.insights).toMatchObject({
    sentiment: 'positive',
    source: 'openai',
    model: 'gpt-4o-mini',
  });
});

test('the worker stops in the middle of an AI reply; the next worker sends the reply once', async () => {
  const from = newCustomer();
  let release!: () => void;
  openai.gate = new Promise<void>((resolve) => (release = resolve));
  const before = openai.requests.length;
  await signalInbound(stack, from, 'are you open on Sunday?');
  await eventually(async () => openai.requests.length > before, 'the model call in flight');
  await stack.stopWorker();
  openai.gate = undefined;
  release();
  await stack.startWorker();
  const { _id: id } = await conversationOf(stack, from);
  const messages = await messageCount(stack, id, 2);
  expect(messages[1]).toMatchObject({ author: 'ai', text: 'AI answer to: are you open on Sunday?' });
  await eventually(async () => sentTo(from).length === 1, 'the reply at Twilio');
  // Nothing else is on its way: the thread is idle with no reply pending.
  const { threadId } = await conversationOf(stack, from);
  const state = await stack.temporal.workflow.getHandle(threadId).query(stateQuery);
  expect(state.aiReplyDueAt).toBeNull();
  expect(sentTo(from)).toHaveLength(1);
});

test('a worker process killed (SIGKILL) in the middle of an AI reply: another worker sends the reply once', async () => {
  await stack.stopWorker();
  const crashing = await startWorkerProcess(stack.config, {
    TWILIO_API_BASE_URL: twilio.url,
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: `${openai.url}/v1`,
    PUBLIC_BASE_URL: stack.url,
  });
  const from = newCustomer();
  let release!: () => void;
  openai.gate = new Promise<void>((resolve) => (release = resolve));
  const before = openai.requests.length;
  try {
    await signalInbound(stack, from, 'do you ship to Bilbao?');
    await eventually(async () => openai.requests.length > before, 'the model call in the worker process');
    await crashing.kill();
  } finally {
    openai.gate = undefined;
    release();
    await crashing.kill();
    await stack.startWorker();
  }
  // The heartbeat stops with the process: Temporal retries the call on the in-process worker.
  const { _id: id } = await conversationOf(stack, from);
  const messages = await messageCount(stack, id, 2);
  expect(messages[1]).toMatchObject({ author: 'ai', text: 'AI answer to: do you ship to Bilbao?' });
  await eventually(async () => sentTo(from).length === 1, 'the reply at Twilio');
  expect(openai.requests.length - before).toBe(2);
  const { threadId } = await conversationOf(stack, from);
  const state = await stack.temporal.workflow.getHandle(threadId).query(stateQuery);
  expect(state.aiReplyDueAt).toBeNull();
  expect(sentTo(from)).toHaveLength(1);
});

test('an inactive number stores the message and notifies people, but never answers with AI', async () => {
  const tenant = (await stack.db.Tenant.findOne({ slug: 'demo' }).lean())!;
  await stack.db.WhatsAppNumber.updateOne({ tenantId: tenant._id, address: DEMO_NUMBER }, { active: false });
  const from = newCustomer();
  await twilioInbound(stack, from, 'anyone?');
  const { _id: id } = await conversationOf(stack, from);
  await eventually(
    () => stack.db.Notification.findOne({ conversationId: id, kind: 'new_message' }).lean(),
    'a new_message notification',
  );
  await messageCount(stack, id, 1);
  expect(sentTo(from)).toHaveLength(0);
});
