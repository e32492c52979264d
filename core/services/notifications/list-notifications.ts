import { Types } from 'mongoose';
import { z } from 'zod';
import type { DbDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { can, PERMISSIONS, type Permission } from '../../auth/permissions';
import type { Role } from '../../db/models/user';

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
export function visibleTo(role: Role | undefined) {
  const granted = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => role !== undefined && can(role, p));
  return { $or: [{ requires: { $exists: false } }, { requires: { $in: granted } }] };
}

const WHOLE = 'page and limit must be positive whole numbers';
/** A page of notifications, from the query string. */
export const notificationPageSchema = z.object({
  page: z.coerce
    .number({ invalid_type_error: WHOLE })
    .int(WHOLE)
    .min(1, WHOLE)
    .max(10_000)
    .optional()
    .describe('From 1'),
  limit: z.coerce
    .number({ invalid_type_error: WHOLE })
    .int(WHOLE)
    .min(1, WHOLE)
    .max(100, 'At most 100 a page')
    .optional()
    .describe('Default 20'),
});

/** A user's notifications in a tenant: unread first, then newest first; paginated. */
export async function listNotifications(
  { db }: DbDeps,
  { scope, actor, input = {} }: TenantCall & { input?: z.infer<typeof notificationPageSchema> },
): Promise<{ items: NotificationView[]; unread: number; total: number; page: number; pageSize: number }> {
  const userId = new Types.ObjectId(actor.userId);
  const pageSize = Math.min(Math.max(input.limit ?? 20, 1), 100);
  const page = Math.max(input.page ?? 1, 1);
  const unreadFilter = tenantFilter(scope, { readBy: { $ne: userId }, ...visibleTo(actor.role) });
  const readFilter = tenantFilter(scope, { readBy: userId, ...visibleTo(actor.role) });
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
      read: (n.readBy ?? []).some((u) => String(u) === actor.userId),
      createdAt: n.createdAt?.toISOString() ?? '',
    })),
    unread,
    total: unread + read,
    page,
    pageSize,
  };
}
