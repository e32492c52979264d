import { Types } from 'mongoose';
import { notFound } from '../../errors';
import type { DbDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { visibleTo } from './list-notifications';

/** Marks one notification (or, without an id, all of the tenant's) read for this person. */
export async function markNotificationsRead(
  { db }: DbDeps,
  { scope, actor, id }: TenantCall & { id?: string },
): Promise<{ updated: number }> {
  const result = await db.Notification.updateMany(
    tenantFilter(scope, { ...visibleTo(actor.role), ...(id ? { _id: id } : {}) }),
    { $addToSet: { readBy: new Types.ObjectId(actor.userId) } },
    // Reading must not bump updatedAt: lists sort by it, and one person's read would reorder everyone's.
    { timestamps: false },
  );
  if (id && result.matchedCount === 0) throw notFound('This notification');
  return { updated: result.modifiedCount };
}
