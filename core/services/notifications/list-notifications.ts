import { Types } from 'mongoose';
import type { Db } from '../../db';
import { can, PERMISSIONS, type Permission } from '../../auth/permissions';
import type { Role } from '../../db/models/user';
import { notFound } from '../../errors';

export interface NotificationView {
  id: string;
  kind: string;
  conversationId: string;
  title: string;
  body: string;
  count: number;
  read: boolean;
  createdAt: string;
}

interface Row {
  _id: string;
  kind: string;
  conversationId: string;
  title: string;
  body?: string;
  count?: number;
  readBy?: Types.ObjectId[];
  createdAt?: Date;
}

/** The notifications a role may see: those for everyone, and those needing a permission the role has. */
export function visibleTo(role: Role) {
  const granted = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
  return { $or: [{ requires: { $exists: false } }, { requires: { $in: granted } }] };
}

/** A user's notifications in a tenant: unread first, then newest first; paginated. */
export async function listNotifications(
  db: Db,
  input: { tenantId: string; userId: string; role: Role; page?: number; limit?: number },
): Promise<{ items: NotificationView[]; unread: number; total: number; page: number; pageSize: number }> {
  const tenantId = new Types.ObjectId(input.tenantId);
  const userId = new Types.ObjectId(input.userId);
  const pageSize = Math.min(Math.max(input.limit ?? 20, 1), 100);
  const page = Math.max(input.page ?? 1, 1);
  const unreadFilter = { tenantId, readBy: { $ne: userId }, ...visibleTo(input.role) };
  const readFilter = { tenantId, readBy: userId, ...visibleTo(input.role) };
  const [unread, read] = await Promise.all([
    db.Notification.countDocuments(unreadFilter),
    db.Notification.countDocuments(readFilter),
  ]);
  // Two sorted ranges (unread, then read) instead of a computed sort key: plain indexed queries.
  const skip = (page - 1) * pageSize;
  const unreadRows =
    skip < unread
      ? await db.Notification.find(unreadFilter).sort({ updatedAt: -1 }).skip(skip).limit(pageSize).lean<Row[]>()
      : [];
  const readRows =
    unreadRows.length < pageSize
      ? await db.Notification.find(readFilter)
          .sort({ updatedAt: -1 })
          .skip(Math.max(0, skip - unread))
          .limit(pageSize - unreadRows.length)
          .lean<Row[]>()
      : [];
  const rows = [...unreadRows, ...readRows];
  return {
    items: rows.map((n) => ({
      id: String(n._id),
      kind: n.kind,
      conversationId: n.conversationId,
      title: n.title,
      body: n.body ?? '',
      count: n.count ?? 1,
      read: (n.readBy ?? []).some((u) => String(u) === input.userId),
      createdAt: n.createdAt?.toISOString() ?? '',
    })),
    unread,
    total: unread + read,
    page,
    pageSize,
  };
}

/** Marks one notification (or, without an id, all of the tenant's) read for this user. */
export async function markNotificationsRead(
  db: Db,
  input: { tenantId: string; userId: string; role: Role; notificationId?: string },
): Promise<{ updated: number }> {
  const tenantId = new Types.ObjectId(input.tenantId);
  const result = await db.Notification.updateMany(
    { tenantId, ...visibleTo(input.role), ...(input.notificationId ? { _id: input.notificationId } : {}) },
    { $addToSet: { readBy: new Types.ObjectId(input.userId) } },
    // Reading must not bump updatedAt: lists sort by it, and one person's read would reorder everyone's.
    { timestamps: false },
  );
  if (input.notificationId && result.matchedCount === 0) throw notFound('This notification');
  return { updated: result.modifiedCount };
}
