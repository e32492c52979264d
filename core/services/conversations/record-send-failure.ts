import type { Db } from '../../db';
import { appendEvent } from '../../events/append-event';
import { raiseNotification } from '../notifications/raise-notification';

export interface RecordSendFailureInput {
  tenantId: string;
  conversationId: string;
  messageId: string;
  author: 'human' | 'ai';
  reason: string;
}

/** A send that gave up: the message shows as failed, with why, and people are notified. */
export async function recordSendFailure(db: Db, input: RecordSendFailureInput): Promise<void> {
  const updated = await db.Message.updateOne(
    { _id: input.messageId, status: 'pending' },
    { $set: { status: 'failed', errorMessage: input.reason } },
  );
  if (updated.modifiedCount > 0) {
    await appendEvent(db, input.tenantId, 'message_status', {
      conversationId: input.conversationId,
      messageId: input.messageId,
      status: 'failed',
    });
  }
  await raiseNotification(db, {
    tenantId: input.tenantId,
    conversationId: input.conversationId,
    kind: 'delivery_failed',
    key: `delivery_failed:${input.messageId}`,
    title: `A ${input.author === 'ai' ? 'AI' : 'human'} reply could not be sent`,
    body: input.reason,
  });
}
