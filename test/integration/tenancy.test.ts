/**
 * The role matrix of docs/permissions.md, generated: every tenant API route ×
 * every kind of caller (owner, admin, agent, a member of another tenant, no
 * session). Then every route that takes an id, called with another tenant's id.
 */
import { Types } from 'mongoose';
import { PERMISSIONS, type Permission } from '../../core/auth/permissions';
import { DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN, seedDemo, seedDemoTwilio } from '../../dev/seed';
import { closeUpdate } from '../../workflows/definitions';
import { FakeMetaGraph } from '../fakes/meta-graph';
import { FakeTwilio } from '../fakes/twilio-api';
import { conversationOf, newCustomer, signalInbound } from '../helpers/conversations';
import { ApiClient } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/stack';

type FixtureKind =
  'aiAgent' | 'cannedResponse' | 'number' | 'conversation' | 'closedConversation' | 'notification' | 'attachment';
type Caller = 'owner' | 'admin' | 'agent' | 'outsider' | 'anonymous';
const CALLERS: Record<Caller, string | null> = {
  owner: 'owner@demo.test',
  admin: 'admin@demo.test',
  agent: 'agent@demo.test',
  outsider: 'owner@acme.test', // owner of another tenant
  anonymous: null,
};

interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  permission: Permission;
  /** What the route answers a caller who may use it (its normal success or its business rule). */
  allowed: number;
  /** Fixture of this tenant the `:id` stands for. */
  id?: FixtureKind;
  body?: () => unknown;
  prepare?: () => Promise<void>;
  /** An endless Server-Sent Events stream: judged by its status and headers, then dropped. */
  stream?: true;
}

let stack: TestStack;
let fake: FakeTwilio;
let graph: FakeMetaGraph;
let demoId: Types.ObjectId;
let acmeId: Types.ObjectId;
const clients = {} as Record<Caller, ApiClient>;
let seq = 0;
const unique = () => `${Date.now()}${++seq}`;

const ensureDemoTwilio = () =>
  seedDemoTwilio(stack.db, {
    encryptionKey: stack.config.ENCRYPTION_KEY,
    accountSid: DEMO_TWILIO_ACCOUNT_SID,
    authToken: DEMO_TWILIO_AUTH_TOKEN,
  });

/**
 * Conversations of the demo tenant are real threads (a customer message through
 * the workflow), so the actions run for real; another tenant's only needs to exist.
 */
async function conversationFixture(tenantId: Types.ObjectId, status: 'open' | 'closed'): Promise<string> {
  if (!tenantId.equals(demoId)) {
    const id = `foreign-${unique()}`;
    await stack.db.Conversation.create({
      _id: id,
      tenantId,
      numberId: new Types.ObjectId(),
      threadId: `thread-${id}`,
      customerKey: id,
      customer: { address: 'whatsapp:+15550001111' },
      lastMessageAt: new Date(),
    });
    return id;
  }
  // Earlier rows may have removed the demo number and its Twilio integration: the seed puts them back.
  await seedDemo(stack.db, { encryptionKey: stack.config.ENCRYPTION_KEY });
  const from = newCustomer();
  await signalInbound(stack, from, 'Hello from the role matrix');
  const conversation = await conversationOf(stack, from);
  if (status === 'closed') {
    await stack.temporal.workflow.getHandle(conversation.threadId).executeUpdate(closeUpdate, {
      args: [{ conversationId: conversation._id, actor: { userId: 'matrix' } }],
    });
  }
  return conversation._id;
}

/** A customer's photo (public URL: the media route redirects to it): `{conversation}/messages/{message}`. */
async function attachmentFixture(tenantId: Types.ObjectId): Promise<string> {
  const conversationId = await conversationFixture(tenantId, 'open');
  const media = [{ url: 'https://media.example.com/photo.jpg', contentType: 'image/jpeg' }];
  const message =
    (await stack.db.Message.findOneAndUpdate({ conversationId }, { media }).lean()) ??
    (await stack.db.Message.create({
      _id: `foreign-${unique()}`,
      tenantId,
      conversationId,
      direction: 'inbound',
      author: 'customer',
      media,
      providerMessageId: `foreign-${unique()}`,
      status: 'received',
      sentAt: new Date(),
    }));
  return `${conversationId}/messages/${encodeURIComponent(String(message._id))}`;
}

