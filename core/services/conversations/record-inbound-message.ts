import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db';
import type { InboundMessage } from '../../../workflows/definitions';
import { appendEvent } from '../../events/append-event';
import type { DbDeps } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { textRenderingOf } from './message-content';
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
        lastMessagePreview: previewOf(textRenderingOf(message), message.media.length),
        ...(message.profileName ? { 'customer.profileName': message.profileName } : {}),
      },
    },
    { upsert: true },
  );

  const messageId = `${message.provider}:${message.providerMessageId}`;
  const attached = message.reaction ? await attachReaction({ db }, input) : undefined;
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
      ...(message.location ? { location: message.location } : {}),
      ...(message.contacts ? { contacts: message.contacts } : {}),
      ...(message.reaction ? { reaction: { ...message.reaction, attached } } : {}),
      ...(message.quotedProviderMessageId ? { quotedProviderMessageId: message.quotedProviderMessageId } : {}),
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

/**
 * A customer's reaction replaces their earlier one on that message (WhatsApp keeps one per
 * person); an empty emoji removes it. Set, not pushed, so a retry writes the same thing; the
 * thread workflow runs one activity at a time, so nothing else writes these reactions meanwhile.
 * False when the message is not in this conversation: the reaction is then shown as a note.
 */
async function attachReaction({ db }: DbDeps, input: RecordInboundMessageInput): Promise<boolean> {
  const reaction = input.message.reaction!;
  const target = await db.Message.findOne(
    tenantFilter(input, { providerMessageId: reaction.providerMessageId, conversationId: input.conversationId }),
    { reactions: 1 },
  ).lean();
  if (!target) return false;
  const others = (target.reactions ?? []).filter((r) => r.by !== 'customer');
  const reactions = reaction.emoji ? [...others, { by: 'customer', emoji: reaction.emoji }] : others;
  await db.Message.updateOne(tenantFilter(input, { _id: target._id }), { $set: { reactions } });
  return true;
}
