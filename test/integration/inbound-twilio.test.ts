import { Types } from 'mongoose';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import { fakeMessageSid, inboundParams, postTwilioWebhook } from '../fakes/twilio-webhook';
import { eventually, login, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let demoTenantId: string;
let webhookUrl: string;

beforeAll(async () => {
  stack = await startTestStack('inbound');
  demoTenantId = String((await stack.db.Tenant.findOne({ slug: 'demo' }).lean())!._id);
  webhookUrl = `${stack.url}/webhooks/twilio/demo`;
});
afterAll(() => stack?.stop());

let customerSeq = 0;
/** A customer number no other test uses. */
function newCustomer(): string {
  customerSeq += 1;
  return `whatsapp:+3460${String(Date.now()).slice(-5)}${String(customerSeq).padStart(2, '0')}`;
}

function send(from: string, body: string, extra: Partial<Parameters<typeof inboundParams>[0]> = {}) {
  const params = inboundParams({ accountSid: DEMO_TWILIO_ACCOUNT_SID, from, to: DEMO_NUMBER, body, ...extra });
  return { params, response: postTwilioWebhook(webhookUrl, DEMO_TWILIO_AUTH_TOKEN, params) };
}

const messagesFrom = async (from: string) => {
  const conversations = await stack.db.Conversation.find({ 'customer.address': from }).lean();
  return stack.db.Message.find({ conversationId: { $in: conversations.map((c) => c._id) } }).lean();
};

test('a signed inbound message reaches its thread workflow, MongoDB and the inbox page', async () => {
  const from = newCustomer();
  const { params, response } = send(from, 'Hola, ¿tienen envío a Madrid?', { profileName: 'Lucía' });
  const res = await response;
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/xml/);
  expect(await res.text()).toContain('<Response/>');

  const message = await eventually(
    () => stack.db.Message.findOne({ providerMessageId: params.MessageSid }).lean(),
    'the message in MongoDB',
  );
  expect(message.text).toBe('Hola, ¿tienen envío a Madrid?');
  expect(message.author).toBe('customer');
  const conversation = await stack.db.Conversation.findById(message.conversationId).lean();
  expect(conversation).toMatchObject({ status: 'open', customer: { address: from, profileName: 'Lucía' } });
  expect(String(conversation!.tenantId)).toBe(demoTenantId);

  // Ops find the thread in Temporal by its search attributes; no phone number in its ID.
  const query = `TenantId = '${demoTenantId}' AND CustomerKey = '${conversation!.customerKey}' AND ConversationStatus = 'open'`;
  const found = await eventually(async () => {
    const ids: string[] = [];
    for await (const wf of stack.temporal.workflow.list({ query })) ids.push(wf.workflowId);
    return ids.length > 0 ? ids : null;
  }, 'the workflow in Temporal visibility');
  expect(found).toEqual([conversation!.threadId]);
  expect(conversation!.threadId).toMatch(/^whatsapp:[0-9a-f]{24}:[0-9a-f]{24}:[\w-]+$/);
  expect(conversation!.threadId).not.toContain(from.replace(/\D/g, ''));
  const description = await stack.temporal.workflow.getHandle(conversation!.threadId).describe();
  expect(await description.memo).toEqual({ tenant: 'Demo Company', number: 'Sales Support' });

  // The page shows it to the tenant's people, and only to them.
  const cookie = await login(stack.url, 'agent@demo.test');
  const page = await fetch(`${stack.url}/app/demo/whatsapp`, { headers: { cookie } });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Hola, ¿tienen envío a Madrid?');
  expect(html).toContain('Lucía');
  expect(html).not.toContain(from.slice('whatsapp:'.length)); // the number is masked

  const acmeCookie = await login(stack.url, 'owner@acme.test');
  const other = await fetch(`${stack.url}/app/demo/whatsapp`, { headers: { cookie: acmeCookie } });
  expect(other.status).toBe(404);
  const acmePage = await (await fetch(`${stack.url}/app/acme/whatsapp`, { headers: { cookie: acmeCookie } })).text();
  expect(acmePage).not.toContain('Madrid');
  expect(acmePage).toContain('No conversations yet');
});

