import type { DbDeps, TenantCall } from '../deps';
import { findInTenant } from '../tenant-scope';

/**
 * A live (not deleted) conversation of the tenant, or 404 naming `what`: another
 * tenant's id is "not found" too, so nothing leaks about it.
 */
export async function findConversation(
  { db }: DbDeps,
  { scope, id }: Pick<TenantCall, 'scope'> & { id: string },
  what = 'This conversation',
) {
  return findInTenant(db.Conversation, scope, id, what, (c) => !c.deleted?.at);
}
