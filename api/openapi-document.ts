/**
 * The OpenAPI 3.0 description of the JSON API, served at /api/openapi.json.
 * Written by hand next to the routes (3.0, which more tools read than 3.1);
 * test/integration/openapi.test.ts validates it against the OpenAPI schema and
 * calls every operation in it. A new route needs its entry here.
 */
import { MAX_TEXT_LENGTH } from '../workflows/thread-state';

type Schema = Record<string, unknown>;

const str = (description?: string, extra: Schema = {}): Schema => ({
  type: 'string',
  ...(description ? { description } : {}),
  ...extra,
});
const bool = (description?: string): Schema => ({ type: 'boolean', ...(description ? { description } : {}) });
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

const schemas: Record<string, Schema> = {
  Error: {
    type: 'object',
    required: ['error', 'code'],
    properties: {
      error: str('A message for people'),
      code: str(undefined, {
        enum: [
          'bad_request',
          'unauthenticated',
          'forbidden',
          'not_found',
          'conflict',
          'unprocessable',
          'rate_limited',
          'service_unavailable',
          'internal',
        ],
      }),
      fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'Per-field messages (400/409)' },
    },
  },
  LoginBody: {
    type: 'object',
    required: ['email', 'password'],
    properties: { email: str(undefined, { format: 'email' }), password: str() },
  },
  ChangePasswordBody: {
    type: 'object',
    required: ['currentPassword', 'newPassword'],
    properties: { currentPassword: str(), newPassword: str(undefined, { minLength: 8, maxLength: 200 }) },
  },
  Membership: {
    type: 'object',
    properties: {
      tenantId: str(),
      tenantSlug: str(),
      tenantName: str(),
      role: str(undefined, { enum: ['owner', 'admin', 'agent'] }),
    },
  },
  Tenant: { type: 'object', properties: { id: str(), slug: str(), name: str(), role: str() } },
  TwilioCredentials: {
    type: 'object',
    required: ['accountSid', 'authToken'],
    properties: {
      accountSid: str('AC followed by 32 hex characters', { pattern: '^AC[0-9a-fA-F]{32}$' }),
      authToken: str('Checked against Twilio before saving; stored encrypted, never returned', { writeOnly: true }),
    },
  },
  MetaApp: {
    type: 'object',
    required: ['appSecret'],
    properties: { appSecret: str('Stored encrypted, never returned', { writeOnly: true, minLength: 8 }) },
  },
  TwilioIntegration: {
    type: 'object',
    properties: {
      connected: bool(),
      accountSid: str(undefined, { nullable: true }),
      status: str(undefined, { enum: ['connected', 'invalid'], nullable: true }),
      checkedAt: str(undefined, { format: 'date-time', nullable: true }),
      webhookUrl: str('Paste into the Twilio sender / number configuration'),
    },
  },
  MetaIntegration: {
    type: 'object',
    properties: {
      connected: bool(),
      verifyToken: str(undefined, { nullable: true }),
      webhookUrl: str('Callback URL for Meta'),
    },
  },
  Integrations: {
    type: 'object',
    properties: { twilio: ref('TwilioIntegration'), meta: ref('MetaIntegration') },
  },
  AiAgentInput: {
    type: 'object',
    required: ['name', 'systemPrompt'],
    properties: {
      name: str(undefined, { maxLength: 80 }),
      systemPrompt: str(undefined, { maxLength: 8000 }),
      model: str('Defaults to gpt-4o-mini'),
      whatsappEnabled: bool('Defaults to false when absent'),
    },
  },
  AiAgent: {
    type: 'object',
    properties: {
      id: str(),
      name: str(),
      systemPrompt: str(),
      model: str(),
      whatsappEnabled: bool(),
      numbers: {
        type: 'array',
        items: { type: 'object', properties: { id: str(), displayName: str(), active: bool() } },
      },
    },
  },
  NumberInput: {
    type: 'object',
    required: ['provider', 'displayName'],
    description:
      'Twilio: address required (whatsapp:+E164). Meta: phoneNumberId required, accessToken required on create (blank on update = unchanged). aiAgentId required when active.',
    properties: {
      provider: str(undefined, { enum: ['twilio', 'meta'] }),
      displayName: str(undefined, { maxLength: 80 }),
      active: bool(),
      aiAgentId: str('An AI agent of this tenant with WhatsApp enabled'),
      address: str('Twilio: whatsapp:+1234567890'),
      phoneNumberId: str('Meta: digits'),
      businessAccountId: str('Meta: digits, optional'),
      accessToken: str('Meta: stored encrypted, never returned', { writeOnly: true }),
    },
  },
  Number: {
    type: 'object',
    properties: {
      id: str(),
      provider: str(undefined, { enum: ['twilio', 'meta'] }),
      address: str(),
      displayName: str(),
      active: bool(),
      aiAgent: { type: 'object', nullable: true, properties: { id: str(), name: str(), whatsappEnabled: bool() } },
      webhookUrl: str(),
      meta: {
        type: 'object',
        nullable: true,
        properties: {
          phoneNumberId: str(),
          businessAccountId: str(undefined, { nullable: true }),
          accessTokenSet: bool(),
        },
      },
    },
  },
  TwilioNumberChoices: {
    type: 'object',
    properties: {
      twilio: str(undefined, { enum: ['not-connected', 'unavailable', 'connected'] }),
      error: str(),
      numbers: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            address: str(),
            sources: { type: 'array', items: str() },
            connectedAs: str(undefined, { nullable: true }),
          },
        },
      },
    },
  },
};

