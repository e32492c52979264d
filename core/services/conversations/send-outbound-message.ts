import { Types } from 'mongoose';
import { appendEvent } from '../../events/append-event';
import { loadProvider, type ProviderDeps, type ProviderTarget } from '../../providers/load-provider';
import { ProviderSendError } from '../../providers/messaging';
import { tenantFilter, updateByIdInTenant } from '../tenant-scope';
import { previewOf } from './record-inbound-message';

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
  deps: ProviderDeps,
  input: SendOutboundMessageInput,
  providerFor: (
    deps: ProviderDeps,
    number: { tenantId: string; numberId: string },
  ) => Promise<ProviderTarget> = loadProvider,
): Promise<SendOutboundMessageResult> {
  const { db } = deps;
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
          ...tenantFilter(input),
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
    await updateByIdInTenant(db.Conversation, input, input.conversationId, {
      $set: { lastMessageAt: now, lastMessagePreview: previewOf(text, 0) },
    });
    await appendEvent(db, input.tenantId, 'message', {
      conversationId: input.conversationId,
      messageId: input.messageId,
      direction: 'outbound',
      status: 'pending',
    });
  }

  const target = await providerFor(deps, input);
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
  await appendEvent(db, input.tenantId, 'message_status', {
    conversationId: input.conversationId,
    messageId: input.messageId,
    status: sent.status,
  });
  return { messageId: input.messageId, providerMessageId: sent.providerMessageId, status: sent.status };
}