async function fixture(kind: FixtureKind, tenantId: Types.ObjectId): Promise<string> {
  if (kind === 'attachment') return attachmentFixture(tenantId);
  if (kind === 'conversation' || kind === 'closedConversation') {
    return conversationFixture(tenantId, kind === 'conversation' ? 'open' : 'closed');
  }
  if (kind === 'notification') {
    const notification = await stack.db.Notification.create({
      _id: `matrix-${unique()}`,
      tenantId,
      kind: 'escalation',
      conversationId: 'matrix',
      title: 'A customer is waiting for a reply',
    });
    return String(notification._id);
  }
  if (kind === 'cannedResponse') {
    const saved = await stack.db.CannedResponse.create({ tenantId, title: `Reply ${unique()}`, text: 'Thanks!' });
    return String(saved._id);
  }
  if (kind === 'aiAgent') {
    const agent = await stack.db.AiAgent.create({
      tenantId,
      name: `Agent ${unique()}`,
      systemPrompt: 'Be helpful',
      model: 'gpt-4o-mini',
      channels: { whatsapp: true },
    });
    return String(agent._id);
  }
  const phoneNumberId = unique();
  const number = await stack.db.WhatsAppNumber.create({
    tenantId,
    provider: 'meta',
    address: `meta:${phoneNumberId}`,
    displayName: `Number ${phoneNumberId}`,
    active: false,
    meta: { phoneNumberId, accessTokenEncrypted: 'v1:x:y:z' },
  });
  return String(number._id);
}

const metaNumberBody = () => ({
  provider: 'meta',
  displayName: 'Meta line',
  phoneNumberId: unique(),
  accessToken: 'EAAG-token',
});
const cannedBody = () => ({ title: `Reply ${unique()}`, text: 'Hi {{customer.name}}' });
const agentBody = () => ({ name: `Agent ${unique()}`, systemPrompt: 'Answer briefly', whatsappEnabled: true });