test('the inbox asks for a login first', async () => {
  const res = await fetch(`${stack.url}/app/demo/whatsapp`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/login?redirectTo=%2Fapp%2Fdemo%2Fwhatsapp');
});

test('a forged or missing signature is refused with 403 and nothing is stored', async () => {
  const from = newCustomer();
  const params = inboundParams({ accountSid: DEMO_TWILIO_ACCOUNT_SID, from, to: DEMO_NUMBER, body: 'forged' });
  const forged = await postTwilioWebhook(webhookUrl, 'not-the-auth-token', params);
  expect(forged.status).toBe(403);
  expect((await forged.json()).error).toMatch(/X-Twilio-Signature/);

  const unsigned = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  expect(unsigned.status).toBe(403);

  // Signed for another URL (a tampered route) is forged too.
  const otherUrl = await postTwilioWebhook(webhookUrl, DEMO_TWILIO_AUTH_TOKEN, params, {
    signedUrl: `${stack.url}/webhooks/twilio/acme`,
  });
  expect(otherUrl.status).toBe(403);

  await new Promise((r) => setTimeout(r, 500));
  expect(await stack.db.Message.countDocuments({ providerMessageId: params.MessageSid })).toBe(0);
  expect(await stack.db.Conversation.countDocuments({ 'customer.address': from })).toBe(0);
});

test('the same MessageSid delivered twice is stored once', async () => {
  const from = newCustomer();
  const sid = fakeMessageSid();
  const first = send(from, 'only once', { messageSid: sid });
  expect((await first.response).status).toBe(200);
  const again = await postTwilioWebhook(webhookUrl, DEMO_TWILIO_AUTH_TOKEN, first.params);
  expect(again.status).toBe(200);
  // The thread handles messages in order: once the next one is stored, the duplicate was seen.
  const next = send(from, 'a later message');
  expect((await next.response).status).toBe(200);
  await eventually(
    () => stack.db.Message.findOne({ providerMessageId: next.params.MessageSid }).lean(),
    'the later message',
  );

  const stored = await messagesFrom(from);
  expect(stored.map((m) => m.text).sort()).toEqual(['a later message', 'only once']);
});

test('two first messages from a new customer at once make one conversation with both messages', async () => {
  const from = newCustomer();
  const a = send(from, 'first of two');
  const b = send(from, 'second of two');
  const [ra, rb] = await Promise.all([a.response, b.response]);
  expect([ra.status, rb.status]).toEqual([200, 200]);

  const stored = await eventually(async () => {
    const msgs = await messagesFrom(from);
    return msgs.length === 2 ? msgs : null;
  }, 'both messages');
  expect(new Set(stored.map((m) => m.conversationId)).size).toBe(1);
  expect(await stack.db.Conversation.countDocuments({ 'customer.address': from })).toBe(1);
});

test('unknown tenant: 404 with a message; a number not connected is kept as unrouted (200)', async () => {
  const params = inboundParams({
    accountSid: DEMO_TWILIO_ACCOUNT_SID,
    from: newCustomer(),
    to: DEMO_NUMBER,
    body: 'x',
  });
  const noTenant = await postTwilioWebhook(`${stack.url}/webhooks/twilio/nobody`, DEMO_TWILIO_AUTH_TOKEN, params);
  expect(noTenant.status).toBe(404);
  expect((await noTenant.json()).error).toMatch(/No tenant "nobody"/);

  const toOther = { ...params, To: 'whatsapp:+15550001111' };
  const noNumber = await postTwilioWebhook(webhookUrl, DEMO_TWILIO_AUTH_TOKEN, toOther);
  expect(noNumber.status).toBe(200);
  expect(
    await stack.db.UnroutedMessage.exists({ _id: `twilio:${params.MessageSid}`, to: 'whatsapp:+15550001111' }),
  ).not.toBeNull();
});

test('a signed but malformed webhook gets 400, not 500', async () => {
  const params = inboundParams({
    accountSid: DEMO_TWILIO_ACCOUNT_SID,
    from: 'not-a-number',
    to: DEMO_NUMBER,
    body: 'x',
  });
  const res = await postTwilioWebhook(webhookUrl, DEMO_TWILIO_AUTH_TOKEN, params);
  expect(res.status).toBe(400);
  expect((await res.json()).error).toMatch(/not a WhatsApp number/);
});

test('the message count per tenant stays scoped', async () => {
  const acme = await stack.db.Tenant.findOne({ slug: 'acme' }).lean();
  expect(await stack.db.Message.countDocuments({ tenantId: new Types.ObjectId(String(acme!._id)) })).toBe(0);
});