const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: ERROR_TEXT[c], content: { 'application/json': { schema: ref('Error') } } },
    ]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input: `fields` says what to fix',
  401: 'Not signed in',
  403: 'Your role does not allow this, or a cross-site request',
  404: 'Not found (also: a tenant you are not a member of)',
  409: 'Conflict (duplicate, or in use)',
  422: "The provider refused it (invalid recipient, bad credentials): `error` gives the provider's reason",
  429: 'Too many failed sign-ins',
  503: 'A provider (Twilio, Meta) or the conversation service could not be reached',
};
const json = (schema: Schema) => ({ content: { 'application/json': { schema } } });
const ok = (schema: Schema, status = '200') => ({ [status]: { description: 'OK', ...json(schema) } });
const noContent = { '204': { description: 'Done' } };
const tenantParam = { name: 'tenant', in: 'path', required: true, schema: str(), description: 'Tenant slug' };
const idParam = { name: 'id', in: 'path', required: true, schema: str() };

interface Op {
  summary: string;
  permission?: string;
  body?: string;
  responses: Record<string, unknown>;
}
const op = (o: Op, params: unknown[] = []) => ({
  summary: o.summary,
  ...(o.permission ? { description: `Needs permission \`${o.permission}\` (docs/permissions.md).` } : {}),
  ...(params.length ? { parameters: params } : {}),
  ...(o.body ? { requestBody: { required: true, ...json(ref(o.body)) } } : {}),
  responses: o.responses,
  ...(o.permission ? { security: [{ session: [] }] } : {}),
});
const t = (o: Op) => op({ ...o, responses: { ...o.responses, ...errors(401, 403, 404) } }, [tenantParam]);
const tid = (o: Op) => op({ ...o, responses: { ...o.responses, ...errors(401, 403, 404) } }, [tenantParam, idParam]);

