import { decryptSecret, parseEncryptionKey } from '../../core/crypto';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { FakeMetaGraph } from '../fakes/meta-graph';
import { FakeTwilio } from '../fakes/twilio-api';
import { ApiClient } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let fake: FakeTwilio;
let graph: FakeMetaGraph;
let owner: ApiClient;
let agentId: string;
let offAgentId: string;
const base = '/api/tenants/demo/numbers';
const ACME_SID = 'AC00000000000000000000000000000a11';

beforeAll(async () => {
  fake = await FakeTwilio.start([
    {
      sid: DEMO_TWILIO_ACCOUNT_SID,
      authToken: DEMO_TWILIO_AUTH_TOKEN,
      incomingNumbers: ['+14155238886', '+15550002222', '555'],
      whatsappSenders: ['whatsapp:+15550002222', 'whatsapp:+15550003333', 'whatsapp:+15550004444'],
    },
    // Acme's own Twilio account; it (implausibly) lists +15550004444 too, so only Helios can refuse the second tenant.
    { sid: ACME_SID, authToken: 'acme-token', incomingNumbers: ['+15550004444', '+15550005555'] },
  ]);
  graph = await FakeMetaGraph.start();
  graph.tokens.set('106540352242922', 'EAAG-secret-token');
  graph.tokens.set('106540352249999', 'EAAG-other-app');
  stack = await startTestStack('numbers', {
    env: { TWILIO_API_BASE_URL: fake.url, META_GRAPH_BASE_URL: graph.url },
  });
  owner = await ApiClient.signIn(stack.url, 'owner@demo.test');
  agentId = (await owner.post('/api/tenants/demo/ai-agents', { name: 'On', systemPrompt: 'x', whatsappEnabled: true }))
    .body.id;
  offAgentId = (
    await owner.post('/api/tenants/demo/ai-agents', { name: 'Off', systemPrompt: 'x', whatsappEnabled: false })
  ).body.id;
});
afterAll(async () => {
  await stack?.stop();
  await fake?.stop();
  await graph?.stop();
});

test('the dropdown lists incoming numbers and WhatsApp senders from Twilio, merged, marking connected ones', async () => {
  const res = await owner.get(`${base}/twilio-choices`);
  expect(res.body).toEqual({
    twilio: 'connected',
    numbers: [
      { address: DEMO_NUMBER, sources: ['incoming-number'], connectedAs: 'Sales Support' },
      { address: 'whatsapp:+15550002222', sources: ['incoming-number', 'whatsapp-sender'], connectedAs: null },
      { address: 'whatsapp:+15550003333', sources: ['whatsapp-sender'], connectedAs: null },
      { address: 'whatsapp:+15550004444', sources: ['whatsapp-sender'], connectedAs: null },
    ],
  });
});

test('without Twilio connected the dropdown says so (acme)', async () => {
  const acme = await ApiClient.signIn(stack.url, 'owner@acme.test');
  expect((await acme.get('/api/tenants/acme/numbers/twilio-choices')).body).toEqual({ twilio: 'not-connected' });
  const res = await acme.post('/api/tenants/acme/numbers', {
    provider: 'twilio',
    displayName: 'x',
    address: 'whatsapp:+15550009999',
  });
  expect(res.status).toBe(400);
  expect(res.body.fields.address).toBe('Twilio is not connected: connect it in Integrations first');
});

