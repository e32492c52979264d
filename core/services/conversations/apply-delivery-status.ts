import type { MessageStatus } from '../../db/models/message';
import { appendEvent } from '../../events/append-event';
import type { DbDeps } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { raiseNotification } from '../notifications/raise-notification';
import { isTerminal, statusesBefore } from './delivery-status';

export interface DeliveryStatusInput {
  tenantId: string;
  providerMessageId: string;
  status: MessageStatus;
  errorCode?: string;
  errorMessage?: string;
}

/**
 * A provider's delivery status, written straight to the message, monotonically:
 * one conditional update, so a late `sent` never overwrites `read`, and two
 * racing callbacks cannot both win. A failure raises a notification.
 */
export async function applyDeliveryStatus(deps: DbDeps, input: DeliveryStatusInput): Promise<{ applied: boolean }> {
  const { db } = deps;
  const message = await db.Message.findOneAndUpdate(
    tenantFilter(input, {
      providerMessageId: input.providerMessageId,
      direction: 'outbound',
      status: { $in: statusesBefore(input.status) },
    }),
    {
      $set: {
        status: input.status,
        ...(input.errorCode ? { errorCode: input.errorCode } : {}),
        ...(input.errorMessage ? { errorMessage: input.errorMessage } : {}),
      },
    },
    { new: true },
  ).lean();
  if (!message) return { applied: false };
  await appendEvent(db, input.tenantId, 'message_status', {
    conversationId: message.conversationId,
    messageId: message._id,
    status: input.status,
    errorCode: input.errorCode,
  });
  if (isTerminal(input.status)) {
    await raiseNotification(deps, {
      tenantId: input.tenantId,
      conversationId: message.conversationId,
      kind: 'delivery_failed',
      key: `delivery_failed:${message._id}`,
      title: `A ${message.author === 'ai' ? 'AI' : 'human'} reply was not delivered`,
      body: input.errorMessage ?? (input.errorCode ? `Provider error ${input.errorCode}` : input.status),
    });
  }
  return { applied: true };
}
