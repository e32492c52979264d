import { Types } from 'mongoose';
import type { Config } from '../../config';
import { decryptSecret, parseEncryptionKey } from '../../crypto';
import type { Db } from '../../db';
import { appendEvent } from '../../events/append-event';
import { metaMessagingProvider } from '../../providers/meta/send';
import { ProviderSendError, type MessagingProvider } from '../../providers/messaging';
import { createTwilioClient } from '../../providers/twilio/client';
import { twilioMessagingProvider } from '../../providers/twilio/send';
import { previewOf } from './record-inbound-message';
import { twilioWebhookUrl } from '../webhook-urls';

export type SendConfig = Pick<
  Config,
  'ENCRYPTION_KEY' | 'TWILIO_API_BASE_URL' | 'PUBLIC_BASE_URL' | 'META_GRAPH_BASE_URL' | 'META_GRAPH_VERSION'
>;

export interface SendOutboundMessageInput {
  tenantId: string;
  numberId: string;
  conversationId: string;
  /** Made by the workflow: the same on every retry of this send. */
  messageId: string;
  author: 'human' | 'ai';
  sentByUserId?: string;
  to: string;
  text?: string;
  template?: { templateId: string; language?: string; variables?: Record<string, string> };
}

export interface SendOutboundMessageResult {
  messageId: string;
  providerMessageId: string;
  status: string;
}

/** The outcome of an earlier attempt is unknown: sending again could send twice. */
export class SendOutcomeUnknownError extends Error {
  constructor() {
    super(
      'The provider may or may not have accepted this message (the connection was lost mid-send); it is not sent again, to avoid a duplicate',
    );
    this.name = 'SendOutcomeUnknownError';
  }
}

/**
 * Sends one outbound message, idempotently across retries: the message is
 * recorded first under the workflow's id with `providerMessageId: pending:{id}`;
 * a retry that finds it sent returns it, and one that finds an attempt with an
 * unknown outcome refuses rather than risk a second send.
 */
export async function sendOutboundMessage(
  db: Db,
  config: SendConfig,
  input: SendOutboundMessageInput,
  providerFor: (
    db: Db,
    config: SendConfig,
    tenantId: string,
    numberId: string,
  ) => Promise<ProviderTarget> = loadProvider,
): Promise<SendOutboundMessageResult> {
  const tenantId = new Types.ObjectId(input.tenantId);
  const existing = await db.Message.findById(input.messageId).lean();
  if (existing && !existing.providerMessageId.startsWith('pending:')) {
    return { messageId: existing._id, providerMessageId: existing.providerMessageId, status: existing.status };
  }
  if (existing?.sendAttemptedAt) throw new SendOutcomeUnknownError();

  const text = input.template ? `[template ${input.template.templateId}]` : (input.text ?? '');
  const now = new Date();
  if (!existing) {
    await db.Message.updateOne(
      { _id: input.messageId },
      {
        $setOnInsert: {
          tenantId,
          conversationId: input.conversationId,
          direction: 'outbound',
          author: input.author,
          text,
          media: [],
          providerMessageId: `pending:${input.messageId}`,
          status: 'pending',
          sentAt: now,
          ...(input.sentByUserId ? { sentBy: new Types.ObjectId(input.sentByUserId) } : {}),
          ...(input.template ? { templateId: input.template.templateId } : {}),
        },
      },
      { upsert: true },
    );
    await db.Conversation.updateOne(
      { _id: input.conversationId },
      { $set: { lastMessageAt: now, lastMessagePreview: previewOf(text, 0) } },
    );
    await appendEvent(db, tenantId, 'message', {
      conversationId: input.conversationId,
      messageId: input.messageId,
      direction: 'outbound',
      status: 'pending',
    });
  }

  const target = await providerFor(db, config, input.tenantId, input.numberId);
  await db.Message.updateOne({ _id: input.messageId }, { $set: { sendAttemptedAt: new Date() } });
  let sent;
  try {
    sent = await target.provider.send({
      from: target.from,
      to: input.to,
      text: input.text,
      template: input.template,
      statusCallback: target.statusCallback,
    });
  } catch (err) {
    if (err instanceof ProviderSendError && err.options.definitelyNotSent) {
      await db.Message.updateOne({ _id: input.messageId }, { $unset: { sendAttemptedAt: 1 } });
    }
    throw err;
  }
  // Statuses only move forward: a fast status callback may already have written one.
  await db.Message.updateOne(
    { _id: input.messageId },
    { $set: { providerMessageId: sent.providerMessageId, status: sent.status }, $unset: { sendAttemptedAt: 1 } },
  );
  await appendEvent(db, tenantId, 'message_status', {
    conversationId: input.conversationId,
    messageId: input.messageId,
    status: sent.status,
  });
  return { messageId: input.messageId, providerMessageId: sent.providerMessageId, status: sent.status };
}

export interface ProviderTarget {
  provider: MessagingProvider;
  from: string;
  statusCallback?: string;
}

/** The number's provider with the tenant's decrypted credentials. */
export async function loadProvider(
  db: Db,
  config: SendConfig,
  tenantId: string,
  numberId: string,
): Promise<ProviderTarget> {
  const key = parseEncryptionKey(config.ENCRYPTION_KEY);
  const number = await db.WhatsAppNumber.findOne({ _id: numberId, tenantId }).lean();
  if (!number) {
    throw new ProviderSendError('ProviderRejected', 'This WhatsApp number is no longer connected', {
      retryable: false,
      definitelyNotSent: true,
    });
  }
  if (number.provider === 'meta') {
    if (!number.meta?.phoneNumberId || !number.meta.accessTokenEncrypted) {
      throw new ProviderSendError('BadCredentials', 'This Meta number has no phone number id or access token', {
        retryable: false,
        definitelyNotSent: true,
      });
    }
    return {
      provider: metaMessagingProvider({
        baseUrl: config.META_GRAPH_BASE_URL,
        version: config.META_GRAPH_VERSION,
        phoneNumberId: number.meta.phoneNumberId,
        accessToken: decryptSecret(number.meta.accessTokenEncrypted, key),
        businessAccountId: number.meta.businessAccountId ?? undefined,
      }),
      from: number.address,
    };
  }
  const [integration, tenant] = await Promise.all([
    db.TwilioIntegration.findOne({ tenantId }).lean(),
    db.Tenant.findById(tenantId, { slug: 1 }).lean(),
  ]);
  if (!integration || !tenant) {
    throw new ProviderSendError('BadCredentials', 'This tenant has no Twilio integration', {
      retryable: false,
      definitelyNotSent: true,
    });
  }
  const client = createTwilioClient(
    integration.accountSid,
    decryptSecret(integration.authTokenEncrypted, key),
    config.TWILIO_API_BASE_URL,
  );
  return {
    provider: twilioMessagingProvider(client),
    from: number.address,
    statusCallback: config.PUBLIC_BASE_URL ? twilioWebhookUrl(config.PUBLIC_BASE_URL, tenant.slug) : undefined,
  };
}