const ROUTES: RouteCase[] = [
  // Conversations first: a later row removes the demo tenant's Twilio number they need.
  { method: 'GET', path: '/conversations', permission: 'conversation:read', allowed: 200 },
  { method: 'GET', path: '/conversations/:id', permission: 'conversation:read', allowed: 200, id: 'conversation' },
  {
    method: 'POST',
    path: '/conversations/:id/messages',
    permission: 'conversation:handle',
    allowed: 201,
    id: 'conversation',
    body: () => ({ text: 'Hello from the role matrix' }),
  },
  {
    method: 'GET',
    path: '/conversations/:id/media/0',
    permission: 'conversation:read',
    allowed: 302,
    id: 'attachment',
  },
  {
    method: 'GET',
    path: '/conversations/:id/templates',
    permission: 'conversation:handle',
    allowed: 200,
    id: 'conversation',
  },
  {
    method: 'POST',
    path: '/conversations/:id/ai',
    permission: 'conversation:handle',
    allowed: 200,
    id: 'conversation',
    body: () => ({ enabled: false }),
  },
  {
    method: 'POST',
    path: '/conversations/:id/close',
    permission: 'conversation:handle',
    allowed: 200,
    id: 'conversation',
  },
  {
    method: 'POST',
    path: '/conversations/:id/archive',
    permission: 'conversation:handle',
    allowed: 200,
    id: 'closedConversation',
  },
  {
    method: 'POST',
    path: '/conversations/:id/reopen',
    permission: 'conversation:handle',
    allowed: 200,
    id: 'closedConversation',
  },
  {
    method: 'POST',
    path: '/conversations/:id/insights',
    permission: 'conversation:handle',
    allowed: 200,
    id: 'conversation',
  },
  { method: 'DELETE', path: '/conversations/:id', permission: 'conversation:delete', allowed: 200, id: 'conversation' },
  { method: 'GET', path: '/notifications', permission: 'conversation:read', allowed: 200 },
  { method: 'POST', path: '/notifications/read-all', permission: 'conversation:read', allowed: 200 },
  {
    method: 'POST',
    path: '/notifications/:id/read',
    permission: 'conversation:read',
    allowed: 200,
    id: 'notification',
  },
  { method: 'GET', path: '', permission: 'conversation:read', allowed: 200 },
  { method: 'GET', path: '/events', permission: 'conversation:read', allowed: 200, stream: true },
  { method: 'GET', path: '/integrations', permission: 'integration:manage', allowed: 200 },
  {
    method: 'PUT',
    path: '/integrations/twilio',
    permission: 'integration:manage',
    allowed: 200,
    body: () => ({ accountSid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN }),
  },
  {
    method: 'POST',
    path: '/integrations/twilio/check',
    permission: 'integration:manage',
    allowed: 200,
    prepare: ensureDemoTwilio,
  },
  {
    method: 'DELETE',
    path: '/integrations/twilio',
    permission: 'integration:manage',
    allowed: 204,
    prepare: async () => {
      await stack.db.WhatsAppNumber.deleteMany({ tenantId: demoId, provider: 'twilio' });
      await ensureDemoTwilio();
    },
  },
  {
    method: 'PUT',
    path: '/integrations/meta',
    permission: 'integration:manage',
    allowed: 200,
    body: () => ({ appSecret: 'meta-app-secret-1234' }),
  },
  {
    method: 'DELETE',
    path: '/integrations/meta',
    permission: 'integration:manage',
    allowed: 204,
    prepare: async () => {
      await stack.db.WhatsAppNumber.deleteMany({ tenantId: demoId, provider: 'meta' });
      await stack.db.MetaIntegration.updateOne(
        { tenantId: demoId },
        { $setOnInsert: { appSecretEncrypted: 'v1:x:y:z', verifyToken: 'vt' } },
        { upsert: true },
      );
    },
  },
  { method: 'GET', path: '/ai-agents', permission: 'ai-agent:read', allowed: 200 },
  { method: 'POST', path: '/ai-agents', permission: 'ai-agent:manage', allowed: 201, body: agentBody },
  { method: 'GET', path: '/ai-agents/:id', permission: 'ai-agent:read', allowed: 200, id: 'aiAgent' },
  {
    method: 'PUT',
    path: '/ai-agents/:id',
    permission: 'ai-agent:manage',
    allowed: 200,
    id: 'aiAgent',
    body: agentBody,
  },
  { method: 'DELETE', path: '/ai-agents/:id', permission: 'ai-agent:manage', allowed: 204, id: 'aiAgent' },
  { method: 'GET', path: '/canned-responses', permission: 'canned-response:read', allowed: 200 },
  {
    method: 'POST',
    path: '/canned-responses',
    permission: 'canned-response:manage',
    allowed: 201,
    body: cannedBody,
  },
  {
    method: 'GET',
    path: '/canned-responses/:id',
    permission: 'canned-response:read',
    allowed: 200,
    id: 'cannedResponse',
  },
  {
    method: 'PUT',
    path: '/canned-responses/:id',
    permission: 'canned-response:manage',
    allowed: 200,
    id: 'cannedResponse',
    body: cannedBody,
  },
  {
    method: 'DELETE',
    path: '/canned-responses/:id',
    permission: 'canned-response:manage',
    allowed: 204,
    id: 'cannedResponse',
  },
  { method: 'GET', path: '/numbers', permission: 'number:read', allowed: 200 },
  {
    method: 'GET',
    path: '/numbers/twilio-choices',
    permission: 'number:manage',
    allowed: 200,
    prepare: ensureDemoTwilio,
  },
  { method: 'POST', path: '/numbers', permission: 'number:manage', allowed: 201, body: metaNumberBody },
  { method: 'GET', path: '/unrouted', permission: 'number:manage', allowed: 200 },
  { method: 'POST', path: '/unrouted/connect', permission: 'number:manage', allowed: 201, body: metaNumberBody },
  {
    method: 'POST',
    path: '/unrouted/deliver',
    permission: 'number:manage',
    allowed: 400,
    body: () => ({ address: 'whatsapp:+15550000001' }),
  },
  { method: 'GET', path: '/numbers/:id', permission: 'number:read', allowed: 200, id: 'number' },
  {
    method: 'PUT',
    path: '/numbers/:id',
    permission: 'number:manage',
    allowed: 200,
    id: 'number',
    body: metaNumberBody,
  },
  {
    method: 'PUT',
    path: '/numbers/:id/active',
    permission: 'number:manage',
    allowed: 200,
    id: 'number',
    body: () => ({ active: false }),
  },
  { method: 'DELETE', path: '/numbers/:id', permission: 'number:manage', allowed: 204, id: 'number' },
];

