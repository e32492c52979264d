/**
 * What the API answers. The requests are the services' own schemas (see the
 * operation files); the answers are written here, one zod schema per shape.
 */
import { APP_ERROR_CODES } from '../../core/errors';
import {
  CONVERSATION_STATUSES,
  MESSAGE_STATUSES,
  NOTIFICATION_KINDS,
  PROVIDERS,
  ROLES,
} from '../../core/services/vocabulary';
import { TIMELINE_ACTORS, TIMELINE_KINDS } from '../../workflows/timeline';
import { z } from './zod';

const text = z.string();
const time = z.string().datetime();
const flag = z.boolean();
const count = z.number();
const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

export const ErrorBody = z
  .object({
    error: text.describe('A message for people'),
    code: z.enum([...APP_ERROR_CODES, 'internal']),
    fields: z.record(text).optional().describe('Per-field messages (400/409)'),
  })
  .openapi('Error');

export const Membership = z
  .object({ tenantId: text, tenantSlug: text, tenantName: text, role: z.enum(ROLES) })
  .openapi('Membership');
export const Tenant = z.object({ id: text, slug: text, name: text, role: z.enum(ROLES) }).openapi('Tenant');

export const TwilioIntegration = z
  .object({
    connected: flag,
    accountSid: text.nullable(),
    status: z.enum(['connected', 'invalid']).nullable(),
    checkedAt: time.nullable(),
    webhookUrl: text.describe('Paste into the Twilio sender / number configuration'),
  })
  .openapi('TwilioIntegration');
export const MetaIntegration = z
  .object({ connected: flag, verifyToken: text.nullable(), webhookUrl: text.describe('Callback URL for Meta') })
  .openapi('MetaIntegration');
export const Integrations = z.object({ twilio: TwilioIntegration, meta: MetaIntegration }).openapi('Integrations');

export const AiAgent = z
  .object({
    id: text,
    name: text,
    systemPrompt: text,
    model: text,
    whatsappEnabled: flag,
    numbers: z.array(z.object({ id: text, displayName: text, active: flag })),
  })
  .openapi('AiAgent');

export const NumberView = z
  .object({
    id: text,
    provider: z.enum(PROVIDERS),
    address: text,
    displayName: text,
    active: flag,
    aiAgent: z.object({ id: text, name: text, whatsappEnabled: flag }).nullable(),
    webhookUrl: text,
    meta: z.object({ phoneNumberId: text, businessAccountId: text.nullable(), accessTokenSet: flag }).nullable(),
  })
  .openapi('Number');
export const TwilioNumberChoices = z
  .object({
    twilio: z.enum(['not-connected', 'unavailable', 'connected']),
    error: text.optional(),
    numbers: z.array(z.object({ address: text, sources: z.array(text), connectedAs: text.nullable() })).optional(),
  })
  .openapi('TwilioNumberChoices');

export const ConversationRow = z
  .object({
    id: text,
    customerName: text.nullable(),
    customerMasked: text.describe('The customer number with the middle digits hidden'),
    numberId: text,
    numberName: text,
    status: z.enum(CONVERSATION_STATUSES),
    aiEnabled: flag,
    lastMessagePreview: text,
    lastMessageAt: time,
    sentiment: z.enum(SENTIMENTS).nullable(),
    unread: flag.describe('The customer wrote after you last opened it'),
  })
  .openapi('ConversationRow');
export const Message = z
  .object({
    id: text,
    direction: z.enum(['inbound', 'outbound']),
    author: z.enum(['customer', 'ai', 'human']),
    text,
    media: z.array(z.object({ url: text, contentType: text })),
    status: z.enum(MESSAGE_STATUSES),
    errorCode: text.nullable(),
    errorMessage: text.nullable().describe('Why it was not delivered, in words'),
    sentByName: text.nullable(),
    templateId: text.nullable(),
    sentAt: time,
    location: z
      .object({ latitude: z.number(), longitude: z.number(), name: text.nullable(), address: text.nullable() })
      .nullable()
      .describe('A shared location'),
    contacts: z.array(z.object({ name: text, phones: z.array(text) })).describe('Shared contact cards'),
    reactions: z.array(z.object({ by: text, emoji: text })).describe('Reactions on this message'),
    reaction: z
      .object({ emoji: text, attached: flag })
      .nullable()
      .describe('This message is a reaction; attached = shown on the message it reacts to'),
    quoted: z
      .object({ id: text.nullable(), text, hasMedia: flag })
      .nullable()
      .describe('The message this one quotes (id null when it is not stored)'),
  })
  .openapi('Message');