const E164_MESSAGE = /is not a WhatsApp number: use the form whatsapp:\+1234567890/;
test.each([
  [{}, { provider: 'Choose a provider: Twilio or Meta Cloud API', displayName: 'Enter a display name' }],
  [
    { provider: 'twilio', displayName: 'A', active: true },
    {
      aiAgentId: 'Choose an AI agent: an active number needs one to answer',
      address: 'Choose a number from the list, or enter one as whatsapp:+1234567890',
    },
  ],
  [{ provider: 'twilio', displayName: 'A', address: 'whatsapp:12' }, { address: expect.stringMatching(E164_MESSAGE) }],
  [{ provider: 'twilio', displayName: 'A', address: 'call me' }, { address: expect.stringMatching(E164_MESSAGE) }],
  [
    { provider: 'meta', displayName: 'A' },
    { phoneNumberId: 'Enter the Phone Number ID from Meta’s WhatsApp Manager', accessToken: 'Enter the Access Token' },
  ],
  [
    { provider: 'meta', displayName: 'A', phoneNumberId: 'abc', businessAccountId: 'x', accessToken: 't' },
    {
      phoneNumberId: 'The Phone Number ID is digits only',
      businessAccountId: 'The Business Account ID is digits only',
    },
  ],
  [
    { provider: 'twilio', displayName: 'A', address: '+15550002222', active: true, aiAgentId: 'nope' },
    { aiAgentId: 'Choose one of your AI agents' },
  ],
])('bad input is 400 with a message per field (%j)', async (body, fields) => {
  const res = await owner.post(base, body);
  expect(res.status).toBe(400);
  expect(res.body.fields).toEqual(fields);
});

test('only AI agents with WhatsApp enabled can be assigned', async () => {
  const res = await owner.post(base, {
    provider: 'twilio',
    displayName: 'A',
    address: '+15550002222',
    active: true,
    aiAgentId: offAgentId,
  });
  expect(res.status).toBe(400);
  expect(res.body.fields.aiAgentId).toBe('"Off" has WhatsApp turned off: choose an AI agent with WhatsApp enabled');
});

test('a Twilio number is connected, normalised to whatsapp:+E164, and cannot be connected twice', async () => {
  const res = await owner.post(base, {
    provider: 'twilio',
    displayName: 'Returns',
    address: '+1 (555) 000-2222',
    active: true,
    aiAgentId: agentId,
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    provider: 'twilio',
    address: 'whatsapp:+15550002222',
    displayName: 'Returns',
    active: true,
    aiAgent: { id: agentId, name: 'On' },
    webhookUrl: `${stack.url}/webhooks/twilio/demo`,
    meta: null,
  });
  const again = await owner.post(base, { provider: 'twilio', displayName: 'Again', address: 'whatsapp:+15550002222' });
  expect(again.status).toBe(409);
  expect(again.body.fields.address).toBe('whatsapp:+15550002222 is already connected (as "Returns")');
});

test('a Meta number keeps its Access Token encrypted; on edit a blank token means unchanged', async () => {
  const created = await owner.post(base, {
    provider: 'meta',
    displayName: 'Legacy',
    phoneNumberId: '106540352242922',
    businessAccountId: '102290129340398',
    accessToken: 'EAAG-secret-token',
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    provider: 'meta',
    address: 'meta:106540352242922',
    active: false,
    webhookUrl: `${stack.url}/webhooks/meta/demo`,
    meta: { phoneNumberId: '106540352242922', businessAccountId: '102290129340398', accessTokenSet: true },
  });
  expect(JSON.stringify(created.body)).not.toContain('EAAG');
  const key = parseEncryptionKey(stack.config.ENCRYPTION_KEY);
  const tokenOf = async () =>
    decryptSecret((await stack.db.WhatsAppNumber.findById(created.body.id).lean())!.meta!.accessTokenEncrypted!, key);
  expect(await tokenOf()).toBe('EAAG-secret-token');

  const edited = await owner.put(`${base}/${created.body.id}`, {
    provider: 'meta',
    displayName: 'Legacy renamed',
    phoneNumberId: '106540352242922',
    accessToken: '',
  });
  expect(edited.status).toBe(200);
  expect(edited.body.displayName).toBe('Legacy renamed');
  expect(await tokenOf()).toBe('EAAG-secret-token');

  const dup = await owner.post(base, {
    provider: 'meta',
    displayName: 'Dup',
    phoneNumberId: '106540352242922',
    accessToken: 't',
  });
  expect(dup.status).toBe(409);
  expect(dup.body.fields.phoneNumberId).toBe(
    'Phone Number ID 106540352242922 is already connected (as "Legacy renamed")',
  );
});