function expectedStatus(route: RouteCase, caller: Caller): number {
  if (caller === 'anonymous') return 401;
  if (caller === 'outsider') return 404;
  return (PERMISSIONS[route.permission] as readonly string[]).includes(caller) ? route.allowed : 403;
}

const MATRIX = ROUTES.flatMap((route) =>
  (Object.keys(CALLERS) as Caller[]).map((caller) => ({
    name: `${route.method} /api/tenants/demo${route.path} as ${caller} → ${expectedStatus(route, caller)}`,
    route,
    caller,
  })),
);

beforeAll(async () => {
  fake = await FakeTwilio.start([
    { sid: DEMO_TWILIO_ACCOUNT_SID, authToken: DEMO_TWILIO_AUTH_TOKEN, incomingNumbers: ['+14155238886'] },
  ]);
  // Any Meta Phone Number ID passes the ownership check: this file is about who may call what.
  graph = await FakeMetaGraph.start();
  graph.acceptAnyToken = true;
  stack = await startTestStack('tenancy', { env: { TWILIO_API_BASE_URL: fake.url, META_GRAPH_BASE_URL: graph.url } });
  demoId = (await stack.db.Tenant.findOne({ slug: 'demo' }).lean())!._id;
  acmeId = (await stack.db.Tenant.findOne({ slug: 'acme' }).lean())!._id;
  for (const [caller, email] of Object.entries(CALLERS) as [Caller, string | null][]) {
    clients[caller] = email ? await ApiClient.signIn(stack.url, email) : new ApiClient(stack.url);
  }
});
afterAll(async () => {
  await stack?.stop();
  await fake?.stop();
  await graph?.stop();
});

// Permissions that only decide what a page shows (no route of their own), tested on that page:
// workflow:inspect = the chat's "Open in Temporal UI" link (browser-chat-states).
const SHOWN_ONLY: string[] = ['workflow:inspect'];

test('the matrix covers every permission the API uses', () => {
  expect(new Set(ROUTES.map((r) => r.permission))).toEqual(
    new Set(Object.keys(PERMISSIONS).filter((p) => !SHOWN_ONLY.includes(p))),
  );
});

test.each(MATRIX)('$name', async ({ route, caller }) => {
  if (route.stream) {
    const abort = new AbortController();
    const res = await fetch(`${stack.url}/api/tenants/demo${route.path}`, {
      headers: clients[caller].cookieHeader ? { cookie: clients[caller].cookieHeader! } : {},
      signal: abort.signal,
    });
    expect(res.status).toBe(expectedStatus(route, caller));
    abort.abort();
    return;
  }
  await route.prepare?.();
  const id = route.id ? await fixture(route.id, demoId) : '';
  const stateBefore = route.id ? await fixtureState(route.id, id) : null;
  const res = await clients[caller].request(
    route.method,
    `/api/tenants/demo${route.path.replace(':id', id)}`,
    route.body?.(),
  );
  const expected = expectedStatus(route, caller);
  expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
  if (expected === 403) expect(res.body.error).toContain(`Your role (${caller}) does not allow this`);
  if (expected === 404 || expected === 401) expect(JSON.stringify(res.body)).not.toMatch(/Demo Company/);
  if (route.id && expected >= 400) {
    // A refused call changed nothing: the fixture is as it was.
    expect(await fixtureState(route.id, id)).toEqual(stateBefore);
  }
});