export const openApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Helios WhatsApp API',
    version: '0.1.0',
    description:
      'Sign in with POST /api/auth/login; the response sets the session cookie the other routes need. State-changing requests from another site (Origin / Sec-Fetch-Site) are refused.',
  },
  components: {
    schemas,
    securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: '__helios_session' } },
  },
  paths: {
    '/api/auth/login': {
      post: op({
        summary: 'Sign in: sets the session cookie',
        body: 'LoginBody',
        responses: {
          ...ok({
            type: 'object',
            properties: { userId: str(), memberships: { type: 'array', items: ref('Membership') } },
          }),
          ...errors(400, 401, 429),
        },
      }),
    },
    '/api/auth/logout': { post: op({ summary: 'Sign out: ends this session', responses: noContent }) },
    '/api/auth/logout-everywhere': {
      post: op({
        summary: 'Sign out everywhere: ends every session of the signed-in user, this one included',
        responses: { ...noContent, ...errors(401) },
      }),
    },
    '/api/auth/password': {
      post: op({
        summary: 'Change your password: ends your other sessions, keeps this one',
        body: 'ChangePasswordBody',
        responses: { ...noContent, ...errors(400, 401) },
      }),
    },
    '/api/auth/me': {
      get: op({
        summary: 'The signed-in user and their tenants',
        responses: {
          ...ok({
            type: 'object',
            properties: {
              userId: str(),
              email: str(),
              name: str(),
              memberships: { type: 'array', items: ref('Membership') },
            },
          }),
          ...errors(401),
        },
      }),
    },
    '/api/tenants/{tenant}': {
      get: t({
        summary: 'The tenant and your role in it',
        permission: 'conversation:read',
        responses: ok(ref('Tenant')),
      }),
    },
    '/api/tenants/{tenant}/events': {
      get: t({
        summary:
          'Live updates as Server-Sent Events (message, message_status, conversation, notification); send Last-Event-ID to resume',
        permission: 'conversation:read',
        responses: {
          '200': { description: 'An endless event stream', content: { 'text/event-stream': { schema: str() } } },
        },
      }),
    },
    '/api/tenants/{tenant}/integrations': {
      get: t({
        summary: 'Twilio and Meta integrations (no secrets)',
        permission: 'integration:manage',
        responses: ok(ref('Integrations')),
      }),
    },
    '/api/tenants/{tenant}/integrations/twilio': {
      put: t({
        summary: 'Connect Twilio: credentials are checked with Twilio first; nothing is saved if they fail',
        permission: 'integration:manage',
        body: 'TwilioCredentials',
        responses: { ...ok(ref('TwilioIntegration')), ...errors(400, 503) },
      }),
      delete: t({
        summary: 'Disconnect Twilio (refused while Twilio numbers exist)',
        permission: 'integration:manage',
        responses: { ...noContent, ...errors(409) },
      }),
    },
    '/api/tenants/{tenant}/integrations/twilio/check': {
      post: t({
        summary: 'Re-check the saved Twilio credentials: Connected or Invalid',
        permission: 'integration:manage',
        responses: { ...ok(ref('TwilioIntegration')), ...errors(503) },
      }),
    },
    '/api/tenants/{tenant}/integrations/meta': {
      put: t({
        summary: 'Save the Meta App Secret; a Verify Token is generated once',
        permission: 'integration:manage',
        body: 'MetaApp',
        responses: { ...ok(ref('MetaIntegration')), ...errors(400) },
      }),
      delete: t({
        summary: 'Disconnect Meta (refused while Meta numbers exist)',
        permission: 'integration:manage',
        responses: { ...noContent, ...errors(409) },
      }),
    },
    '/api/tenants/{tenant}/ai-agents': {
      get: t({
        summary: 'AI agents',
        permission: 'ai-agent:read',
        responses: ok({ type: 'object', properties: { aiAgents: { type: 'array', items: ref('AiAgent') } } }),
      }),
      post: t({
        summary: 'Create an AI agent',
        permission: 'ai-agent:manage',
        body: 'AiAgentInput',
        responses: { ...ok(ref('AiAgent'), '201'), ...errors(400, 409) },
      }),
    },
    '/api/tenants/{tenant}/ai-agents/{id}': {
      get: tid({ summary: 'One AI agent', permission: 'ai-agent:read', responses: ok(ref('AiAgent')) }),
      put: tid({
        summary: 'Edit an AI agent (WhatsApp cannot be turned off while active numbers use it)',
        permission: 'ai-agent:manage',
        body: 'AiAgentInput',
        responses: { ...ok(ref('AiAgent')), ...errors(400, 409) },
      }),
      delete: tid({
        summary: 'Delete an AI agent (refused while active numbers use it)',
        permission: 'ai-agent:manage',
        responses: { ...noContent, ...errors(409) },
      }),
    },
    '/api/tenants/{tenant}/numbers': {
      get: t({
        summary: 'Connected numbers',
        permission: 'number:read',
        responses: ok({ type: 'object', properties: { numbers: { type: 'array', items: ref('Number') } } }),
      }),
      post: t({
        summary: 'Connect a number',
        permission: 'number:manage',
        body: 'NumberInput',
        responses: { ...ok(ref('Number'), '201'), ...errors(400, 409) },
      }),
    },
    '/api/tenants/{tenant}/numbers/twilio-choices': {
      get: t({
        summary: 'The Twilio account’s numbers and WhatsApp senders, for the dropdown',
        permission: 'number:manage',
        responses: ok(ref('TwilioNumberChoices')),
      }),
    },
    '/api/tenants/{tenant}/numbers/{id}': {
      get: tid({ summary: 'One number', permission: 'number:read', responses: ok(ref('Number')) }),
      put: tid({
        summary: 'Edit a number (blank accessToken = unchanged)',
        permission: 'number:manage',
        body: 'NumberInput',
        responses: { ...ok(ref('Number')), ...errors(400, 409) },
      }),
      delete: tid({ summary: 'Delete a number', permission: 'number:manage', responses: noContent }),
    },
    '/api/tenants/{tenant}/numbers/{id}/active': {
      put: tid({
        summary: 'Activate / deactivate (activating needs an AI agent with WhatsApp enabled)',
        permission: 'number:manage',
        body: 'NumberActive',
        responses: { ...ok(ref('Number')), ...errors(400) },
      }),
    },
  },
};
schemas.NumberActive = { type: 'object', required: ['active'], properties: { active: bool() } };

