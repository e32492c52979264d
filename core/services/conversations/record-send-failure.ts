import { appendEvent } from '../../events/append-event';
import type { DbDeps } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { raiseNotification } from '../notifications/raise-notification';

export interface RecordSendFailureInput {
  tenantId: string;
  conversationId: string;
  messageId: string;
  author: 'human' | 'ai';
  reason: string;
}

/** A send that gave up: the message shows as failed, with why, and people are notified. */
export async function recordSendFailure(deps: DbDeps, input: RecordSendFailureInput): Promise<void> {
  const { db } = deps;
  const updated = await db.Message.updateOne(tenantFilter(input, { _id: input.messageId, status: 'pending' }), {
    $set: { status: 'failed', errorMessage: input.reason },
  });
  if (updated.modifiedCount > 0) {
    await appendEvent(db, input.tenantId, 'message_status', {
      conversationId: input.conversationId,
      messageId: input.messageId,
      status: 'failed',
    });
  }
  await raiseNotification(deps, {
    tenantId: input.tenantId,
    conversationId: input.conversationId,
    kind: 'delivery_failed',
    key: `delivery_failed:${input.messageId}`,
    title: `A ${input.author === 'ai' ? 'AI' : 'human'} reply could not be sent`,
    body: input.reason,
  });
}
