import { isDuplicateKeyError } from '../../db';
import type { NotificationKind } from '../../db/models/notification';
import type { Permission } from '../../auth/permissions';
import { appendEvent } from '../../events/append-event';
import type { DbDeps } from '../deps';
import { findByIdInTenant, tenantFilter } from '../tenant-scope';

export interface RaiseNotificationInput {
  tenantId: string;
  conversationId: string;
  kind: NotificationKind;
  /** Deterministic id: a retried activity raises the same notification once. */
  key: string;
  title: string;
  body?: string;
  /** Only members whose role has this permission see it. */
  requires?: Permission;
}

/** Kinds that coalesce: one unread notification stands for many messages of one conversation (or number). */
const COALESCING: readonly NotificationKind[] = ['new_message', 'unrouted_message'];

/**
 * Raises a notification for the tenant's people. `new_message` (and `unrouted_message`) coalesces: while
 * the conversation has one nobody has read yet, that one is refreshed instead of
 * adding another (one unread per conversation, not one per message).
 */
export async function raiseNotification(
  { db }: DbDeps,
  input: RaiseNotificationInput,
): Promise<{ notificationId: string; created: boolean }> {
  const coalescing = COALESCING.includes(input.kind);
  const headId = `${input.tenantId}:${input.kind}:${input.conversationId}`;
  if (coalescing) {
    const head = await db.NotificationHead.findOne({ _id: headId }).lean();
    const current = head && (await findByIdInTenant(db.Notification, input, head.notificationId));
    if (current && current.readBy.length === 0 && current._id !== input.key) {
      await db.Notification.updateOne(
        { _id: current._id },
        { $set: { title: input.title, body: input.body ?? '' }, $inc: { count: 1 } },
      );
      await appendEvent(db, input.tenantId, 'notification', {
        conversationId: input.conversationId,
        notificationId: current._id,
        kind: input.kind,
        updated: true,
      });
      return { notificationId: String(current._id), created: false };
    }
  }
  let created = true;
  try {
    await db.Notification.create({
      _id: input.key,
      ...tenantFilter(input),
      kind: input.kind,
      conversationId: input.conversationId,
      title: input.title,
      body: input.body ?? '',
      readBy: [],
      ...(input.requires ? { requires: input.requires } : {}),
    });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    created = false;
  }
  // Also when a retry finds it stored: the first attempt may have died before this line.
  if (coalescing)
    await db.NotificationHead.updateOne(
      { _id: headId },
      { $set: { notificationId: input.key, ...tenantFilter(input) } },
      { upsert: true },
    );
  if (!created) return { notificationId: input.key, created: false };
  await appendEvent(db, input.tenantId, 'notification', {
    conversationId: input.conversationId,
    notificationId: input.key,
    kind: input.kind,
  });
  return { notificationId: input.key, created: true };
}
