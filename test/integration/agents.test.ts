import { DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { FakeTwilio } from '../fakes/twilio-api';
import { ApiClient } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let twilio: FakeTwilio;
let owner: ApiClient;
const base = '/api/tenants/demo/ai-agents';

beforeAll(async () => {
  twilio = await FakeTwilio.start([
    { sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN, incomingNumbers: ['+15557770001'] },
  ]);
  stack = await startTestStack('agents', { env: { TWILIO_API_BASE_URL: twilio.url } });
  owner = await ApiClient.signIn(stack.url, 'owner@demo.test');
});
afterAll(async () => {
  await stack?.stop();
  await twilio?.stop();
});

test.each([
  [{}, { name: 'Enter a name', systemPrompt: 'Write the system prompt: how the AI should behave' }],
  [{ name: 'x'.repeat(81), systemPrompt: 'ok' }, { name: 'Keep the name under 80 characters' }],
  [{ name: 'A', systemPrompt: 'ok', model: 'gpt 4o' }, { model: expect.stringMatching(/model name/) }],
  [{ name: 'A', systemPrompt: 'ok', whatsappEnabled: 'yes' }, { whatsappEnabled: 'Must be true or false' }],
])('bad input is 400 with a message per field (%j)', async (body, fields) => {
  const res = await owner.post(base, body);
  expect(res.status).toBe(400);
  expect(res.body.fields).toEqual(fields);
});

test('create, read, edit and delete an AI agent; the model defaults to gpt-4o-mini', async () => {
  const created = await owner.post(base, { name: 'Sales bot', systemPrompt: 'Sell kindly', whatsappEnabled: true });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: 'Sales bot', model: 'gpt-4o-mini', whatsappEnabled: true, numbers: [] });
  const id = created.body.id;
  const edited = await owner.put(`${base}/${id}`, {
    name: 'Sales bot 2',
    systemPrompt: 'Sell',
    model: 'gpt-4.1',
    whatsappEnabled: false,
  });
  expect(edited.body).toMatchObject({ name: 'Sales bot 2', model: 'gpt-4.1', whatsappEnabled: false });
  expect((await owner.get(`${base}/${id}`)).body.name).toBe('Sales bot 2');
  expect((await owner.delete(`${base}/${id}`)).status).toBe(204);
  expect((await owner.get(`${base}/${id}`)).status).toBe(404);
});

test('two AI agents cannot share a name', async () => {
  await owner.post(base, { name: 'Twin', systemPrompt: 'a', whatsappEnabled: true });
  const res = await owner.post(base, { name: 'Twin', systemPrompt: 'b', whatsappEnabled: true });
  expect(res.status).toBe(409);
  expect(res.body.fields).toEqual({ name: 'This name is already used' });
});

test('renaming an AI agent to a name another one has is 409, not 500, and changes nothing', async () => {
  const first = await owner.post(base, { name: 'Rename source', systemPrompt: 'One' });
  const second = await owner.post(base, { name: 'Rename target', systemPrompt: 'Two' });
  const res = await owner.put(`${base}/${second.body.id}`, { name: 'Rename source', systemPrompt: 'Two' });
  expect(res.status).toBe(409);
  expect(res.body.fields).toEqual({ name: 'This name is already used' });
  expect((await owner.get(`${base}/${second.body.id}`)).body.name).toBe('Rename target');
  // Keeping its own name is no conflict.
  expect((await owner.put(`${base}/${first.body.id}`, { name: 'Rename source', systemPrompt: 'Uno' })).status).toBe(
    200,
  );
});

test('an AI agent used by an active number keeps WhatsApp and cannot be deleted; the message names the numbers', async () => {
  const agent = (await owner.post(base, { name: 'Busy', systemPrompt: 'help', whatsappEnabled: true })).body;
  const number = await owner.post('/api/tenants/demo/numbers', {
    provider: 'twilio',
    displayName: 'Support line',
    address: 'whatsapp:+15557770001',
    active: true,
    aiAgentId: agent.id,
  });
  expect(number.status).toBe(201);

  const off = await owner.put(`${base}/${agent.id}`, { name: 'Busy', systemPrompt: 'help', whatsappEnabled: false });
  expect(off.status).toBe(409);
  expect(off.body.error).toMatch(/active numbers use this AI agent \(Support line\)/);
  const del = await owner.delete(`${base}/${agent.id}`);
  expect(del.status).toBe(409);
  expect(del.body.error).toMatch(/"Busy" cannot be deleted: active numbers use it \(Support line\)/);
  expect((await owner.get(`${base}/${agent.id}`)).body).toMatchObject({
    whatsappEnabled: true,
    numbers: [{ displayName: 'Support line', active: true }],
  });

  // Once the number is inactive, both are allowed; the number loses its assignment.
  expect((await owner.put(`/api/tenants/demo/numbers/${number.body.id}/active`, { active: false })).status).toBe(200);
  expect((await owner.delete(`${base}/${agent.id}`)).status).toBe(204);
  expect((await owner.get(`/api/tenants/demo/numbers/${number.body.id}`)).body.aiAgent).toBeNull();
});