/** What a refused call must leave alone: the object, its tenant and (conversations) status, AI and deletion. */
async function fixtureState(kind: FixtureKind, id: string) {
  if (kind === 'attachment') return fixtureState('conversation', id.split('/')[0]);
  if (kind === 'conversation' || kind === 'closedConversation') {
    const c = await stack.db.Conversation.findById(id).lean();
    return (
      c && { tenantId: String(c.tenantId), status: c.status, aiEnabled: c.aiEnabled, deleted: Boolean(c.deleted?.at) }
    );
  }
  if (kind === 'notification') {
    const n = await stack.db.Notification.findById(id).lean();
    return n && { tenantId: String(n.tenantId), readBy: (n.readBy ?? []).length };
  }
  const model = (
    kind === 'aiAgent'
      ? stack.db.AiAgent
      : kind === 'cannedResponse'
        ? stack.db.CannedResponse
        : stack.db.WhatsAppNumber
  ) as typeof stack.db.AiAgent;
  const doc = await model.findById(id).lean();
  return doc && { tenantId: String(doc.tenantId) };
}

const ID_ROUTES = ROUTES.filter((r) => r.id);
test.each(
  ID_ROUTES.map((r) => ({ ...r, name: `${r.method} /api/tenants/demo${r.path} with an acme ${r.id} id → 404` })),
)('$name', async (route) => {
  const acmeObject = await fixture(route.id!, acmeId);
  const res = await clients.owner.request(
    route.method,
    `/api/tenants/demo${route.path.replace(':id', acmeObject)}`,
    route.body?.(),
  );
  expect(res.status).toBe(404);
  const after = await fixtureState(route.id!, acmeObject);
  expect(after).toBeTruthy();
  expect(after!.tenantId).toBe(String(acmeId));
});

test.each(['not-an-id', '0123456789abcdef01234567', 'ZZZZZZZZZZZZZZZZZZZZZZZZ'])(
  'a malformed or unknown id is 404, never a 500 (%s)',
  async (bad) => {
    for (const path of [`/ai-agents/${bad}`, `/numbers/${bad}`, `/conversations/${bad}`]) {
      expect((await clients.owner.get(`/api/tenants/demo${path}`)).status).toBe(404);
      expect((await clients.owner.delete(`/api/tenants/demo${path}`)).status).toBe(404);
    }
    expect((await clients.owner.request('POST', `/api/tenants/demo/notifications/${bad}/read`)).status).toBe(404);
  },
);

test('an unknown tenant and a tenant one is not a member of answer the same 404', async () => {
  const unknown = await clients.owner.get('/api/tenants/nope/numbers');
  const foreign = await clients.owner.get('/api/tenants/acme/numbers');
  expect(unknown.status).toBe(404);
  expect(foreign.status).toBe(404);
  expect(foreign.body).toEqual(unknown.body);
});