const num = (description?: string): Schema => ({ type: 'number', ...(description ? { description } : {}) });
const nullable = (schema: Schema): Schema => ({ ...schema, nullable: true });
schemas.ConversationRow = {
  type: 'object',
  properties: {
    id: str(),
    customerName: nullable(str()),
    customerMasked: str('The customer number with the middle digits hidden'),
    numberId: str(),
    numberName: str(),
    status: str(undefined, { enum: ['open', 'closed', 'archived'] }),
    aiEnabled: bool(),
    lastMessagePreview: str(),
    lastMessageAt: str(undefined, { format: 'date-time' }),
    sentiment: nullable(str(undefined, { enum: ['positive', 'neutral', 'negative'] })),
    unread: bool('The customer wrote after you last opened it'),
  },
};
schemas.Message = {
  type: 'object',
  properties: {
    id: str(),
    direction: str(undefined, { enum: ['inbound', 'outbound'] }),
    author: str(undefined, { enum: ['customer', 'ai', 'human'] }),
    text: str(),
    media: { type: 'array', items: { type: 'object', properties: { url: str(), contentType: str() } } },
    status: str('received, pending, queued, sent, delivered, read, failed, undelivered'),
    errorCode: nullable(str()),
    errorMessage: nullable(str('Why it was not delivered, in words')),
    sentByName: nullable(str()),
    templateId: nullable(str()),
    sentAt: str(undefined, { format: 'date-time' }),
  },
};
schemas.ConversationDetail = {
  type: 'object',
  properties: {
    conversation: {
      type: 'object',
      properties: {
        id: str(),
        threadId: str('Temporal workflow ID of the customer thread'),
        numberId: str(),
        status: str(undefined, { enum: ['open', 'closed', 'archived'] }),
        aiEnabled: bool(),
        customerName: nullable(str()),
        customerMasked: str(),
        lastMessageAt: str(undefined, { format: 'date-time' }),
        lastInboundAt: nullable(str(undefined, { format: 'date-time' })),
        insights: nullable({
          type: 'object',
          properties: {
            sentiment: str(undefined, { enum: ['positive', 'neutral', 'negative'] }),
            score: num('-1 … 1'),
            summary: str(),
            source: str('openai or offline (the local analyser)'),
            model: nullable(str()),
            generatedAt: nullable(str(undefined, { format: 'date-time' })),
          },
        }),
      },
    },
    messages: { type: 'array', items: ref('Message') },
    nextBefore: nullable(str('Pass as `before` for the previous page')),
  },
};
schemas.SendMessageBody = {
  type: 'object',
  description: 'Either `text` (inside the 24-hour window) or `template` (any time)',
  properties: {
    text: str(undefined, { maxLength: MAX_TEXT_LENGTH }),
    template: {
      type: 'object',
      required: ['templateId'],
      properties: {
        templateId: str('Twilio Content SID (HX…) or Meta template name'),
        language: str('Meta: language code, default en'),
        variables: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
};
schemas.SetAiBody = { type: 'object', required: ['enabled'], properties: { enabled: bool() } };
schemas.ConversationChange = {
  type: 'object',
  description: 'What the thread workflow answered',
  additionalProperties: true,
};
schemas.TemplateList = {
  type: 'object',
  properties: {
    templates: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: str('What a send names as templateId: Twilio Content SID (HX…) or Meta template name'),
          name: str(),
          language: str(),
          body: str('The text with its placeholders, e.g. Hi {{1}}'),
          variables: { type: 'array', items: str(), description: 'Placeholder keys, in order' },
        },
      },
    },
    unavailable: str('Why the provider gave no list (null when it did)', { nullable: true }),
  },
};
schemas.Notification = {
  type: 'object',
  properties: {
    id: str(),
    kind: str(undefined, { enum: ['escalation', 'new_message', 'delivery_failed'] }),
    conversationId: str(),
    title: str(),
    body: str(),
    count: num('new_message: how many messages it stands for'),
    read: bool('Read by you (read state is per person)'),
    createdAt: str(undefined, { format: 'date-time' }),
  },
};

