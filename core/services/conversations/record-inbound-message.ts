import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db';
import type { InboundMessage } from '../../../workflows/definitions';
import { appendEvent } from '../../events/append-event';
import type { DbDeps } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { recordTimelineEvent } from './record-timeline-event';

export interface RecordInboundMessageInput {
  tenantId: string;
  numberId: string;
  threadId: string;
  customerKey: string;
  conversationId: string;
  /** The workflow started this conversation with this message. */
  startedConversation: boolean;
  /** The message reopened a closed conversation: a timeline line says the customer did. */
  reopenedConversation?: boolean;
  message: InboundMessage;
}

const PREVIEW_LENGTH = 140;

export function previewOf(text: string, mediaCount: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine) return oneLine.length > PREVIEW_LENGTH ? `${oneLine.slice(0, PREVIEW_LENGTH - 1)}…` : oneLine;
  return mediaCount > 0 ? `📎 ${mediaCount} attachment${mediaCount > 1 ? 's' : ''}` : '';
}

/**
 * Writes a customer message into the read model. Idempotent: the message id is
 * derived from the provider's id, and the conversation fields are set, not
 * incremented, so an activity retry (or a redelivery) writes the same thing.
 */
export async function recordInboundMessage(
  { db }: DbDeps,
  input: RecordInboundMessageInput,
): Promise<{ inserted: boolean }> {
  const { message } = input;
  const sentAt = new Date(message.receivedAt);

  await db.Conversation.updateOne(
    // By id alone: on an upsert, a tenantId in the filter would clash with the one $setOnInsert writes.
    { _id: input.conversationId },
    {
      $setOnInsert: {
        ...tenantFilter(input),
        numberId: new Types.ObjectId(input.numberId),
        threadId: input.threadId,
        customerKey: input.customerKey,
        'customer.address': message.from,
        aiEnabled: true,
      },
      $set: {
        status: 'open',
        lastMessageAt: sentAt,
        lastInboundAt: sentAt,
        lastMessagePreview: previewOf(message.text, message.media.length),
        ...(message.profileName ? { 'customer.profileName': message.profileName } : {}),
      },
    },
    { upsert: true },
  );

  const messageId = `${message.provider}:${message.providerMessageId}`;
  let inserted = true;
  try {
    await db.Message.create({
      _id: messageId,
      ...tenantFilter(input),
      conversationId: input.conversationId,
      direction: 'inbound',
      author: 'customer',
      text: message.text,
      media: message.media,
      providerMessageId: message.providerMessageId,
      status: 'received',
      sentAt,
    });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    inserted = false;
  }
  if (input.reopenedConversation) {
    await recordTimelineEvent({ db }, input, { kind: 'reopened', by: 'customer', at: message.receivedAt });
  }
  // Also on a retry that finds the message stored: the first attempt may have died
  // before this line. A repeated event only makes pages refresh once more.
  await appendEvent(db, input.tenantId, 'message', {
    conversationId: input.conversationId,
    messageId,
    direction: 'inbound',
    started: input.startedConversation,
  });
  return { inserted };
}
