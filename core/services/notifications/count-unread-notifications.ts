import { Types } from 'mongoose';
import type { DbDeps, TenantCall } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { visibleTo } from './list-notifications';

/** The bell's number: the tenant's notifications this person has not read. */
export async function countUnreadNotifications({ db }: DbDeps, { scope, actor }: TenantCall): Promise<number> {
  return db.Notification.countDocuments(
    tenantFilter(scope, { readBy: { $ne: new Types.ObjectId(actor.userId) }, ...visibleTo(actor.role) }),
  );
}