const query = (name: string, schema: Schema, description: string) => ({ name, in: 'query', schema, description });
const conversationErrors = (...codes: number[]) => errors(401, 403, 404, ...codes);
const conversationOp = (o: Op) =>
  op({ ...o, responses: { ...o.responses, ...conversationErrors(409, 503) } }, [tenantParam, idParam]);
Object.assign(openApiDocument.paths, {
  '/api/tenants/{tenant}/conversations': {
    get: op(
      {
        summary: 'Conversations, latest activity first, filtered and paginated',
        permission: 'conversation:read',
        responses: {
          ...ok({
            type: 'object',
            properties: {
              conversations: { type: 'array', items: ref('ConversationRow') },
              total: num(),
              page: num(),
              pageSize: num(),
            },
          }),
          ...conversationErrors(400),
        },
      },
      [
        tenantParam,
        query('status', str(undefined, { enum: ['open', 'closed', 'archived'] }), 'Only this status'),
        query('numberId', str(), 'Only this number'),
        query('q', str(), 'Customer name, or 3+ digits of their phone'),
        query('page', { type: 'integer', minimum: 1 }, 'Page, from 1'),
        query('pageSize', { type: 'integer', minimum: 1, maximum: 100 }, 'Default 20'),
      ],
    ),
  },
  '/api/tenants/{tenant}/conversations/{id}': {
    get: op(
      {
        summary: 'A conversation and a page of its messages (newest last)',
        permission: 'conversation:read',
        responses: { ...ok(ref('ConversationDetail')), ...conversationErrors(400) },
      },
      [
        tenantParam,
        idParam,
        query('limit', { type: 'integer', minimum: 1, maximum: 200 }, 'Default 50'),
        query('before', str(undefined, { format: 'date-time' }), 'Messages sent before this time (`nextBefore`)'),
      ],
    ),
    delete: conversationOp({
      summary: 'Delete: removes its messages and notifications; the deletion is audit-logged',
      permission: 'conversation:delete',
      responses: ok(ref('ConversationChange')),
    }),
  },
  '/api/tenants/{tenant}/conversations/{id}/messages': {
    post: conversationOp({
      summary:
        'Send a message (text inside the 24-hour window, or a template); a provider refusal comes back in words (422)',
      permission: 'conversation:handle',
      body: 'SendMessageBody',
      responses: { ...ok(ref('ConversationChange'), '201'), ...errors(400, 422) },
    }),
  },
  '/api/tenants/{tenant}/conversations/{id}/ai': {
    post: conversationOp({
      summary: 'Turn the AI on or off for this conversation',
      permission: 'conversation:handle',
      body: 'SetAiBody',
      responses: { ...ok(ref('ConversationChange')), ...errors(400) },
    }),
  },
  // The three status moves, one route each (as in api/routes/conversations.ts).
  ...Object.fromEntries(
    Object.entries({
      close: 'Close an open conversation',
      archive: 'Archive a closed conversation',
      reopen: 'Reopen a closed or archived conversation',
    }).map(([action, summary]) => [
      `/api/tenants/{tenant}/conversations/{id}/${action}`,
      {
        post: conversationOp({ summary, permission: 'conversation:handle', responses: ok(ref('ConversationChange')) }),
      },
    ]),
  ),
  '/api/tenants/{tenant}/conversations/{id}/messages/{messageId}/media/{index}': {
    get: op(
      {
        summary:
          'A customer’s attachment: fetched from Twilio or Meta with the tenant’s credentials (or a redirect to a public URL)',
        permission: 'conversation:read',
        responses: {
          '200': { description: 'The file, with its content type' },
          '302': { description: 'The attachment is public: its URL is in Location' },
          ...conversationErrors(400, 503),
        },
      },
      [
        tenantParam,
        idParam,
        { name: 'messageId', in: 'path', required: true, schema: str() },
        { name: 'index', in: 'path', required: true, schema: { type: 'integer', minimum: 0, maximum: 9 } },
      ],
    ),
  },
  '/api/tenants/{tenant}/conversations/{id}/templates': {
    get: conversationOp({
      summary: 'The WhatsApp templates approved for this conversation’s number (to send outside the 24-hour window)',
      permission: 'conversation:handle',
      responses: ok(ref('TemplateList')),
    }),
  },
  '/api/tenants/{tenant}/conversations/{id}/insights': {
    post: conversationOp({
      summary: 'Generate AI insights: sentiment and summary (offline analyser without OpenAI)',
      permission: 'conversation:handle',
      responses: ok(ref('ConversationChange')),
    }),
  },
  '/api/tenants/{tenant}/notifications': {
    get: op(
      {
        summary: 'Your notifications: unread first, then newest',
        permission: 'conversation:read',
        responses: {
          ...ok({
            type: 'object',
            properties: {
              items: { type: 'array', items: ref('Notification') },
              unread: num(),
              total: num(),
              page: num(),
              pageSize: num(),
            },
          }),
          ...errors(400, 401, 403, 404),
        },
      },
      [
        tenantParam,
        query('page', { type: 'integer', minimum: 1 }, 'From 1'),
        query('limit', { type: 'integer' }, 'Default 20'),
      ],
    ),
  },
  '/api/tenants/{tenant}/notifications/read-all': {
    post: t({
      summary: 'Mark all notifications read (for you)',
      permission: 'conversation:read',
      responses: ok({ type: 'object', properties: { updated: num() } }),
    }),
  },
  '/api/tenants/{tenant}/notifications/{id}/read': {
    post: tid({
      summary: 'Mark one notification read (for you)',
      permission: 'conversation:read',
      responses: ok({ type: 'object', properties: { updated: num() } }),
    }),
  },
});