const Insights = z.object({
  sentiment: z.enum(SENTIMENTS),
  score: count.describe('-1 … 1'),
  summary: text,
  source: text.describe('openai or offline (the local analyser)'),
  model: text.nullable(),
  generatedAt: time.nullable(),
});
export const ConversationDetail = z
  .object({
    conversation: z.object({
      id: text,
      threadId: text.describe('Temporal workflow ID of the customer thread'),
      numberId: text,
      status: z.enum(CONVERSATION_STATUSES),
      aiEnabled: flag,
      customerName: text.nullable(),
      customerMasked: text,
      number: z
        .object({ id: text, displayName: text, address: text, provider: z.enum(PROVIDERS), active: flag })
        .nullable()
        .describe('The number it came in on (null once removed)'),
      aiUnavailableReason: text
        .nullable()
        .describe('Why the AI does not answer here whatever the toggle says; null when it does'),
      startedAt: time.nullable(),
      lastMessageAt: time,
      lastInboundAt: time.nullable(),
      insights: Insights.nullable(),
    }),
    messages: z.array(Message),
    timeline: z
      .array(
        z.object({
          id: text,
          kind: z.enum(TIMELINE_KINDS),
          by: z.enum(TIMELINE_ACTORS),
          byName: text.nullable(),
          reason: text.nullable(),
          at: time,
        }),
      )
      .describe('Who closed, reopened, switched the AI… between the same messages'),
    nextBefore: text.nullable().describe('Pass as `before` for the previous page'),
  })
  .openapi('ConversationDetail');
export const ConversationChange = z
  .object({})
  .passthrough()
  .openapi('ConversationChange', { description: 'What the thread workflow answered', additionalProperties: true });
export const TemplateList = z
  .object({
    templates: z.array(
      z.object({
        id: text.describe('What a send names as templateId: Twilio Content SID (HX…) or Meta template name'),
        name: text,
        language: text,
        body: text.describe('The text with its placeholders, e.g. Hi {{1}}'),
        variables: z.array(text).describe('Placeholder keys, in order'),
      }),
    ),
    unavailable: text.nullable().describe('Why the provider gave no list (null when it did)'),
  })
  .openapi('TemplateList');
export const Notification = z
  .object({
    id: text,
    kind: z.enum(NOTIFICATION_KINDS),
    conversationId: text,
    title: text,
    body: text,
    count: count.describe('new_message: how many messages it stands for'),
    read: flag.describe('Read by you (read state is per person)'),
    createdAt: time,
  })
  .openapi('Notification');
export const UnroutedNumber = z
  .object({
    address: text.describe('The number written to: whatsapp:+E164, or meta:{phoneNumberId}'),
    provider: z.enum(PROVIDERS),
    phoneNumberId: text.nullable().describe('Meta: the Phone Number ID to connect'),
    connectedAs: text.nullable().describe('Set when the number has been connected since: deliver its messages'),
    messages: z.array(
      z.object({
        id: text,
        from: text,
        profileName: text.nullable(),
        text,
        media: count.describe('How many attachments'),
        receivedAt: time,
      }),
    ),
  })
  .openapi('UnroutedNumber');

// The answers that wrap the shapes above (inline in the document, as they are used once or twice).
const memberships = z.array(Membership);
export const SignedIn = z.object({ userId: text, memberships });
export const Me = z.object({ userId: text, email: text, name: text, memberships });
export const CannedResponse = z.object({ id: text, title: text, text }).openapi('CannedResponse');
export const CannedResponseList = z.object({ cannedResponses: z.array(CannedResponse) });
export const AiAgentList = z.object({ aiAgents: z.array(AiAgent) });
export const NumberList = z.object({ numbers: z.array(NumberView) });
export const UnroutedList = z.object({ numbers: z.array(UnroutedNumber), limit: count });
export const UnroutedConnected = z.object({
  number: NumberView,
  delivered: count,
  pending: text.nullable().describe('Set when the messages could not be moved now: they stay kept'),
});
export const Delivered = z.object({ delivered: count });
const paged = { total: count, page: count, pageSize: count };
export const ConversationPage = z.object({ conversations: z.array(ConversationRow), ...paged });
export const NotificationPage = z.object({ items: z.array(Notification), unread: count, ...paged });
export const Updated = z.object({ updated: count });
export const EventStream = {
  200: { description: 'An endless event stream', content: { 'text/event-stream': { schema: text } } },
};
export const MediaFile = {
  200: { description: 'The file, with its content type' },
  302: { description: 'The attachment is public: its URL is in Location' },
};