/** The same matrix for the UI: page loaders and form actions use the same check. */
interface PageCase {
  method: 'GET' | 'POST';
  path: string;
  permission: Permission;
  allowed: number;
  form?: () => Record<string, string>;
  /** `:id` in the path stands for a fresh conversation of the demo tenant. */
  id?: 'conversation';
}
const PAGES: PageCase[] = [
  { method: 'GET', path: '/whatsapp/:id', permission: 'conversation:read', allowed: 200, id: 'conversation' },
  {
    method: 'POST',
    path: '/whatsapp/:id',
    permission: 'conversation:handle',
    allowed: 200,
    id: 'conversation',
    form: () => ({ intent: 'close' }),
  },
  {
    method: 'POST',
    path: '/whatsapp/:id',
    permission: 'conversation:delete',
    allowed: 302, // back to the list
    id: 'conversation',
    form: () => ({ intent: 'delete' }),
  },
  { method: 'GET', path: '/whatsapp/notifications', permission: 'conversation:read', allowed: 200 },
  {
    method: 'POST',
    path: '/whatsapp/notifications',
    permission: 'conversation:read',
    allowed: 200,
    form: () => ({ intent: 'read-all' }),
  },
  { method: 'GET', path: '/whatsapp', permission: 'conversation:read', allowed: 200 },
  { method: 'GET', path: '/integrations', permission: 'integration:manage', allowed: 200 },
  {
    method: 'POST',
    path: '/integrations',
    permission: 'integration:manage',
    allowed: 400,
    form: () => ({ intent: 'save-meta' }),
  },
  { method: 'GET', path: '/agents', permission: 'ai-agent:read', allowed: 200 },
  { method: 'POST', path: '/agents', permission: 'ai-agent:manage', allowed: 400, form: () => ({ intent: 'create' }) },
  { method: 'GET', path: '/canned-responses', permission: 'canned-response:manage', allowed: 200 },
  {
    method: 'POST',
    path: '/canned-responses',
    permission: 'canned-response:manage',
    allowed: 400,
    form: () => ({ intent: 'create' }),
  },
  { method: 'GET', path: '/whatsapp/numbers', permission: 'number:read', allowed: 200 },
  { method: 'GET', path: '/whatsapp/unrouted', permission: 'number:manage', allowed: 200 },
  {
    method: 'POST',
    path: '/whatsapp/unrouted',
    permission: 'number:manage',
    allowed: 400,
    form: () => ({ intent: 'connect' }),
  },
  { method: 'GET', path: '/account', permission: 'conversation:read', allowed: 200 },
  { method: 'POST', path: '/account', permission: 'conversation:read', allowed: 400, form: () => ({}) },
  { method: 'GET', path: '/whatsapp/numbers?twilioChoices', permission: 'number:manage', allowed: 200 },
  {
    method: 'POST',
    path: '/whatsapp/numbers',
    permission: 'number:manage',
    allowed: 400,
    form: () => ({ intent: 'connect' }),
  },
];

const PAGE_MATRIX = PAGES.flatMap((page) =>
  (Object.keys(CALLERS) as Caller[]).map((caller) => {
    const expected =
      caller === 'anonymous'
        ? 302
        : caller === 'outsider'
          ? 404
          : (PERMISSIONS[page.permission] as readonly string[]).includes(caller)
            ? page.allowed
            : 403;
    return { name: `page ${page.method} /app/demo${page.path} as ${caller} → ${expected}`, page, caller, expected };
  }),
);

test.each(PAGE_MATRIX)('$name', async ({ page, caller, expected }) => {
  const id = page.id ? await fixture(page.id, demoId) : '';
  const sent = await fetch(`${stack.url}/app/demo${page.path.replace(':id', id)}`, {
    method: page.method,
    headers: {
      ...(clients[caller].cookieHeader ? { cookie: clients[caller].cookieHeader } : {}),
      ...(page.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: page.form ? new URLSearchParams(page.form()).toString() : undefined,
    redirect: 'manual',
  });
  expect(sent.status).toBe(expected);
  if (caller === 'anonymous') expect(sent.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
  if (page.id && expected >= 400) expect((await stack.db.Conversation.findById(id).lean())?.status).toBe('open');
  if (expected === 403) expect(await sent.text()).toContain(`Your role (${caller}) does not allow this`);
});

test('a person in two tenants has each tenant’s role there, and the switcher lists both', async () => {
  const admin = await stack.db.User.findOne({ email: 'admin@demo.test' }).lean();
  await stack.db.Membership.create({ tenantId: acmeId, userId: admin!._id, role: 'agent' });
  try {
    const client = await ApiClient.signIn(stack.url, 'admin@demo.test');
    expect(
      (await client.get('/api/auth/me')).body.memberships.map((m: { tenantSlug: string; role: string }) => [
        m.tenantSlug,
        m.role,
      ]),
    ).toEqual([
      ['acme', 'agent'],
      ['demo', 'admin'],
    ]);
    expect((await client.get('/api/tenants/demo/integrations')).status).toBe(200);
    const refused = await client.get('/api/tenants/acme/integrations');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain('Your role (agent)');
    const page = await client.get('/app/demo/whatsapp');
    expect(page.body).toContain('href="/app/acme/whatsapp"');
    expect(page.body).toContain('Switch tenant');
  } finally {
    await stack.db.Membership.deleteOne({ tenantId: acmeId, userId: admin!._id });
  }
});