schemas.UnroutedNumber = {
  type: 'object',
  properties: {
    address: str('The number written to: whatsapp:+E164, or meta:{phoneNumberId}'),
    provider: str(undefined, { enum: ['twilio', 'meta'] }),
    phoneNumberId: nullable(str('Meta: the Phone Number ID to connect')),
    connectedAs: nullable(str('Set when the number has been connected since: deliver its messages')),
    messages: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: str(),
          from: str(),
          profileName: nullable(str()),
          text: str(),
          media: num('How many attachments'),
          receivedAt: str(undefined, { format: 'date-time' }),
        },
      },
    },
  },
};
schemas.UnroutedDeliver = { type: 'object', required: ['address'], properties: { address: str() } };
Object.assign(openApiDocument.paths, {
  '/api/tenants/{tenant}/unrouted': {
    get: t({
      summary: 'Messages kept for numbers this tenant has not connected, by number (newest kept: limit)',
      permission: 'number:manage',
      responses: ok({
        type: 'object',
        properties: { numbers: { type: 'array', items: ref('UnroutedNumber') }, limit: num() },
      }),
    }),
  },
  '/api/tenants/{tenant}/unrouted/connect': {
    post: t({
      summary: 'Connect this number (same rules as connecting a number), then move its kept messages to the inbox',
      permission: 'number:manage',
      body: 'NumberInput',
      responses: {
        ...ok(
          {
            type: 'object',
            properties: {
              number: ref('Number'),
              delivered: num(),
              pending: nullable(str('Set when the messages could not be moved now: they stay kept')),
            },
          },
          '201',
        ),
        ...errors(400, 409, 503),
      },
    }),
  },
  '/api/tenants/{tenant}/unrouted/deliver': {
    post: t({
      summary: 'Move the kept messages of a number connected since to the inbox',
      permission: 'number:manage',
      body: 'UnroutedDeliver',
      responses: { ...ok({ type: 'object', properties: { delivered: num() } }), ...errors(400, 503) },
    }),
  },
});
