import { Types } from 'mongoose';
import { appendEvent } from '../../events/append-event';
import type { DbDeps } from '../deps';
import { tenantFilter } from '../tenant-scope';

export interface DeleteConversationInput {
  tenantId: string;
  conversationId: string;
  actor: { userId: string };
}

/**
 * Removes a conversation's messages and notifications. The conversation document
 * stays as a tombstone recording who deleted it and when (the audit record), with
 * its customer details and preview wiped; lists skip it.
 */
export async function deleteConversation({ db }: DbDeps, input: DeleteConversationInput): Promise<void> {
  const ofConversation = tenantFilter(input, { conversationId: input.conversationId });
  await db.Message.deleteMany(ofConversation);
  await db.Notification.deleteMany(ofConversation);
  await db.ConversationRead.deleteMany(ofConversation);
  await db.TimelineEvent.deleteMany(ofConversation);
  await db.Conversation.updateOne(tenantFilter(input, { _id: input.conversationId }), {
    $set: {
      'deleted.at': new Date(),
      'deleted.byUserId': new Types.ObjectId(input.actor.userId),
      lastMessagePreview: '',
      'customer.address': 'deleted',
    },
    $unset: { 'customer.profileName': 1, insights: 1 },
  });
  await appendEvent(db, input.tenantId, 'conversation', { conversationId: input.conversationId, deleted: true });
  console.log(
    `[audit] conversation ${input.conversationId} of tenant ${input.tenantId} deleted by user ${input.actor.userId}`,
  );
}
