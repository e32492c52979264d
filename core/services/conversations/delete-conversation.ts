import { Types } from 'mongoose';
import type { Db } from '../../db';
import { appendEvent } from '../../events/append-event';

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
export async function deleteConversation(db: Db, input: DeleteConversationInput): Promise<void> {
  const tenantId = new Types.ObjectId(input.tenantId);
  await db.Message.deleteMany({ tenantId, conversationId: input.conversationId });
  await db.Notification.deleteMany({ tenantId, conversationId: input.conversationId });
  await db.ConversationRead.deleteMany({ tenantId, conversationId: input.conversationId });
  await db.Conversation.updateOne(
    { _id: input.conversationId, tenantId },
    {
      $set: {
        'deleted.at': new Date(),
        'deleted.byUserId': new Types.ObjectId(input.actor.userId),
        lastMessagePreview: '',
        'customer.address': 'deleted',
      },
      $unset: { 'customer.profileName': 1, insights: 1 },
    },
  );
  await appendEvent(db, tenantId, 'conversation', { conversationId: input.conversationId, deleted: true });
  console.log(
    `[audit] conversation ${input.conversationId} of tenant ${input.tenantId} deleted by user ${input.actor.userId}`,
  );
}
