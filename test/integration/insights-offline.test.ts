import { api, conversationOf, messageCount, newCustomer, signalInbound } from '../helpers/conversations';
import { recordHistories } from '../helpers/histories';
import { login, startTestStack, type TestStack } from '../helpers/stack';

// No OPENAI_API_KEY here: insights come from the offline analyser.
let stack: TestStack;
let agent: string;

beforeAll(async () => {
  stack = await startTestStack('insights');
  agent = await login(stack.url, 'agent@demo.test');
});
afterAll(async () => {
  if (stack) await recordHistories(stack.temporal, stack.config.TEMPORAL_TASK_QUEUE, 'insights-offline');
  await stack?.stop();
});

async function insightsFor(texts: string[]) {
  const from = newCustomer();
  for (const text of texts) await signalInbound(stack, from, text);
  const { _id: id } = await conversationOf(stack, from);
  await messageCount(stack, id, texts.length);
  const res = await api(stack, agent, 'POST', `/api/tenants/demo/conversations/${id}/insights`);
  return { id, res };
}

test('without OpenAI, a Spanish complaint is negative, labelled offline, and stored on the conversation', async () => {
  const { id, res } = await insightsFor(['El pedido llegó roto', 'Es un servicio horrible, estoy muy enfadado']);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ sentiment: 'negative', source: 'offline' });
  expect(res.body.summary).toMatch(/2 customer message\(s\).*estoy muy enfadado/);
  const stored = await stack.db.Conversation.findById(id).lean();
  expect(stored?.insights).toMatchObject({ sentiment: 'negative', source: 'offline' });
  const page = await api(stack, agent, 'GET', `/api/tenants/demo/conversations/${id}`);
  expect((page.body.conversation as { insights: { source: string } }).insights.source).toBe('offline');
});

test('without OpenAI, English praise is positive', async () => {
  const { res } = await insightsFor(['Thanks a lot, the shoes are great and I love them']);
  expect(res.body).toMatchObject({ sentiment: 'positive', source: 'offline' });
  expect(res.body.score as number).toBeGreaterThan(0);
});