test('activating a number without an AI agent is refused with a clear message; with one it works', async () => {
  const number = (await owner.post(base, { provider: 'twilio', displayName: 'Spare', address: '+15550003333' })).body;
  const refused = await owner.put(`${base}/${number.id}/active`, { active: true });
  expect(refused.status).toBe(400);
  expect(refused.body.error).toBe('"Spare" has no AI agent. Edit the number and assign one before activating it.');
  expect((await owner.put(`${base}/${number.id}/active`, { active: 'yes' })).status).toBe(400);

  const edited = await owner.put(`${base}/${number.id}`, {
    provider: 'twilio',
    displayName: 'Spare',
    address: '+15550003333',
    aiAgentId: agentId,
  });
  expect(edited.body).toMatchObject({ active: false, aiAgent: { id: agentId } });
  expect((await owner.put(`${base}/${number.id}/active`, { active: true })).body.active).toBe(true);
  expect((await owner.delete(`${base}/${number.id}`)).status).toBe(204);
  expect((await owner.get(`${base}/${number.id}`)).status).toBe(404);
});

test('an unknown API route is a JSON 404, not the UI', async () => {
  const res = await owner.get('/api/tenants/demo/nothing-here');
  expect(res.status).toBe(404);
  expect(res.body.error).toMatch(/No API route GET/);
});

test('a Twilio number that is not in the tenant’s Twilio account is refused with the reason', async () => {
  const res = await owner.post(base, { provider: 'twilio', displayName: 'Not ours', address: '+15550008888' });
  expect(res.status).toBe(400);
  expect(res.body.fields.address).toBe(
    `whatsapp:+15550008888 is not a number or WhatsApp sender of your Twilio account ${DEMO_TWILIO_ACCOUNT_SID}. Buy or register it in Twilio first.`,
  );
  expect(await stack.db.WhatsAppNumber.exists({ address: 'whatsapp:+15550008888' })).toBeNull();
});

test('a Meta Phone Number ID is checked with its Access Token against the Graph API', async () => {
  const otherApps = await owner.post(base, {
    provider: 'meta',
    displayName: 'Not ours',
    phoneNumberId: '106540352249999',
    accessToken: 'EAAG-secret-token',
  });
  expect(otherApps.status).toBe(400);
  expect(otherApps.body.fields.phoneNumberId).toMatch(
    /^Meta does not know Phone Number ID 106540352249999 for this Access Token’s app \(Unsupported get request/,
  );
  const badToken = await owner.post(base, {
    provider: 'meta',
    displayName: 'Bad token',
    phoneNumberId: '106540352249999',
    accessToken: 'EAAG-typo',
  });
  expect(badToken.status).toBe(400);
  expect(badToken.body.fields.accessToken).toBe(
    'Meta did not accept this Access Token (Invalid OAuth access token.). Copy it again from your Meta app.',
  );
  expect(await stack.db.WhatsAppNumber.exists({ address: 'meta:106540352249999' })).toBeNull();
});

test('a number is unique across tenants: another tenant’s number is refused without naming it; racing connects leave one winner', async () => {
  const acme = await ApiClient.signIn(stack.url, 'owner@acme.test');
  expect(
    (await acme.put('/api/tenants/acme/integrations/twilio', { accountSid: ACME_SID, authToken: 'acme-token' })).status,
  ).toBe(200);

  const taken = await acme.post('/api/tenants/acme/numbers', {
    provider: 'twilio',
    displayName: 'Acme',
    address: DEMO_NUMBER,
  });
  expect(taken.status).toBe(409);
  expect(taken.body.fields.address).toBe(
    `${DEMO_NUMBER} is already connected to another Helios workspace. A number can belong to one workspace only: disconnect it there first.`,
  );
  expect(JSON.stringify(taken.body)).not.toContain('Sales Support');

  const body = { provider: 'twilio', displayName: 'Raced', address: 'whatsapp:+15550004444' };
  const results = await Promise.all([
    owner.post(base, body),
    acme.post('/api/tenants/acme/numbers', body),
    owner.post(base, body),
    acme.post('/api/tenants/acme/numbers', body),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  expect(await stack.db.WhatsAppNumber.countDocuments({ address: 'whatsapp:+15550004444' })).toBe(1);
});
