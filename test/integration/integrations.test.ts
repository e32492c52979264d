import { decryptSecret, parseEncryptionKey } from '../../core/crypto';
import { FakeTwilio } from '../fakes/twilio-api';
import { ApiClient } from '../helpers/api-client';
import { startApiProcess } from '../helpers/processes';
import { startTestStack, type TestStack } from '../helpers/stack';

const SID = 'AC' + 'b'.repeat(32);
const TOKEN = 'acme-real-token';
let stack: TestStack;
let fake: FakeTwilio;
let owner: ApiClient;
let acmeId: unknown;
const base = '/api/tenants/acme/integrations';

beforeAll(async () => {
  fake = await FakeTwilio.start([{ sid: SID, authToken: TOKEN, incomingNumbers: ['+15550001111'] }]);
  stack = await startTestStack('integrations', { env: { TWILIO_API_BASE_URL: fake.url } });
  owner = await ApiClient.signIn(stack.url, 'owner@acme.test');
  acmeId = (await stack.db.Tenant.findOne({ slug: 'acme' }).lean())!._id;
});
afterAll(async () => {
  await stack?.stop();
  await fake?.stop();
});

test('a tenant without integrations sees both disconnected, with the webhook URLs to paste', async () => {
  const res = await owner.get(base);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    twilio: {
      connected: false,
      accountSid: null,
      status: null,
      checkedAt: null,
      webhookUrl: `${stack.url}/webhooks/twilio/acme`,
    },
    meta: { connected: false, verifyToken: null, webhookUrl: `${stack.url}/webhooks/meta/acme` },
  });
});

test.each([
  [{}, { accountSid: 'Enter the Account SID', authToken: 'Enter the Auth Token' }],
  [{ accountSid: 'AC123', authToken: 'x' }, { accountSid: expect.stringMatching(/starts with AC followed by 32/) }],
  [{ accountSid: SID, authToken: '   ' }, { authToken: 'Enter the Auth Token' }],
])('Twilio credentials are validated before Twilio is asked (%j)', async (body, fields) => {
  const res = await owner.put(`${base}/twilio`, body);
  expect(res.status).toBe(400);
  expect(res.body.fields).toEqual(fields);
});

test('credentials Twilio rejects are a clear error and nothing is saved', async () => {
  const res = await owner.put(`${base}/twilio`, { accountSid: SID, authToken: 'wrong-token' });
  expect(res.status).toBe(400);
  expect(res.body.fields.authToken).toMatch(
    /Twilio did not accept this Account SID and Auth Token \(Twilio error 20003\)/,
  );
  expect(await stack.db.TwilioIntegration.exists({ tenantId: acmeId })).toBeNull();
});

test('Twilio unreachable: 503 saying nothing was saved', async () => {
  const down = await startTestStack('integrations-down', {
    env: { TWILIO_API_BASE_URL: 'http://127.0.0.1:9' },
  });
  try {
    const client = await ApiClient.signIn(down.url, 'owner@acme.test');
    const res = await client.put(`${base}/twilio`, { accountSid: SID, authToken: TOKEN });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatch(/Could not reach Twilio.*nothing was saved/);
  } finally {
    await down.stop();
  }
});

test('working credentials are checked with the real SDK, saved encrypted, and never returned', async () => {
  const res = await owner.put(`${base}/twilio`, { accountSid: SID, authToken: TOKEN });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ connected: true, accountSid: SID, status: 'connected' });
  const saved = await stack.db.TwilioIntegration.findOne({ tenantId: acmeId }).lean();
  expect(saved!.authTokenEncrypted).not.toContain(TOKEN);
  expect(decryptSecret(saved!.authTokenEncrypted, parseEncryptionKey(stack.config.ENCRYPTION_KEY))).toBe(TOKEN);
  expect(JSON.stringify((await owner.get(base)).body)).not.toContain(TOKEN);
});

test('a token rotated at Twilio shows as Invalid on re-check, and Connected again once fixed', async () => {
  fake.accounts.get(SID)!.authToken = 'rotated';
  const invalid = await owner.post(`${base}/twilio/check`);
  expect(invalid.body).toMatchObject({ connected: true, status: 'invalid' });
  fake.accounts.get(SID)!.authToken = TOKEN;
  expect((await owner.post(`${base}/twilio/check`)).body).toMatchObject({ status: 'connected' });
});

test('Twilio cannot be disconnected while numbers use it; afterwards it can', async () => {
  const number = await owner.post('/api/tenants/acme/numbers', {
    provider: 'twilio',
    displayName: 'Acme line',
    address: 'whatsapp:+15550001111',
  });
  expect(number.status).toBe(201);
  const refused = await owner.delete(`${base}/twilio`);
  expect(refused.status).toBe(409);
  expect(refused.body.error).toMatch(/Twilio still serves these numbers: Acme line/);
  expect((await owner.delete(`/api/tenants/acme/numbers/${number.body.id}`)).status).toBe(204);
  expect((await owner.delete(`${base}/twilio`)).status).toBe(204);
  expect((await owner.get(base)).body.twilio.connected).toBe(false);
});

test('Meta: the App Secret is stored encrypted; the Verify Token is generated once and kept', async () => {
  const short = await owner.put(`${base}/meta`, { appSecret: 'short' });
  expect(short.status).toBe(400);
  expect(short.body.fields.appSecret).toMatch(/App Secret/);

  const first = await owner.put(`${base}/meta`, { appSecret: 'first-app-secret' });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ connected: true, webhookUrl: `${stack.url}/webhooks/meta/acme` });
  expect(first.body.verifyToken).toMatch(/^[\w-]{32}$/);
  const second = await owner.put(`${base}/meta`, { appSecret: 'second-app-secret' });
  expect(second.body.verifyToken).toBe(first.body.verifyToken);
  const saved = await stack.db.MetaIntegration.findOne({ tenantId: acmeId }).lean();
  expect(decryptSecret(saved!.appSecretEncrypted, parseEncryptionKey(stack.config.ENCRYPTION_KEY))).toBe(
    'second-app-secret',
  );
  expect(JSON.stringify(second.body)).not.toContain('app-secret');

  expect((await owner.delete(`${base}/meta`)).status).toBe(204);
  expect((await owner.get(base)).body.meta.connected).toBe(false);
});

test('real Twilio without PUBLIC_BASE_URL: the process says at start and the Integrations page warns that delivery statuses cannot be reported', async () => {
  const warning = 'PUBLIC_BASE_URL is not set: Twilio cannot report delivery statuses';
  // The local Twilio of this file's stack reaches the app's own address: nothing to warn about.
  const demoOwner = await ApiClient.signIn(stack.url, 'owner@demo.test');
  const withLocalTwilio = await demoOwner.get('/app/demo/integrations');
  expect(withLocalTwilio.status).toBe(200);
  expect(withLocalTwilio.body).not.toContain(warning);

  const real = await startTestStack('integrations-real-twilio');
  try {
    const page = await (await ApiClient.signIn(real.url, 'owner@demo.test')).get('/app/demo/integrations');
    expect(page.status).toBe(200);
    expect(page.body).toContain(warning);
    // A tenant without a Twilio integration has nothing to be warned about.
    const acme = await (await ApiClient.signIn(real.url, 'owner@acme.test')).get('/app/acme/integrations');
    expect(acme.body).not.toContain(warning);
    const api = await startApiProcess(real.config);
    try {
      expect(api.output()).toContain(`[api] ${warning}`);
    } finally {
      await api.stop();
    }
  } finally {
    await real.stop();
  }
});
