import { isDuplicateKeyError } from '../../db';
import type { NotificationKind } from '../../db/models/notification';
import { appendEvent } from '../../events/append-event';
import type { DbDeps } from '../deps';
import { tenantFilter } from '../tenant-scope';

export interface RaiseNotificationInput {
  tenantId: string;
  conversationId: string;
  kind: NotificationKind;
  /** Deterministic id: a retried activity raises the same notification once. */
  key: string;
  title: string;
  body?: string;
}

/**
 * Raises a notification for the tenant's people. `new_message` coalesces: while
 * the conversation has one nobody has read yet, that one is refreshed instead of
 * adding another (one unread per conversation, not one per message).
 */
export async function raiseNotification(
  { db }: DbDeps,
  input: RaiseNotificationInput,
): Promise<{ notificationId: string; created: boolean }> {
  if (input.kind === 'new_message') {
    const unread = await db.Notification.findOneAndUpdate(
      tenantFilter(input, { conversationId: input.conversationId, kind: 'new_message', readBy: { $size: 0 } }),
      { $set: { title: input.title, body: input.body ?? '' }, $inc: { count: 1 } },
      { new: true },
    ).lean();
    if (unread) {
      await appendEvent(db, input.tenantId, 'notification', {
        conversationId: input.conversationId,
        notificationId: unread._id,
        kind: input.kind,
        updated: true,
      });
      return { notificationId: String(unread._id), created: false };
    }
  }
  try {
    await db.Notification.create({
      _id: input.key,
      ...tenantFilter(input),
      kind: input.kind,
      conversationId: input.conversationId,
      title: input.title,
      body: input.body ?? '',
      readBy: [],
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) return { notificationId: input.key, created: false };
    throw err;
  }
  await appendEvent(db, input.tenantId, 'notification', {
    conversationId: input.conversationId,
    notificationId: input.key,
    kind: input.kind,
  });
  return { notificationId: input.key, created: true };
}
